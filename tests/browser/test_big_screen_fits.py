"""The big screen shows everything it exists to show, at 4, 60 and 200 people, on a 1080-line,
a 720-line and a 4:3 projector (a window opened at one size, then resized to the others, as
one dragged to the projector and put in full screen is): nothing clipped, nothing smaller than can be read from the back of
a hall, and what does not fit on one page is reached by turning the pages; and axe-core finds
no serious or critical accessibility violation in any of these states.

Most rooms are written straight into the server's database (tests/room_support.py); the
60-person check-in is also built as it happens: 58 phones simulated by socket.io clients and
two real Chromium phones join through the running server, and the console starts the round.
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests import room_support as room
from tests.browser.axe import serious_violations
from tests.support import LiveClient, close_all

PROJECTORS = [(1920, 1080), (1280, 720), (1024, 768)]

# Every visible piece of text on the screen (the activity and how to join): is it
# inside every box that clips it, inside the window, and at least the floor size?
PROBLEMS = """
() => {
  const floor = 32 * window.innerHeight / 1080 - 0.5;
  const problems = [];
  const roots = [document.querySelector('#activity'), document.querySelector('.joinbox'), document.querySelector('.arrivals')];
  // The screen's parts never overlap: how to join stays out of the activity and the arrivals.
  const parts = ['.screen-head', '#activity', '.joinbox', '.arrivals'].map((s) => [s, document.querySelector(s).getBoundingClientRect()])
    .filter(([, r]) => r.width && r.height);
  for (const [i, [one, a]] of parts.entries()) {
    for (const [other, b] of parts.slice(i + 1)) {
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push(`${one} overlaps ${other}`);
    }
  }
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own && el.tagName !== 'IMG') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;  // not shown (hidden, or on another page)
      const name = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`;
      // The join address may go to three quarters of the floor to stay on one line in its corner.
      if (own && parseFloat(getComputedStyle(el).fontSize) < (el.id === 'short-join' ? 0.75 * (floor + 0.5) - 0.5 : floor)) {
        problems.push(`too small (${getComputedStyle(el).fontSize}): ${name}`);
      }
      // A box that clips its own text (a question fitted to its band) holds all of it.
      const self = getComputedStyle(el);
      if (own && (self.overflow !== 'visible' || self.overflowY !== 'visible')
          && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        problems.push(`cut off inside its own box: ${name}`);
      }
      if (r.left < -1 || r.top < -1 || r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1) {
        problems.push(`outside the screen: ${name}`);
      }
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflow === 'visible' && style.overflowY === 'visible') continue;
        const box = up.getBoundingClientRect();
        if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1) {
          problems.push(`clipped by ${up.tagName.toLowerCase()}.${up.className}: ${name}`);
          break;
        }
      }
    }
  }
  return problems;
}
"""

# How to join's address: the lines its text is laid out on (one: never broken inside the
# address), whether it is cut off, and its size against the floor.
ADDRESS = """
() => {
  const el = document.querySelector('#short-join');
  const range = document.createRange();
  range.selectNodeContents(el);
  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  return { text: el.textContent, lines, cut: el.scrollWidth > el.clientWidth + 1,
           px: parseFloat(getComputedStyle(el).fontSize), floor: 32 * window.innerHeight / 1080 };
}
"""

SHOWN_ITEMS = """
(id) => [...document.querySelectorAll(`#${id} .paged-item:not(.paged-item-heading)`)]
  .filter((li) => !li.hidden).map((li) => li.textContent.replace(/\\s+/g, ' ').trim())
"""



ROOMS = {
    "check-in, 4 people": lambda db: room.checkin_room(db, 4, spoken=1),
    "check-in, 60 people": lambda db: room.checkin_room(db, 60),
    "check-in, 200 people": lambda db: room.checkin_room(db, 200, spoken=150),
    "café seated, 60 people": lambda db: room.cafe_room(db, 60, tables=12, running=False),
    "café seated, 200 people": lambda db: room.cafe_room(db, 200, tables=40, running=False),
    "café round, 60 people, 42 cards": lambda db: room.cafe_room(db, 60, tables=12, running=True, cards=42),
    "check-out, 60 people": lambda db: room.checkout_room(db, 60),
    "agreements, 60 people": lambda db: room.agreements_room(db, 60, accepted=8, proposed=12),
    "café seated, 4 people": lambda db: room.cafe_room(db, 4, tables=1, running=False),
    "café round, 4 people, 3 cards": lambda db: room.cafe_room(db, 4, tables=1, running=True, cards=3),
    # "Paused · 19:58 left" is wider than a countdown: the question beside it is still read whole.
    "café round paused, 4 people, 3 cards": lambda db: room.cafe_room(db, 4, tables=1, running=True, cards=3, paused=True),
    "café round paused, 60 people, 42 cards": lambda db: room.cafe_room(db, 60, tables=12, running=True, cards=42, paused=True),
    "harvest, 60 people, 42 cards": lambda db: room.cafe_room(db, 60, tables=12, running=True, cards=42, harvest=True),
    "check-out, 4 people": lambda db: room.checkout_room(db, 4),
    "welcome, 60 people": lambda db: room.consultation_room(db, 60, at="welcome"),
    "questions, 60 people": lambda db: room.consultation_room(db, 60, at="questions"),
    "consultation round, 60 people": lambda db: room.consultation_room(db, 60, at="consultation"),
    "goals, 200 people": lambda db: room.consultation_room(db, 200, at="goals"),
    "dot vote open, 4 people": lambda db: room.vote_room(db, 4, closed=False),
    "dot vote open, 60 people": lambda db: room.vote_room(db, 60, closed=False),
    "dot vote open, 200 people": lambda db: room.vote_room(db, 200, closed=False),
    "dot vote closed, 4 people": lambda db: room.vote_room(db, 4, closed=True),
    "dot vote closed, 60 people": lambda db: room.vote_room(db, 60, closed=True),
    "dot vote closed, 200 people": lambda db: room.vote_room(db, 200, closed=True),
}


def open_screen(browser, server, code, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(server.screen_url(code))
    expect(page.locator("#activity > *").first).to_be_visible()
    # Laid out: every paged list knows its pages (polled: the page's CSP allows no eval).
    laid_out = "() => [...document.querySelectorAll('.paged')].every((p) => p.dataset.pages)"
    for _ in range(500):
        if page.evaluate(laid_out):
            break
        page.wait_for_timeout(20)
    assert page.evaluate(laid_out), "the screen was never laid out"
    return page


def resize_screen(page, size) -> None:
    """The projector's window resized (dragged to the projector, put in full screen): wait until
    the screen has laid itself out again for the new size."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    wanted = f"{size[0]}x{size[1]}"
    for _ in range(500):
        if page.evaluate("() => window.screenTimings.laidOutFor") == wanted:
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"the screen was never laid out again at {wanted}")


@pytest.mark.parametrize("moment", list(ROOMS))
def test_every_moment_fits_each_projector_with_readable_text_and_no_serious_accessibility_violation(browser, room_server, moment):
    """Each moment on each projector size. The screen opens at one size and is then resized to the
    others, as a window dragged to the projector and put in full screen is; which size it opens at
    turns with the moment, so each size is tried both freshly opened and resized to."""
    server, db = room_server
    code = ROOMS[moment](db)
    first = list(ROOMS).index(moment) % len(PROJECTORS)
    sizes = PROJECTORS[first:] + PROJECTORS[:first]
    page = open_screen(browser, server, code, sizes[0])
    try:
        for size in sizes:
            if size != sizes[0]:
                resize_screen(page, size)
            at = f"at {size[0]}x{size[1]} ({'opened' if size == sizes[0] else 'resized'})"
            problems = page.evaluate(PROBLEMS)
            assert problems == [], at + "\n" + "\n".join(problems[:20])
            address = page.evaluate(ADDRESS)
            assert address["lines"] == 1 and not address["cut"] and address["px"] >= 0.75 * address["floor"] - 0.5, (at, address)
            # The QR code stays scannable in its corner: a fifth of the screen's height at least.
            assert page.locator("#qr").bounding_box()["height"] >= 0.2 * size[1] - 1, at
            # axe once per moment: the 720-line screen holds the same elements, paged smaller (and axe costs a second a run).
            if size == PROJECTORS[0]:
                found = serious_violations(page)
                assert found == [], "\n".join(found)
    finally:
        page.close()


def hold_pages(page, list_id) -> None:
    """Hold the turning at the first page, as the facilitator would before reading a list through.

    The pages may have turned by themselves while the screen loaded (a slow
    machine, a long list), so Home brings them back to page 1 after the hold.
    """
    page.keyboard.press(" ")
    page.keyboard.press("Home")
    box = page.locator(f"#{list_id}")
    if int(box.get_attribute("data-pages") or "1") > 1:
        expect(box.locator(".page-of")).to_contain_text("paused")
        expect(box).to_have_attribute("data-page", "1")


def to_the_last_page(page, list_id, most: int) -> list[str]:
    """Every item shown, turning the pages with the keyboard until the list says it is on its last
    (a list of rows may count its pages again as it builds them: a long name takes a row more)."""
    box = page.locator(f"#{list_id}")
    seen: list[str] = []
    for _ in range(most):
        seen += page.evaluate(SHOWN_ITEMS, list_id)
        if box.get_attribute("data-page") == box.get_attribute("data-pages"):
            break
        before = box.get_attribute("data-page")
        page.keyboard.press("ArrowRight")
        expect(box).not_to_have_attribute("data-page", before)
    return seen


def every_page(page, list_id) -> list[str]:
    """Turn the list's pages with the keyboard, as the facilitator would, and note every item shown."""
    pages = int(page.locator(f"#{list_id}").get_attribute("data-pages"))
    seen: list[str] = []
    for turn in range(pages):
        # The list says where it is, as the room reads it.
        if pages > 1:
            at = page.locator(f"#{list_id}").get_attribute("data-page")
            expect(page.locator(f"#{list_id} .page-of")).to_contain_text(f"page {at} of {pages}")
        seen += page.evaluate(SHOWN_ITEMS, list_id)
        before = page.locator(f"#{list_id}").get_attribute("data-page")
        page.keyboard.press("ArrowRight")
        if pages > 1:
            expect(page.locator(f"#{list_id}")).not_to_have_attribute("data-page", before)
    return seen


def test_the_seating_plan_for_200_reaches_every_name_in_alphabetical_pages(browser, room_server):
    server, db = room_server
    code = room.cafe_room(db, 200, tables=40, running=False)
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        assert int(page.locator("#plan").get_attribute("data-pages")) > 1
        hold_pages(page, "plan")  # so only the keys move it
        # The arrows step the held pages; Home goes back to the first.
        page.keyboard.press("ArrowRight")
        expect(page.locator("#plan")).to_have_attribute("data-page", "2")
        page.keyboard.press("Home")
        expect(page.locator("#plan")).to_have_attribute("data-page", "1")
        shown = every_page(page, "plan")
        names = [line.split("→")[0].strip() for line in shown]
        assert sorted(set(names)) == sorted(room.names(200))
        assert len(names) == 200
        assert names == sorted(names, key=str.casefold)
        assert all("Table" in line for line in shown)
    finally:
        page.close()


# Each item shown on the board's page: a table's name ("heading") or a card, with its table.
BOARD_PAGE = """
() => [...document.querySelectorAll('#board .paged-item')].filter((li) => !li.hidden).map((li) => ({
  heading: li.classList.contains('paged-item-heading'),
  continued: li.classList.contains('paged-continued'),
  table: li.firstElementChild.dataset.group,
  text: li.textContent.trim(),
}))
"""


def test_every_card_of_the_board_appears_on_some_page_table_by_table(browser, room_server):
    server, db = room_server
    code = room.cafe_room(db, 60, tables=12, running=True, cards=42)
    page = open_screen(browser, server, code, (1280, 720))
    try:
        expect(page.locator("#card-count")).to_have_text("From the tables (42)")
        hold_pages(page, "board")
        pages = int(page.locator("#board").get_attribute("data-pages"))
        seen = []
        for turn in range(pages):
            expect(page.locator("#board")).to_have_attribute("data-page", str(turn + 1))
            shown = page.evaluate(BOARD_PAGE)
            # A table's name is never left alone at the foot of a page; its cards follow it.
            assert not shown[-1]["heading"], shown
            # A page begins with a table's name: its own, or again "(continued)" when its cards go on.
            assert shown[0]["heading"] and shown[0]["table"] == shown[1]["table"], shown
            assert shown[0]["continued"] == shown[0]["text"].endswith(" (continued)"), shown
            if turn and shown[0]["continued"]:
                assert seen[-1][-1]["table"] == shown[0]["table"], (seen[-1], shown)
            seen.append(shown)
            page.keyboard.press("ArrowRight")
        # This board has a table whose cards go on over a page's end (its name comes again, "(continued)").
        assert any(shown[0]["continued"] for shown in seen[1:])
        cards = [item for shown in seen for item in shown if not item["heading"]]
        assert len(cards) == 42
        assert {c["text"] for c in cards} == {f"{room.INSIGHTS[i % len(room.INSIGHTS)]} ({i + 1})" for i in range(42)}
        # Table by table: each table's cards come together, under its name, with how many there are.
        tables = [c["table"] for c in cards]
        assert len(set(tables)) == 12 and all(tables.index(t) + tables.count(t) - 1 == len(tables) - 1 - tables[::-1].index(t) for t in tables)
        headings = [item for shown in seen for item in shown if item["heading"] and not item["continued"]]
        assert [h["table"] for h in headings] == list(dict.fromkeys(tables))
        count = {t: tables.count(t) for t in tables}
        assert [h["text"] for h in headings] == [f"{t} · {n} card{'s' if n > 1 else ''}" for t, n in count.items()]
        # Denser than a card or two a page: a 720-line screen shows at least six.
        assert sum(not item["heading"] for item in seen[0]) >= 6
    finally:
        page.close()


def test_the_speaker_is_on_the_page_shown_in_a_large_circle(browser, room_server):
    server, db = room_server
    code = room.checkin_room(db, 200, spoken=150)
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        speaker = page.locator("#speaker").inner_text()
        expect(page.locator("#circle-queue .paged-current")).to_be_visible()
        assert speaker in page.locator("#circle-queue .paged-current").inner_text()
        expect(page.locator("#circle-progress")).to_have_text("150 of 200 have spoken")
    finally:
        page.close()


def test_the_check_out_shows_the_3cs_at_check_in_and_now_as_a_chart(browser, room_server):
    server, db = room_server
    code = room.checkout_room(db, 60)
    page = open_screen(browser, server, code, (1280, 720))
    try:
        chart = page.locator("#pulse-chart")
        expect(chart.get_by_role("heading")).to_have_text("The 3Cs: at check-in, and now")
        # Each C is one picture with its words: what a screen reader says, and what the bars draw.
        expect(chart.get_by_role("img")).to_have_count(3)
        expect(chart.get_by_role("img", name="Control: 2.5 at check-in, 3.5 now, up 1.0")).to_be_visible()
        expect(chart.get_by_role("img", name="Contact: 3.0 at check-in, 4.0 now, up 1.0")).to_be_visible()
        control = chart.locator("[data-c=control]")
        expect(control).to_contain_text("2.5 → 3.5 +1.0")
        track = control.locator(".compare-track").first.bounding_box()["width"]
        before = control.locator(".compare-bar.before").bounding_box()["width"]
        now = control.locator(".compare-bar.now").bounding_box()["width"]
        assert abs(before / track - 2.5 / 5) < 0.02 and abs(now / track - 3.5 / 5) < 0.02
        # The averages alone are not shown again beside the chart.
        expect(page.locator(".pulse-results")).to_have_count(0)
    finally:
        page.close()


def test_the_facilitator_holds_steps_and_paces_the_pages_from_the_console(browser, room_server):
    server, db = room_server
    code = room.cafe_room(db, 200, tables=40, running=False)
    page = open_screen(browser, server, code, (1280, 720))
    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        plan = page.locator("#plan")
        desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        desk.get_by_text("Pages: every 8 s").click()
        desk.get_by_role("button", name="Hold the pages").click()
        expect(plan.locator(".page-of")).to_contain_text("paused")
        start = int(plan.get_attribute("data-page"))
        pages = int(plan.get_attribute("data-pages"))
        desk.get_by_role("button", name="Page on").click()
        expect(plan).to_have_attribute("data-page", str(start % pages + 1))
        desk.get_by_role("button", name="Page back").click()
        expect(plan).to_have_attribute("data-page", str(start))
        desk.get_by_label("Seconds a page").fill("3")
        desk.get_by_role("button", name="Set the pace").click()
        expect(page.locator("body")).to_have_attribute("data-pace", "3")
        desk.get_by_role("button", name="Turn the pages").click()
        expect(plan.locator(".page-of")).not_to_contain_text("paused")
        # Turning by itself again, at the new pace: the page moves on within a few seconds.
        expect(plan).not_to_have_attribute("data-page", str(start), timeout=7000)
    finally:
        desk.close()
        page.close()


def test_the_open_vote_shows_the_ballot_without_totals_then_the_close_ranks_only_the_ballot(browser, room_server):
    server, db = room_server
    code = room.vote_room(db, 60, closed=False)
    page = open_screen(browser, server, code, (1280, 720))
    try:
        expect(page.locator("#vote-hidden")).to_be_visible()
        expect(page.locator("#ranking")).to_have_count(0)
        # What people vote on, not the board by table: every theme and every card on the ballot, in the phones' order.
        expect(page.locator("#board")).to_have_count(0)
        entries = room.ballot_entries(db, code)
        expect(page.locator("#ballot-title")).to_have_text(f"On the ballot ({len(entries)})")
        hold_pages(page, "ballot")
        assert every_page(page, "ballot") == entries
        # The totals are kept for the close: no dots anywhere on the screen.
        expect(page.locator("#activity .votes")).to_have_count(0)
        assert " dot" not in page.locator("#ballot").inner_text()
    finally:
        page.close()
    code = room.vote_room(db, 60, closed=True)
    page = open_screen(browser, server, code, (1280, 720))
    try:
        expect(page.locator("#vote-hidden")).to_have_count(0)
        expect(page.locator("#ballot")).to_have_count(0)
        # The result has the screen to itself: the board is not shown again under it.
        expect(page.locator("#board")).to_have_count(0)
        hold_pages(page, "ranking")
        shown = every_page(page, "ranking")
        expected = room.ballot_totals(db, code)
        # Whole numbers first ("1.", never cut), then what was voted for and its dots ("16 dots", "1 dot"), most first.
        assert [line.split(". ", 1)[0] for line in shown] == [str(i + 1) for i in range(len(expected))]
        ranked = [line.split(". ", 1)[1].rsplit(" · ", 1) for line in shown]
        assert all(dots == (f"{dots.split()[0]} dot" if dots.split()[0] == "1" else f"{dots.split()[0]} dots") for _, dots in ranked), shown
        assert {label: int(dots.split()[0]) for label, dots in ranked} == expected
        assert [int(dots.split()[0]) for _, dots in ranked] == sorted(expected.values(), reverse=True)
    finally:
        page.close()


def test_with_live_totals_the_open_vote_shows_each_entrys_dots(browser, room_server):
    server, db = room_server
    code = room.vote_room(db, 4, closed=False, live_totals=True)
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        expect(page.locator("#vote-hidden")).to_have_count(0)
        expect(page.locator("#vote-live")).to_be_visible()
        entries = room.ballot_entries(db, code)
        counts = room.ballot_totals(db, code)
        shown = every_page(page, "ballot")
        assert [line.rsplit(" · ", 1)[0] for line in shown] == entries
        for line, entry in zip(shown, entries):
            n = counts.get(entry.split(" · ")[0], 0)
            assert line.endswith(f" · {n} {'dot' if n == 1 else 'dots'}"), line
    finally:
        page.close()


def test_a_long_join_address_stays_on_one_line_in_the_corner(browser, room_server):
    server, db = room_server
    code = room.checkin_room(db, 4, spoken=1)
    for size in PROJECTORS:
        page = open_screen(browser, server, code, size)
        try:
            short = page.evaluate(ADDRESS)
            assert short["lines"] == 1 and not short["cut"], short
            corner = page.locator(".joinbox").bounding_box()["width"]
            # A longer address than the test server's: the corner grows to hold it, never breaking it.
            page.evaluate("""() => {
              document.querySelector('#short-join').textContent = 'health.whitfield.example.org/j/3HR6-80A9';
              window.dispatchEvent(new Event('resize'));
            }""")
            for _ in range(200):
                if page.locator(".joinbox").bounding_box()["width"] > corner + 1:
                    break
                page.wait_for_timeout(20)
            address = page.evaluate(ADDRESS)
            assert address["lines"] == 1 and not address["cut"] and address["px"] >= 0.75 * address["floor"] - 0.5, address
            # At most a third of the screen (two fifths of a narrower 4:3 one).
            widest = 0.4 if size[0] / size[1] < 1.5 else 0.34
            assert corner + 1 < page.locator(".joinbox").bounding_box()["width"] <= widest * size[0] + 1
            problems = page.evaluate(PROBLEMS)
            assert problems == [], problems
        finally:
            page.close()


def test_the_goals_round_at_200_shows_many_names_a_page_and_reaches_everyone(browser, room_server):
    server, db = room_server
    code = room.consultation_room(db, 200, at="goals")
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        # The goals shared go under the talking piece: the order of the round has its column to itself.
        expect(page.locator(".circle-main #shared-goals")).to_be_visible()
        hold_pages(page, "circle-queue")
        assert len(page.evaluate(SHOWN_ITEMS, "circle-queue")) >= 18
        # In columns, at the floor or above.
        assert page.evaluate("() => getComputedStyle(document.querySelector('#circle-queue .paged-items')).gridTemplateColumns.split(' ').length") >= 2
        seen = to_the_last_page(page, "circle-queue", 60)
        numbers = [int(line.split(".", 1)[0]) for line in seen]
        assert set(numbers) == set(range(1, 201))
        assert page.evaluate(PROBLEMS) == []
    finally:
        page.close()


def test_a_board_of_a_few_cards_grows_its_text_to_fill_the_screen(browser, room_server):
    server, db = room_server
    code = room.cafe_room(db, 4, tables=1, running=True, cards=3)
    for size in PROJECTORS:
        page = open_screen(browser, server, code, size)
        try:
            floor = 32 * size[1] / 1080
            sizes = page.evaluate("() => [...document.querySelectorAll('#board .card-text')].map((p) => parseFloat(getComputedStyle(p).fontSize))")
            # Three cards are read from the back of the hall: well over the floor (a narrower 4:3 screen has less
            # width to grow them in), up to twice the screen's text.
            least = 1.5 if size[0] / size[1] < 1.5 else 1.6
            assert len(sizes) == 3 and all(least * floor <= px <= 2 * 3.2 * size[1] / 100 + 0.5 for px in sizes), (sizes, floor)
            assert page.evaluate(PROBLEMS) == []
        finally:
            page.close()


# --- rooms of 4, 60 and 200 that joined through the server ---------------------------------------

CHROMIUM_PHONES = 2


def _moves(people: int) -> int:
    """How often the console moves the piece on before the screen is looked at."""
    return min(20, people // 3)


@pytest.fixture(scope="module", params=[4, 60, 200], ids=lambda n: f"{n}-people")
def live_checkin(request, browser, room_server):
    """A check-in of 4, 60 or 200 people who joined as they would: socket.io phones (joined over
    HTTP, then connected) and two Chromium phones at 360x740 through the join page; two thirds
    answer the 3Cs, and the console moves the piece on (twenty times, or once for four)."""
    people = request.param
    server, _ = room_server
    code = server.create_event("Whitfield health gathering")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    added = console.call("agenda.add", {"event": code, "kind": "checkin",
                                        "config": {"pulse": True, "turn_seconds": 90, "prompt": "How are you arriving today?"}})
    assert added["ok"], added
    assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    names = room.names(people)
    simulated = names[: people - CHROMIUM_PHONES]

    def phone(name):
        return LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, name)}).connect()

    with ThreadPoolExecutor(8) as pool:
        phones = list(pool.map(phone, simulated))
    contexts, pages = [], []
    try:
        for name in names[len(simulated):]:
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
            contexts.append(context)
            page = context.new_page()
            page.goto(f"{server.url}/j/{code}")
            page.get_by_label("The name you would like to be known by").fill(name)
            page.get_by_role("button", name="Join", exact=True).click()
            expect(page.get_by_text("The talking piece is waiting to begin.")).to_be_visible()
            pages.append(page)
        for i, client in enumerate(phones[: people * 2 // 3]):
            answered = client.call("pulse.answer", {"control": 2 + i % 4, "contact": 3 + i % 3, "confidence": 1 + i % 5})
            assert answered.get("answered"), answered
        assert console.call("circle.start", {"event": code})["ok"]
        for _ in range(_moves(people)):
            assert console.call("circle.next", {"event": code})["ok"]
        # The phones joined eight at a time, so the order of the round is the order the server
        # took their joins in: who holds the piece now is the console's to say.
        watched = console.call("console.watch", {"event": code})
        speaker = watched["snapshot"]["activity"]["speaker"]["label"]
        yield server, code, names, pages, speaker
    finally:
        for context in contexts:
            context.close()
        close_all([*phones, console])


def test_a_check_in_whose_people_joined_by_phone_fits_and_lists_everyone(browser, live_checkin):
    """On each projector size in turn (the window resized), every name in the order of the round."""
    server, code, names, phones, speaker_name = live_checkin
    people = len(names)
    spoken = _moves(people)
    page = open_screen(browser, server, code, PROJECTORS[0])
    try:
        expect(page.locator("#count")).to_have_text(str(people))
        expect(page.locator("#circle-progress")).to_have_text(f"{spoken} of {people} {'has' if spoken == 1 else 'have'} spoken")
        assert speaker_name in page.locator("#speaker").inner_text()
        # The two Chromium phones see who holds the piece, as the screen does.
        for phone in phones:
            expect(phone.locator("body")).to_contain_text(speaker_name)
        found = serious_violations(page)
        assert found == [], "\n".join(found)
        hold_pages(page, "circle-queue")
        queue = page.locator("#circle-queue")
        for size in PROJECTORS:
            resize_screen(page, size)
            page.keyboard.press("Home")
            expect(queue).to_have_attribute("data-page", "1")
            problems = page.evaluate(PROBLEMS)
            assert problems == [], f"at {size}\n" + "\n".join(problems[:20])
            address = page.evaluate(ADDRESS)
            assert address["lines"] == 1 and not address["cut"], (size, address)
            # Every name in the order of the round, the Chromium phones' too, page by page.
            seen = to_the_last_page(page, "circle-queue", people)
            listed = {re.sub(r"^\d+\.\s*", "", line).removesuffix("(passed)").strip() for line in seen}
            assert listed == set(names), size
    finally:
        page.close()


def test_in_an_activity_the_corner_shows_the_laptops_address_at_full_size_and_the_code_below_it(browser, room_server):
    """The address under the QR code is the laptop's own during an activity ("192.0.2.2:8080"): its
    home page asks for the code, which is the next line. So it needs no shrinking below the floor."""
    server, db = room_server
    code = room.checkin_room(db, 60, spoken=20)
    page = open_screen(browser, server, code, PROJECTORS[0])
    try:
        for size in PROJECTORS:
            resize_screen(page, size)
            host = page.locator("#short-join .join-host")
            expect(host).to_have_text(server.url.split("://", 1)[1])
            expect(page.locator("#short-join .join-path")).to_be_hidden()
            expect(page.locator("#join-code")).to_be_visible()
            address = page.evaluate(ADDRESS)
            assert address["lines"] == 1 and not address["cut"], (size, address)
            px = float(host.evaluate("(el) => getComputedStyle(el).fontSize").removesuffix("px"))
            assert px >= address["floor"] - 0.5, (size, px, address)
    finally:
        page.close()
