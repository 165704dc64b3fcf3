"""The piece comes to a person once, and says so once; phones at 200 % text (issue #16).

In Chromium at 360x740. Large text is the stylesheet's root size doubled
(`html { font-size: 225% }` over its 112.5 %), as a phone's text-size setting
does: everything sized in rem and em grows, px sizes stay. With PHONE_SHOTS
set to a folder, the tests leave screenshots there (normal and 200 % text).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.phone_support import facilitator, join, present, reconnect

VIEWPORT = {"width": 360, "height": 740}


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at its phones only."""
    return module_server


# Records what the phone buzzes and what its urgent live region says, as a screen reader would hear it.
LISTEN = """
window.__buzz = [];
Object.defineProperty(Navigator.prototype, "vibrate", { configurable: true, value: (p) => { window.__buzz.push(p); return true; } });
window.__said = [];
document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll("[role=alert], [aria-live=assertive]")) {
    new MutationObserver(() => { if (el.textContent.trim()) window.__said.push(el.textContent.trim()); })
      .observe(el, { childList: true, characterData: true, subtree: true });
  }
});
"""

LARGE_TEXT = """
document.addEventListener("DOMContentLoaded", () => { document.documentElement.style.fontSize = "225%"; });
"""

# Where the running clock sits: inside no live region (role=timer is off by default).
CLOCK_IN_LIVE_REGION = """
() => [...document.querySelectorAll("#piece .clock, .timer, .silence-left")].map((el) =>
  Boolean(el.closest('[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log], [role=marquee]')))
"""

# Anything clipped sideways: the page, and each header part that would cut its words with "…".
OVERFLOW = """
() => {
  const doc = document.documentElement;
  const cut = [...document.querySelectorAll('.bar > *')].filter((el) => !el.hidden && el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${el.id || el.className}: ${el.textContent}`);
  // An element past the right edge, or words running out of their box (a long word that does not wrap).
  const wide = [...document.querySelectorAll('body *')].filter((el) => el.getClientRects().length
    && !el.closest('.visually-hidden, .skip')
    && (el.getBoundingClientRect().right > doc.clientWidth + 1
      || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0)))
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`);
  return { page: [doc.scrollWidth, doc.clientWidth], cut, wide: wide.slice(0, 5) };
}
"""


def shot(page, name: str) -> None:
    folder = os.environ.get("PHONE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def fits(page, where: str) -> None:
    seen = page.evaluate(OVERFLOW)
    assert seen["page"][0] <= seen["page"][1], f"{where}: the page scrolls sideways {seen}"
    assert seen["wide"] == [], f"{where}: wider than the screen: {seen['wide']}"
    assert seen["cut"] == [], f"{where}: the header cuts its words: {seen['cut']}"


def in_first_screen(page, locator) -> None:
    box = locator.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], f"not on the screen: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORT["width"], f"not on the screen: {box}"


def new_phone(phone_context, *scripts):
    page = phone_context().new_page()
    for script in scripts:
        page.add_init_script(script)
    return page


def a_circle(server, console, config):
    code = server.create_event("Tuesday peer support circle, Hollybrook Community Centre")["code"]
    added = console.call("agenda.add", {"event": code, "kind": "checkin", "config": config})
    assert added["ok"], added
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    return code


def test_the_turn_is_announced_once_focus_moves_to_it_and_the_phone_buzzes_while_the_clock_stays_quiet(server, phone_context):
    console = facilitator(server)
    code = a_circle(server, console, {"turn_seconds": 90})
    bao = present(server, code, "Bao")
    page = new_phone(phone_context, LISTEN)
    join(page, server, code, "Amara")
    expect(page.get_by_text("The talking piece is waiting to begin.")).to_be_visible()

    assert console.call("circle.next", {"event": code})["ok"]
    expect(page.locator("#speaker")).to_have_text("Bao")
    # The clock ticks outside every live region; who holds the piece is said politely, once.
    expect(page.locator("#piece .clock")).not_to_have_text("")
    assert page.evaluate(CLOCK_IN_LIVE_REGION) == [False]
    assert page.locator("#app").get_attribute("aria-live") is None
    expect(page.get_by_role("status").filter(has_text="Bao holds the talking piece.")).to_have_count(1)
    assert page.evaluate("window.__said") == [] and page.evaluate("window.__buzz") == []

    assert console.call("circle.next", {"event": code})["ok"]
    turn = page.get_by_role("heading", name="It is your turn")
    expect(turn).to_be_focused()
    alert = page.get_by_role("alert")
    expect(alert).to_have_text("Your turn now: you hold the talking piece. Speak when you are ready, or pass.")
    for name in ("Done", "Pass"):
        in_first_screen(page, page.get_by_role("button", name=name, exact=True))
    assert page.evaluate("window.__buzz") == [[200, 100, 200]]
    shot(page, "circle-your-turn-normal")

    # More updates during the turn (more time, a reconnect): nothing is said or buzzed again.
    piece = page.locator("#piece")
    ends = piece.get_attribute("data-box-ends")
    assert console.call("circle.add_time", {"event": code, "seconds": 60})["ok"]
    expect(piece).not_to_have_attribute("data-box-ends", ends)
    reconnect(page)
    expect(turn).to_be_visible()
    assert page.evaluate(CLOCK_IN_LIVE_REGION) == [False]
    assert page.evaluate("window.__said") == ["Your turn now: you hold the talking piece. Speak when you are ready, or pass."]
    assert page.evaluate("window.__buzz") == [[200, 100, 200]]

    # Done takes the turn (and its focused button) away: focus goes to what comes next, not to the top.
    page.get_by_role("button", name="Done", exact=True).click()
    expect(page.locator("#activity .piece")).to_have_text("The circle is complete. Thank you, everyone.")
    expect(page.locator("#activity .piece")).to_be_focused()
    for client in (console, bao):
        client.close()


def test_at_200_percent_text_nothing_is_wider_than_the_phone_and_the_turn_is_on_the_first_screen(server, phone_context):
    console = facilitator(server)
    code = a_circle(server, console, {"turn_seconds": 90, "pulse": True})
    bao = present(server, code, "Bao")
    normal = new_phone(phone_context)
    normal.goto(f"{server.url}/j/{code}")
    expect(normal.get_by_role("button", name="Join", exact=True)).to_be_visible()
    shot(normal, "join-normal")

    page = new_phone(phone_context, LARGE_TEXT)
    page.goto(f"{server.url}/j/{code}")
    join_button = page.get_by_role("button", name="Join", exact=True)
    expect(join_button).to_be_visible()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "36px"
    fits(page, "join page")
    shot(page, "join-200")
    page.get_by_label("The name you would like to be known by").fill("Amara")
    join_button.click()
    expect(page.get_by_text("The talking piece is waiting to begin.")).to_be_visible()
    fits(page, "waiting for the round")

    # Something saved: the header says so in full, beside the title and the connection.
    page.get_by_text("The 3Cs pulse (anonymous)").click()
    page.get_by_label("Control 4 of 5").check()
    fits(page, "the 3Cs pulse")
    page.locator(".pulse-scale").first.scroll_into_view_if_needed()
    shot(page, "pulse-200")
    page.get_by_role("button", name="Send anonymously").click()
    expect(page.locator("#outbox")).to_have_text("All saved ✓")
    page.evaluate("window.scrollTo(0, 0)")
    fits(page, "after sending the pulse")
    shot(page, "circle-waiting-200")

    assert console.call("circle.next", {"event": code})["ok"]
    expect(page.locator("#speaker")).to_have_text("Bao")
    assert console.call("circle.next", {"event": code})["ok"]
    expect(page.get_by_role("heading", name="It is your turn")).to_be_focused()
    for name in ("Done", "Pass"):
        in_first_screen(page, page.get_by_role("button", name=name, exact=True))
    fits(page, "your turn")
    shot(page, "circle-your-turn-200")

    normal.get_by_label("The name you would like to be known by").fill("Chen")
    normal.get_by_role("button", name="Join", exact=True).click()
    expect(normal.locator("#speaker")).to_have_text("Amara")
    fits(normal, "someone else's turn")
    shot(normal, "circle-listening-normal")
    for client in (console, bao):
        client.close()


def test_the_cafe_at_200_percent_text_fits_the_phone_for_the_host_and_the_traveller(server, phone_context):
    console = facilitator(server)
    code = server.create_event("Health café")["code"]
    rounds = [{"question": "What keeps you well, and what would help you keep well through the winter?"}]
    added = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 1, "rounds": rounds}})
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    hana = new_phone(phone_context, LARGE_TEXT)
    join(hana, server, code, "Hana")
    ravi = new_phone(phone_context, LARGE_TEXT)
    join(ravi, server, code, "Ravi")
    hana.get_by_role("button", name="I'll host a table").click()
    expect(hana.get_by_role("button", name="I'd rather not host")).to_be_visible()
    assert console.call("cafe.round.start", {"event": code})["ok"]
    hana.get_by_label("Add an insight from this table").fill("Walking together every Tuesday")
    hana.get_by_role("button", name="Add card").click()
    expect(ravi.locator("#table-cards .card-text")).to_have_text(["Walking together every Tuesday"])
    expect(hana.locator("#outbox")).to_have_text("All saved ✓")
    for page, who in ((hana, "host"), (ravi, "traveller")):
        fits(page, f"café, {who}")
        shot(page, f"cafe-{who}-200")
        page.locator("#table-cards").scroll_into_view_if_needed()
        shot(page, f"cafe-{who}-cards-200")
    ravi.evaluate("document.documentElement.style.fontSize = ''")
    fits(ravi, "café, traveller, normal text")
    ravi.locator("#table-cards").scroll_into_view_if_needed()
    shot(ravi, "cafe-traveller-normal")
    console.close()
