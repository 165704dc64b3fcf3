"""The harvest workspace in Chromium: cards dragged onto themes, a ticked selection themed in one
move, merged by dropping one card on another and split back, themes renamed in place; each with
the mouse and with the keyboard alone, and 60 cards into 6 themes in a counted number of actions."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from facilitator.db import Database
from facilitator.core import agenda, events
from facilitator.activities.board import rules as board
from facilitator.activities.board.models import Card, Theme
from facilitator.core.models import Event
from tests import room_support as room
from tests.browser.axe import serious_violations
from tests.support import LiveClient, wait_for

THEMES = ["Walking and moving", "Someone to ask", "Support from peers", "Families and childcare", "Getting there",
          "Being heard"]

# Every piece of text in the workspace: not cut off sideways by a box or the window, and not tiny.
PROBLEMS = """
() => {
  const problems = [];
  const ws = document.querySelector('#workspace');
  for (const el of ws.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own && !['INPUT', 'BUTTON'].includes(el.tagName)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const name = `${el.tagName.toLowerCase()}.${el.className} "${(el.value || el.textContent).trim().slice(0, 40)}"`;
    if (parseFloat(getComputedStyle(el).fontSize) < 13) problems.push(`tiny: ${name}`);
    if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(`outside the window: ${name}`);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(`cut off: ${name}`);
    for (let up = el.parentElement; up && up !== ws.parentElement; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible') continue;
      const box = up.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`clipped by ${up.className}: ${name}`);
    }
  }
  // No card or theme lies over another (an open menu is meant to).
  for (const kind of ['section.ws-zone', 'li.ws-card']) {
    const boxes = [...ws.querySelectorAll(kind)].map((el) => [el, el.getBoundingClientRect()]);
    boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      if (a.contains(b) || b.contains(a)) return;
      if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1) {
        problems.push(`overlap: ${kind} "${a.textContent.slice(0, 30)}" and "${b.textContent.slice(0, 30)}"`);
      }
    }));
  }
  return problems;
}
"""


class Counted:
    """The facilitator's hands: every click, drag and key press goes through here and is counted."""

    def __init__(self, page):
        self.page = page
        self.actions = 0

    def click(self, locator, **kw):
        self.actions += 1
        locator.click(**kw)

    def drag(self, source, target):
        self.actions += 1
        source.drag_to(target)

    def press(self, key):
        self.actions += 1
        self.page.keyboard.press(key)

    def type(self, text):
        self.actions += 1  # typing a name is one step, however long the name
        self.page.keyboard.type(text)


@pytest.fixture
def server(module_server):
    """The module's one server: each test builds a café of its own, and looks only at its cards and themes."""
    return module_server


def of_event(code: str):
    """The id of the event with this code, for a query's WHERE (the module's server holds every test's events)."""
    return select(Event.id).where(Event.code == code).scalar_subquery()


@pytest.fixture
def desk(server, browser):
    """A café under way with its cards, and the console open on it at 1366x768."""
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    pages = []

    def open_(cards: int, texts: list[str] | None = None, harvest: bool = False, language: str | None = None):
        code = room.cafe_room(db, 60, tables=12, running=True, cards=cards)
        with db.session_scope() as s:
            for row, text in zip(s.scalars(select(Card).where(Card.event_id == of_event(code)).order_by(Card.id)), texts or []):
                row.text = text
            if harvest:  # the café is over: on to the harvest, with a dot vote open
                event = events.get_by_code(s, code)
                act = agenda.add_activity(s, event, "harvest")
                s.flush()
                agenda.go_to(s, event, act.id)
                board.open_vote(s, event, 3)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        pages.append(page)
        if language:
            console_in(page, language, server.url)
        page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        expect(page.locator("#workspace li.ws-card")).to_have_count(cards)
        ids = server.scalars(select(Card.id).where(Card.event_id == of_event(code)).order_by(Card.id))
        page.event_code = code
        return page, ids

    yield open_
    for page in pages:
        page.close()
    db.dispose()


def console_in(page, language: str, url: str):
    """The console in ``language``: its own setting, the header's choice kept in its cookie."""
    page.context.add_cookies([{"name": "fc_console_lang", "value": language, "url": f"{url}/console"}])


def card(page, card_id):
    return page.locator(f'#workspace li.ws-card[data-card="{card_id}"]')


def zone(page, name):
    return page.locator("#workspace section.ws-zone", has=page.locator(f'input.ws-theme-name[value="{name}"]'))


def chip(page, name):
    return page.locator("#workspace .ws-target", has_text=name)


def themes_of(server, ids):
    rows = dict(zip(server.scalars(select(Card.id).order_by(Card.id)), server.scalars(select(Card.theme_id).order_by(Card.id))))
    names = dict(zip(server.scalars(select(Theme.id).order_by(Theme.id)), server.scalars(select(Theme.name).order_by(Theme.id))))
    return {i: names.get(rows[i]) for i in ids}


def merged_into(server, card_id):
    return server.scalars(select(Card.merged_into_id).where(Card.id == card_id))[0]


def add_theme(page, hands: Counted, name):
    hands.click(page.locator("#theme-name"))
    hands.type(name)
    hands.press("Enter")
    expect(page.locator(f'#workspace input.ws-theme-name[value="{name}"]')).to_have_count(1)


def focused_card(page):
    return page.evaluate("() => document.activeElement.dataset.card ? Number(document.activeElement.dataset.card) : null")


def tab_until(page, hands: Counted, predicate: str, what: str):
    """Press Tab until ``predicate`` (JavaScript, on the focused element ``el``) holds."""
    for _ in range(200):
        hands.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate}); }}"):
            return
    raise AssertionError(f"Tab never reached {what}")


def tab_to_the_cards(page, hands: Counted):
    tab_until(page, hands, "el.dataset.card", "a card")
    return focused_card(page)


def add_theme_by_keyboard(page, hands: Counted, name):
    tab_until(page, hands, "el.id === 'theme-name'", "the new theme's name")
    hands.type(name)
    hands.press("Enter")
    expect(page.locator(f'#workspace input.ws-theme-name[value="{name}"]')).to_have_count(1)


def choose_in_menu(page, hands: Counted, wanted: str):
    """In the open "Move to…" menu, press ↓ until ``wanted`` has the focus, then Enter."""
    for _ in range(30):
        now = page.evaluate("() => document.activeElement.textContent")
        if now == wanted:
            hands.press("Enter")
            return
        hands.press("ArrowDown")
    raise AssertionError(f"no {wanted!r} in the menu")


# --- with the mouse ------------------------------------------------------------------


def test_cards_dragged_onto_a_theme_and_a_ticked_run_dropped_at_once(server, desk):
    page, ids = desk(8)
    hands = Counted(page)
    add_theme(page, hands, "Getting there")
    # Over the whole window the pile and the themes are side by side: a card dragged onto the theme.
    hands.click(page.get_by_role("button", name="Full window"))
    hands.drag(card(page, ids[0]), zone(page, "Getting there"))
    wait_for(lambda: themes_of(server, ids[:1]) == {ids[0]: "Getting there"}, message="the dragged card in its theme")
    expect(zone(page, "Getting there").locator("li.ws-card")).to_have_count(1)
    # In the console's column the themes wait in the bar that stays at the top: drop there.
    hands.click(page.get_by_role("button", name="Back to the console"))
    # Tick one, Shift+tick another: the run between them is selected; one drag takes them all.
    hands.click(card(page, ids[2]).locator(".ws-select"))
    hands.click(card(page, ids[5]).locator(".ws-select"), modifiers=["Shift"])
    expect(page.locator("#ws-count")).to_have_text("4 selected")
    hands.drag(card(page, ids[3]), chip(page, "Getting there"))
    wait_for(lambda: themes_of(server, ids) == {i: "Getting there" if i in (ids[0], *ids[2:6]) else None for i in ids},
             message="the ticked run in the theme")
    expect(zone(page, "Getting there").locator("li.ws-card")).to_have_count(5)
    expect(page.locator("#ws-count")).to_have_text("None selected")
    # Ticked cards put in a theme by clicking it; and back out of it the same way.
    hands.click(card(page, ids[1]).locator(".ws-select"))
    hands.click(card(page, ids[6]).locator(".ws-select"))
    hands.click(chip(page, "Getting there"))
    wait_for(lambda: themes_of(server, [ids[1], ids[6]]) == {ids[1]: "Getting there", ids[6]: "Getting there"})
    hands.click(card(page, ids[6]).locator(".ws-select"))
    hands.drag(card(page, ids[6]), chip(page, "No theme yet"))
    wait_for(lambda: themes_of(server, [ids[6]]) == {ids[6]: None}, message="the card back out of the theme")
    assert hands.actions == 14


def test_a_card_dropped_on_another_is_merged_and_split_back(server, desk):
    page, ids = desk(4)
    hands = Counted(page)
    hands.drag(card(page, ids[1]), card(page, ids[0]))
    wait_for(lambda: merged_into(server, ids[1]) == ids[0], message="the merge")
    expect(card(page, ids[1])).to_have_count(0)
    merged = card(page, ids[0]).locator("details.ws-merged")
    expect(merged.locator("summary")).to_have_text("1 merged in")
    hands.click(merged.locator("summary"))
    hands.click(merged.get_by_role("button", name="Split back"))
    wait_for(lambda: merged_into(server, ids[1]) is None, message="the split")
    expect(card(page, ids[1])).to_be_visible()
    expect(card(page, ids[0]).locator("details.ws-merged")).to_have_count(0)
    # Pinned and hidden from the card itself.
    hands.click(card(page, ids[2]).get_by_role("button", name="Pin", exact=True))
    expect(card(page, ids[2])).to_have_class("card ws-card pinned")
    hands.click(card(page, ids[3]).get_by_role("button", name="Hide", exact=True))
    wait_for(lambda: server.scalars(select(Card.pinned).where(Card.id == ids[2])) == [True]
             and server.scalars(select(Card.hidden).where(Card.id == ids[3])) == [True])
    expect(card(page, ids[3])).to_have_class("card ws-card hidden-card")


# --- with the keyboard alone ----------------------------------------------------------


def test_the_keyboard_alone_selects_cards_and_puts_them_in_a_theme(server, desk):
    page, ids = desk(6)
    hands = Counted(page)
    add_theme_by_keyboard(page, hands, "Being heard")
    first = tab_to_the_cards(page, hands)
    assert first == ids[0]
    hands.press("Space")
    hands.press("ArrowDown")
    hands.press("ArrowDown")
    hands.press("Space")
    expect(page.locator("#ws-count")).to_have_text("2 selected")
    hands.press("Enter")
    expect(page.get_by_role("menu")).to_be_visible()
    choose_in_menu(page, hands, "Put the 2 selected in: Being heard")
    wait_for(lambda: themes_of(server, ids[:3]) == {ids[0]: "Being heard", ids[1]: None, ids[2]: "Being heard"},
             message="the two selected cards in the theme")
    expect(page.get_by_role("menu")).to_have_count(0)
    # The focus stays on the pile, on the next card not moved, ready for the next one.
    wait_for(lambda: focused_card(page) == ids[3], message="the focus on the next card")
    # One card, no selection: Enter, then the theme.
    hands.press("Enter")
    choose_in_menu(page, hands, "Put this card in: Being heard")
    wait_for(lambda: themes_of(server, [ids[3]]) == {ids[3]: "Being heard"})
    expect(zone(page, "Being heard").locator("li.ws-card")).to_have_count(3)
    # ← → go from the pile to the theme beside it and back; Home and End to the first and last card.
    wait_for(lambda: focused_card(page) == ids[4])
    hands.press("ArrowRight")
    assert focused_card(page) in (ids[0], ids[2], ids[3])
    hands.press("ArrowLeft")
    assert focused_card(page) in (ids[1], ids[4], ids[5])
    hands.press("End")
    assert focused_card(page) == ids[3]
    hands.press("Home")
    assert focused_card(page) == ids[1]
    # Escape in the menu closes it and changes nothing.
    hands.press("Enter")
    expect(page.get_by_role("menu")).to_be_visible()
    hands.press("Escape")
    expect(page.get_by_role("menu")).to_have_count(0)
    assert focused_card(page) is not None


def test_the_keyboard_alone_merges_splits_pins_hides_and_renames(server, desk):
    page, ids = desk(4)
    hands = Counted(page)
    add_theme_by_keyboard(page, hands, "Places to sit")
    first = tab_to_the_cards(page, hands)
    assert first == ids[0]
    # Select the second card, go back to the first, merge the selection into it.
    hands.press("ArrowDown")
    hands.press("Space")
    hands.press("ArrowUp")
    hands.press("Enter")
    choose_in_menu(page, hands, "Merge the 1 selected into this card")
    wait_for(lambda: merged_into(server, ids[1]) == ids[0], message="the merge")
    expect(card(page, ids[1])).to_have_count(0)
    wait_for(lambda: focused_card(page) == ids[0])
    # Split back from the same menu.
    hands.press("Enter")
    choose_in_menu(page, hands, f"Split back: {room.INSIGHTS[1]} (2)")
    wait_for(lambda: merged_into(server, ids[1]) is None, message="the split")
    expect(card(page, ids[1])).to_be_visible()
    # Pin, then hide.
    wait_for(lambda: focused_card(page) == ids[0])
    hands.press("Enter")
    choose_in_menu(page, hands, "Pin this card")
    wait_for(lambda: server.scalars(select(Card.pinned).where(Card.id == ids[0])) == [True])
    wait_for(lambda: focused_card(page) == ids[0])
    hands.press("Enter")
    choose_in_menu(page, hands, "Hide this card from every screen")
    wait_for(lambda: server.scalars(select(Card.hidden).where(Card.id == ids[0])) == [True])
    # A theme renamed where it stands: Tab from the cards reaches its name.
    for _ in range(10):
        hands.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('ws-theme-name')"):
            break
    hands.press("Control+a")
    hands.type("Places to rest")
    hands.press("Enter")
    wait_for(lambda: server.scalars(select(Theme.name).where(Theme.event_id == of_event(page.event_code))) == ["Places to rest"],
             message="the rename")
    expect(chip(page, "Places to rest")).to_be_visible()


# --- 60 cards, 6 themes ----------------------------------------------------------------


def test_sixty_cards_go_into_six_themes_in_sixty_six_actions(server, desk, tmp_path):
    page, ids = desk(60)
    hands = Counted(page)
    for name in THEMES:
        add_theme(page, hands, name)
    assert hands.actions == 18  # three per theme: click the box, type the name, Enter
    hands.actions = 0
    started = time.monotonic()
    # Cards about the same thing are never side by side: card i belongs to theme i mod 6.
    want = {card_id: THEMES[i % 6] for i, card_id in enumerate(ids)}
    for k, name in enumerate(THEMES):
        mine = [card_id for i, card_id in enumerate(ids) if i % 6 == k]
        for card_id in mine:
            hands.click(card(page, card_id).locator(".ws-select"))
        expect(page.locator("#ws-count")).to_have_text("10 selected")
        hands.drag(card(page, mine[0]), chip(page, name))
        expect(chip(page, name)).to_contain_text(f"{name} (10)")
    elapsed = time.monotonic() - started
    assert hands.actions == 66, hands.actions
    wait_for(lambda: themes_of(server, ids) == want, message="every card in its theme on the server")
    expect(page.locator("#workspace section.ws-inbox li.ws-card")).to_have_count(0)
    print(f"\n60 cards into 6 themes: {hands.actions} actions (+18 to name the themes), {elapsed:.1f} s in Chromium")
    # The workspace as the facilitator sees it, in the console and over the whole window.
    page.locator("#workspace").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "workspace-in-console.png"))
    assert page.evaluate(PROBLEMS) == []
    hands.click(page.get_by_role("button", name="Full window"))
    page.screenshot(path=str(tmp_path / "workspace-full-window.png"))
    assert page.evaluate(PROBLEMS) == []


def test_sixty_cards_go_into_six_themes_with_sixty_key_presses(server, desk):
    """From the keyboard a theme's number puts the focused card in it and moves on to the next card."""
    page, ids = desk(60)
    hands = Counted(page)
    tab_until(page, hands, "el.id === 'theme-name'", "the new theme's name")
    for name in THEMES:
        hands.type(name)
        hands.press("Enter")
        expect(chip(page, name)).to_be_visible()
    first = tab_to_the_cards(page, hands)
    assert first == ids[0]
    hands.actions = 0
    started = time.monotonic()
    for i, card_id in enumerate(ids):
        assert focused_card(page) == card_id
        hands.press(str(i % 6 + 1))
    elapsed = time.monotonic() - started
    assert hands.actions == 60
    want = {card_id: THEMES[i % 6] for i, card_id in enumerate(ids)}
    wait_for(lambda: themes_of(server, ids) == want, message="every card in its theme on the server")
    for name in THEMES:
        expect(zone(page, name).locator("li.ws-card")).to_have_count(10)
    print(f"\n60 cards into 6 themes from the keyboard: {hands.actions} key presses, {elapsed:.1f} s in Chromium")


def test_sixty_cards_fit_the_window_before_any_theme(server, desk, tmp_path):
    page, ids = desk(60)
    page.get_by_role("button", name="Full window").click()
    for k, name in enumerate(THEMES[:3]):
        page.locator("#theme-name").fill(name)
        page.locator("#theme-name").press("Enter")
        expect(chip(page, name)).to_be_visible()
    page.locator("#workspace section.ws-inbox").hover()
    card(page, ids[4]).locator(".ws-select").click()
    card(page, ids[8]).locator(".ws-select").click()
    card(page, ids[8]).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("menu")).to_be_visible()
    page.screenshot(path=str(tmp_path / "workspace-full-window-menu.png"))
    assert page.evaluate(PROBLEMS) == []


def test_card_texts_full_of_html_show_as_typed_in_the_workspace_and_its_menu(server, desk):
    from tests.browser.test_text_is_text import NASTY_NAMES

    page, ids = desk(4, texts=NASTY_NAMES)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    expect(page.locator("#workspace .card-text")).to_have_count(4)
    assert sorted(page.locator("#workspace .card-text").all_inner_texts()) == sorted(NASTY_NAMES)
    page.get_by_role("button", name="Full window").click()
    card(page, ids[1]).drag_to(card(page, ids[0]))
    wait_for(lambda: merged_into(server, ids[1]) == ids[0], message="the merge")
    merged = card(page, ids[0]).locator("details.ws-merged")
    merged.locator("summary").click()
    expect(merged.locator("li .pre")).to_have_text(NASTY_NAMES[1])
    card(page, ids[0]).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("menuitem", name=f"Split back: {NASTY_NAMES[1]}")).to_be_visible()
    assert page.locator("#workspace img, #workspace svg, #workspace script").count() == 0
    assert dialogs == []


def test_the_harvest_console_has_the_same_workspace_with_each_cards_dots(server, desk):
    page, ids = desk(3, harvest=True)
    expect(page.locator("#vote-close")).to_be_visible()
    expect(card(page, ids[0]).locator(".votes")).to_have_text(" · 0 dots")
    hands = Counted(page)
    add_theme(page, hands, "Places to rest")
    hands.click(card(page, ids[0]).locator(".ws-select"))
    hands.click(card(page, ids[2]).locator(".ws-select"))
    hands.drag(card(page, ids[2]), chip(page, "Places to rest"))
    wait_for(lambda: themes_of(server, ids) == {ids[0]: "Places to rest", ids[1]: None, ids[2]: "Places to rest"})
    expect(chip(page, "Places to rest")).to_contain_text("Places to rest (2)")


def test_what_is_selected_typed_and_focused_survives_a_change_from_elsewhere(server, desk):
    """A card pinned from another console (or arriving from a table) redraws the board: nothing the facilitator was doing is lost."""
    page, ids = desk(4)
    card(page, ids[0]).locator(".ws-select").click()
    card(page, ids[2]).locator(".ws-select").click()
    page.locator("#theme-name").click()
    page.keyboard.type("Half a na")
    other = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        assert other.call("card.pin", {"event": page.event_code, "card": ids[3]})["ok"]
        expect(card(page, ids[3])).to_have_class("card ws-card pinned")
        expect(page.locator("#ws-count")).to_have_text("2 selected")
        expect(page.locator("#theme-name")).to_have_value("Half a na")
        expect(page.locator("#theme-name")).to_be_focused()
        # Focus on a card follows it when it moves to a theme from elsewhere.
        card(page, ids[1]).focus()
        theme = other.call("theme.create", {"event": page.event_code, "name": "Elsewhere"})["id"]
        assert other.call("cards.theme", {"event": page.event_code, "cards": [ids[1]], "theme": theme})["ok"]
        expect(zone(page, "Elsewhere").locator("li.ws-card")).to_have_count(1)
        expect(card(page, ids[1])).to_be_focused()
        expect(page.locator("#ws-count")).to_have_text("2 selected")
        assert [card(page, i).locator(".ws-select").is_checked() for i in ids] == [True, False, True, False]
    finally:
        other.close()


def test_near_duplicates_are_marked_and_drawn_side_by_side_and_one_drop_merges_them(desk, server, shots):
    texts = ["Allotments have a five year waiting list", "", "Libraries closing on Saturdays", "", "Swimming lessons for adults",
             "Community gardens on the estate", "Walking group every Tuesday", "", "Lunch club needs volunteers", ""]
    texts[1] = "Carers never get a break"
    texts[7] = "Unpaid carers never get a proper break"
    texts[3] = "No bus to the hospital after six"
    texts[9] = "There's no bus to hospital after six o'clock"
    page, ids = desk(10, texts)
    hands = Counted(page)
    hands.click(page.locator("#ws-near"))
    expect(page.locator("#ws-near-count")).to_have_text("2 groups of near-duplicates side by side")
    order = page.evaluate("() => [...document.querySelectorAll('#workspace li.ws-card')].map((el) => Number(el.dataset.card))")
    # Each pair sits together where its first card was; the rest keep their order.
    assert order == [ids[0], ids[1], ids[7], ids[2], ids[3], ids[9], ids[4], ids[5], ids[6], ids[8]]
    expect(card(page, ids[1]).locator(".ws-near-tag")).to_have_text("≈ A")
    expect(card(page, ids[7]).locator(".ws-near-tag")).to_have_text("≈ A")
    expect(card(page, ids[9]).locator(".ws-near-tag")).to_have_text("≈ B")
    expect(card(page, ids[0]).locator(".ws-near-tag")).to_have_count(0)
    assert page.evaluate(PROBLEMS) == []
    assert serious_violations(page) == []
    hands.click(page.locator("#ws-full"))
    assert page.evaluate(PROBLEMS) == []
    page.screenshot(path=str(shots / "console-near-duplicates.png"))
    hands.drag(card(page, ids[7]), card(page, ids[1]))
    wait_for(lambda: merged_into(server, ids[7]) == ids[1], message="the merge")
    expect(page.locator("#ws-near-count")).to_have_text("1 group of near-duplicates side by side")
    hands.click(page.locator("#ws-near-off"))
    expect(page.locator("#workspace .ws-near-tag")).to_have_count(0)


def test_the_workspace_in_welsh_fits_the_console_at_1366(server, desk, shots):
    """Welsh is longer than English: every button, theme, card and the "Move to…" menu still fit, unclipped."""
    page, ids = desk(60, language="cy")
    expect(page.locator("#ws-count")).to_have_text("Dim wedi'u dewis")
    for name in ["Cerdded a symud", "Rhywun i ofyn iddo", "Cyrraedd yno"]:
        page.locator("#theme-name").fill(name)
        page.locator("#theme-name").press("Enter")
        expect(chip(page, name)).to_be_visible()
    expect(page.locator("#ws-title")).to_have_text("Gweithle'r cynhaeaf: 60 cerdyn, 3 thema")
    card(page, ids[0]).locator(".ws-select").click()
    card(page, ids[3]).locator(".ws-select").click()
    expect(page.locator("#ws-count")).to_have_text("2 wedi'u dewis")
    page.locator("#workspace").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "console-workspace-cy-1366.png"))
    assert page.evaluate(PROBLEMS) == []
    page.get_by_role("button", name="Ffenestr lawn").click()
    card(page, ids[3]).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("menuitem", name="Rhoi'r 2 a ddewiswyd yn: Cyrraedd yno")).to_be_visible()
    page.screenshot(path=str(shots / "console-workspace-cy-full-window-menu.png"))
    assert page.evaluate(PROBLEMS) == []
