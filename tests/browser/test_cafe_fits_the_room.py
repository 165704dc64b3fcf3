"""The café console at 1366x768 with 60 people: the warning before a round when the seats
do not fit, one click to use the suggested tables, a recount as people arrive, and a host
control that says when a change applies (#17 item 3)."""

import pytest
from playwright.sync_api import expect

from facilitator.db import Database
from facilitator.core import agenda, events
from facilitator.activities.cafe import rules as cafe
from tests import room_support as room
from tests.support import LiveClient, wait_for


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes a café of its own and opens the console on it."""
    return module_server


def _template_cafe(server, people: int) -> str:
    """The template's café (4 tables of 5) with ``people`` connected phones."""
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    try:
        with db.session_scope() as s:
            event = room._event(s, "Whitfield health gathering", [{"kind": "cafe", "config": {
                "tables": 4, "rounds": [{"question": room.QUESTION}, {"question": "Who could we reach together?"}]}}])
            room._people(s, event, people)
            agenda.go_to(s, event, event.activities[0].id)
            return event.code
    finally:
        db.dispose()


def _desk(browser, server, code):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    expect(page.locator("#cafe-buttons")).to_be_visible()
    return page


def test_sixty_people_at_four_tables_are_warned_before_the_round_and_one_click_fits_them(server, browser, shots):
    code = _template_cafe(server, 60)
    desk = _desk(browser, server, code)
    warning = desk.locator("#cafe-fit")
    expect(warning).to_contain_text("60 people are here but the 4 tables seat 20: 40 would have no seat.")
    expect(warning).to_contain_text('Use 15 tables of 5 seats (Use this), or change them in "Set up tables and rounds".')
    start = desk.get_by_role("button", name="Start round")
    # Near Start round, and both on the first screen the facilitator sees.
    desk.locator("#now").scroll_into_view_if_needed()
    w, b = warning.bounding_box(), start.bounding_box()
    assert 0 <= b["y"] - (w["y"] + w["height"]) < 40, (w, b)
    assert b["y"] + b["height"] <= 768, "Start round is below the fold with the warning above it"
    expect(desk.locator("#cafe-proposal")).to_contain_text("60 people here: 15 tables of 4 (suggested)")
    desk.screenshot(path=str(shots / "console-cafe-60-warning.png"))

    warning.get_by_role("button", name="Use this").click()
    expect(desk.locator("#cafe-fit")).to_have_count(0)
    expect(desk.locator("#cafe-proposal")).to_contain_text("the tables are set up like this")
    expect(desk.locator("#cafe-console-plan > li")).to_have_count(15)

    # Someone without a phone is added at the door: the proposal recounts at once.
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        assert console.call("participant.add", {"event": code, "name": "Jo Bevan"})["ok"]
    finally:
        console.close()
    expect(desk.locator("#cafe-proposal")).to_contain_text("61 people here: 15 tables (14 of 4 and 1 of 5) (suggested)")
    desk.get_by_role("button", name="Start round").click()
    expect(desk.locator("#now-state")).to_contain_text("Round 1 of 2 is under way.")
    expect(desk.locator("#cafe-fit")).to_have_count(0)
    desk.screenshot(path=str(shots / "console-cafe-60-round.png"))


def test_the_host_control_says_a_change_applies_from_the_next_round_and_never_snaps_back(server, browser, shots):
    code = _template_cafe(server, 24)
    desk = _desk(browser, server, code)
    desk.locator("#cafe-fit-use, #cafe-proposal-use").first.click()  # 6 tables of 4
    expect(desk.locator("#cafe-console-plan > li")).to_have_count(6)
    desk.get_by_role("button", name="Start round").click()
    expect(desk.locator("#now-state")).to_contain_text("Round 1 of 2 is under way.")
    first = desk.locator("#cafe-console-plan > li").first
    expect(first.get_by_text("Host from the next round", exact=True)).to_be_visible()
    expect(first.locator(".host-when")).to_have_text("")
    chosen = room.names(24)[5]
    # A name typed with the people list's help; nobody of that name is said so, and nothing is sent.
    host = first.get_by_label("Host from the next round")
    host.fill("Nobody Of That Name")
    host.press("Enter")
    expect(first.locator(".host-when")).to_contain_text("Nobody here is called “Nobody Of That Name”")
    host.fill(chosen)
    host.press("Enter")
    expect(first.locator(".host-when")).to_contain_text(f"{chosen} hosts from the next round")
    expect(first.get_by_label("Host from the next round")).to_have_value(chosen)

    desk.get_by_role("button", name="End round").click()
    expect(desk.locator("#now-state")).to_contain_text("Round 2 of 2: seated, not started.")
    first = desk.locator("#cafe-console-plan > li").first
    expect(first.get_by_text("Host", exact=True)).to_be_visible()
    expect(first.locator(".host-when")).to_have_text("a change applies now: the round is seated again")
    expect(first).to_contain_text("(4 of 5 seats)")
    other = room.names(24)[9]
    first.get_by_label("Host", exact=True).fill(other)
    first.get_by_label("Host", exact=True).press("Enter")
    expect(first.get_by_label("Host", exact=True)).to_have_value(other)
    # Applied at once: the coming round is seated again with them hosting Table 1. (The field shows
    # the typed name at once; the server's answer may come a moment later on a busy machine.)
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()

    def table_one():
        plan = console.call("console.watch", {"event": code})["snapshot"]["activity"]["plan"]
        return plan[0] if plan[0]["host"] == other else None

    try:
        seated = wait_for(table_one, message=f"{other} never hosted Table 1")
    finally:
        console.close()
    assert any(m["label"] == other and m["host"] for m in seated["members"])
    first.scroll_into_view_if_needed()
    desk.screenshot(path=str(shots / "console-cafe-host-now.png"))


def test_the_console_counts_tables_exactly_as_the_domain_does(server, browser):
    code = _template_cafe(server, 3)
    desk = _desk(browser, server, code)
    expect(desk.locator("#cafe-fit")).to_have_text(
        "3 people are here: they sit at 1 table of the 4, so nobody sits alone. The others are used as more people arrive.")
    sizing = {"per_table": cafe.PEOPLE_PER_TABLE, "most": cafe.MOST_AT_TABLE, "default_capacity": cafe.DEFAULT_CAPACITY,
              "max_tables": cafe.MAX_TABLES}
    rooms = [[{"name": "T", "capacity": c}] * n for n, c in ((4, 5), (1, 20), (12, 6), (3, 2), (250, 8))]
    ns = list(range(0, 130)) + [599, 1000, 1999, 2000, 2401]
    js = desk.evaluate("""async ([ns, rooms, sizing]) => {
        const src = [...document.scripts].find((s) => s.src.endsWith("console.js")).src;
        const m = await import(new URL("activities/cafe.js", src));
        return ns.map((n) => [m.proposeTables(n, sizing) && m.proposeTables(n, sizing).text,
                              rooms.map((tables) => m.fitWarning(n, tables, sizing))]);
    }""", [ns, rooms, sizing])
    for n, (text, warnings) in zip(ns, js):
        proposal = cafe.propose_tables(n)
        assert text == (proposal.text() if proposal else None), n
        assert warnings == [cafe.fit_warning(n, tables) for tables in rooms], n


def test_the_host_fields_share_one_list_of_names_however_many_tables(server, browser):
    """Not a dropdown of everyone per table: 60 people at 12 tables are 60 options, not 732."""
    code = _template_cafe(server, 60)
    desk = _desk(browser, server, code)
    desk.locator("#cafe-fit-use, #cafe-proposal-use").first.click()
    expect(desk.locator("#cafe-console-plan > li")).to_have_count(15)
    expect(desk.locator("#cafe-people option")).to_have_count(60)
    assert desk.evaluate("document.querySelectorAll('#now option').length") < 100
    # Who sits with whom, by name and from the keyboard.
    names = room.names(60)
    desk.get_by_label("First person").fill(names[3])
    desk.get_by_label("Second person").fill(names[4])
    desk.get_by_label("Second person").press("Enter")
    expect(desk.locator("#cafe-constraints")).to_contain_text(f"{names[3]} and {names[4]} always sit together")
    expect(desk.get_by_label("First person")).to_have_value("")
    desk.get_by_label("Who stays at one table").fill("Someone Else")
    desk.get_by_label("Who stays at one table").press("Enter")
    expect(desk.locator("#cafe-rule-note")).to_contain_text("Nobody here is called “Someone Else”")
    # Someone arriving now can be chosen at once (the list follows the roster's deltas).
    server.join(code, "Late Lowri")
    expect(desk.locator("#cafe-people option")).to_have_count(61)
    host = desk.locator("#cafe-console-plan > li").first.get_by_label("Host")
    host.fill("Late Lowri")
    host.press("Enter")
    expect(desk.locator("#cafe-console-plan > li").first.get_by_label("Host")).to_have_value("Late Lowri")
