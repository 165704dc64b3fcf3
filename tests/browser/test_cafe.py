"""A world café in Chromium: two tables, two hosts, four travellers, two rounds, a card and a vote."""
import re

import pytest
from playwright.sync_api import expect

from tests.support import LiveClient, wait_for


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at it only."""
    return module_server


NAMES = ["Hana", "Ravi", "Bo", "Cy", "Di", "Ed"]


def test_two_rounds_send_each_phone_to_a_new_table_and_a_hosts_card_is_voted_up(server, browser, phone_context):
    code = server.create_event("Health café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    rounds = [{"question": "What keeps you well?"}, {"question": "What could we do together?"}]
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 2, "rounds": rounds}})["id"]
    assert console.call("agenda.add", {"event": code, "kind": "harvest"})["ok"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]

    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.goto(server.screen_url(code))
    phones = {}
    for name in NAMES:
        page = phone_context().new_page()
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label("The name you would like to be known by").fill(name)
        page.get_by_role("button", name="Join", exact=True).click()
        phones[name] = page
    for name in NAMES:
        expect(phones[name].locator("#cafe-where")).to_have_text("The café will begin soon")
    for host in ("Hana", "Ravi"):
        phones[host].get_by_role("button", name="I'll host a table").click()
        expect(phones[host].get_by_role("button", name="I'd rather not host")).to_be_visible()

    def plan():
        return console.call("console.watch", {"event": code})["snapshot"]["activity"]["plan"]

    def check_phones(table_plan, prefix):
        for table in table_plan:
            for member in table["members"]:
                where = phones[member["label"]].locator("#cafe-where")
                if member["host"]:
                    expect(where).to_contain_text(f"hosting {table['name']}" if prefix is None else f"You host {table['name']}")
                else:
                    expect(where).to_have_text(f"{prefix or ''}{table['name']}, hosted by {table['host']}")

    def mates(table_plan):
        return {frozenset(m["label"] for m in t["members"] if not m["host"]) for t in table_plan}

    assert console.call("cafe.round.start", {"event": code})["ok"]
    first = plan()
    assert sorted(t["host"] for t in first) == ["Hana", "Ravi"]
    assert sorted(len(t["members"]) for t in first) == [3, 3]
    check_phones(first, None)
    # While people move to their tables the screen says where each name sits, alphabetically.
    expect(projector.locator("#plan .paged-item", has_text="Hana")).to_contain_text("(host)")
    expect(phones["Bo"].locator(".timer")).to_have_text(re.compile(r"(19|20):\d\d left"))

    host_table = next(t for t in first if t["host"] == "Hana")
    hana = phones["Hana"]
    hana.get_by_label("Add an insight from this table").fill("Walking together every Tuesday")
    hana.get_by_role("button", name="Add card").click()
    expect(hana.locator("#card-status")).to_have_text("Saved ✓")
    # The board grows live on the big screen, grouped by table to begin with.
    board = projector.locator("#board")
    expect(board.locator(f'.board-item[data-group="{host_table["name"]}"]')).to_contain_text("Walking together every Tuesday")
    expect(projector.locator("#card-count")).to_have_text("From the tables (1)")
    # The facilitator pins it and groups the board by round from the café's console; a pin is not a new card.
    desk = browser.new_page(viewport={"width": 1280, "height": 800})
    desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    desk.locator(".console-cards li", has_text="Walking together every Tuesday").get_by_role("button", name="Pin").click()
    expect(board.locator(".card.pinned")).to_contain_text("Walking together every Tuesday")
    expect(projector.locator("#card-count")).to_have_text("From the tables (1)")
    desk.locator(".console-cards li", has_text="Walking together every Tuesday").get_by_role("button", name="Unpin").click()
    expect(board.locator(".card.pinned")).to_have_count(0)
    expect(projector.locator("#card-count")).to_have_text("From the tables (1)")
    desk.get_by_label("Group the board by").select_option("round")
    expect(board.locator('.board-item[data-group="Round 1"]')).to_contain_text("Walking together every Tuesday")
    for member in host_table["members"]:
        if not member["host"]:
            expect(phones[member["label"]].locator("#cafe-where")).to_contain_text(host_table["name"])

    assert console.call("cafe.round.end", {"event": code})["ok"]
    second = plan()
    # Travellers who shared a table are split up; each host meeting one of
    # their travellers again is all that cannot be avoided (2 repeats).
    for old in mates(first):
        for new in mates(second):
            assert len(old & new) <= 1
    rounds_now = console.call("console.watch", {"event": code})["snapshot"]["activity"]["all_rounds"]
    assert rounds_now[1]["repeats"] == 2
    check_phones(second, "Round 1 is over. Next: go to ")
    assert console.call("cafe.round.start", {"event": code}) == {"ok": True, "round": 2}
    # The big screen and the console were sent the round alone (not the plan, not the board):
    # they show it under way and keep the rest as it was.
    expect(projector.locator(".timer")).to_have_text(re.compile(r"(19|20):\d\d left"))
    expect(desk.locator("#cafe-console-plan li")).to_have_count(2)
    expect(desk.locator("#cafe-console-plan")).to_contain_text("Bo")
    expect(desk.locator("#now-state")).to_contain_text("Round 2 of 2 is under way.")
    desk.locator("#cafe-pause").click()
    expect(projector.locator(".timer")).to_contain_text("Paused")
    expect(desk.locator("#now-state")).to_contain_text("Round 2 of 2 is paused.")
    # Said once: the café's panel below does not say it again.
    expect(desk.get_by_text(re.compile(r"Round 2 of 2\b.*paused"))).to_have_count(1)
    desk.locator("#cafe-extend").click()
    expect(projector.locator(".timer")).to_have_text(re.compile(r"Paused · (24|25):\d\d left"))
    desk.locator("#cafe-resume").click()
    expect(desk.locator("#now-state")).to_contain_text("Round 2 of 2 is under way.")
    expect(projector.locator(".timer")).to_have_text(re.compile(r"(24|25):\d\d left"))
    expect(board.locator('.board-item[data-group="Round 1"]')).to_contain_text("Walking together every Tuesday")
    # Hana's round-one card is in her "My cards": she can still edit it.
    my_card = hana.locator("#my-cards li", has_text="Walking together every Tuesday")
    hana.once("dialog", lambda dialog: dialog.accept("Walking together every Tuesday and Friday"))
    my_card.get_by_role("button", name="Edit this card").click()
    expect(board).to_contain_text("Walking together every Tuesday and Friday")
    expect(my_card).to_contain_text("and Friday")
    ravi = phones["Ravi"]
    expect(ravi.locator("#cafe-where")).to_contain_text("You are hosting")
    ravi.get_by_label("Add an insight from this table").fill("A lift share to the surgery")
    ravi.get_by_role("button", name="Add card").click()
    expect(ravi.locator("#card-status")).to_have_text("Saved ✓")
    expect(board.locator('.board-item[data-group="Round 2"]')).to_contain_text("A lift share to the surgery")
    expect(projector.locator("#card-count")).to_have_text("From the tables (2)")
    assert console.call("cafe.round.end", {"event": code})["ok"]

    assert console.call("agenda.next", {"event": code})["ok"]
    assert console.call("vote.open", {"event": code, "dots": 2})["ok"]
    # While the vote is open the room sees no running totals: the result comes at the close.
    expect(projector.locator("#vote-hidden")).to_be_visible()
    ranking = projector.locator("#ranking li")
    bo = phones["Bo"]
    expect(bo.locator("#dots-left")).to_have_text("You have 2 dots left")
    bo.get_by_role("button", name="Give a dot to: A lift share to the surgery").click()
    expect(bo.locator("#dots-left")).to_have_text("You have 1 dot left")
    expect(bo.locator(".vote-target", has_text="A lift share to the surgery").locator(".my-dots")).to_have_text("1 of yours")
    expect(ranking).to_have_count(0)
    assert console.call("vote.close", {"event": code})["ok"]
    expect(ranking).to_have_count(1)
    expect(ranking.first).to_contain_text("1. A lift share to the surgery · 1 dot")
    console.close()
    desk.close()
    projector.close()


def test_the_facilitator_names_the_tables_and_times_each_round_and_a_save_keeps_the_names(server, browser):
    code = server.create_event("Set-up café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    config = {"tables": ["Garden", "Kitchen"], "capacity": 5, "rounds": 2, "minutes": 20}
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": config})["id"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]

    def saved():
        return console.call("console.watch", {"event": code})["snapshot"]["activity"]["config"]

    desk = browser.new_page(viewport={"width": 1280, "height": 900})
    desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    desk.get_by_text("Set up tables and rounds").click()
    expect(desk.get_by_label("Name of table 1")).to_have_value("Garden")
    desk.get_by_label("Seats at table 2").fill("6")
    desk.get_by_label("Number of tables").fill("3")  # a new table takes the seats of the last one
    desk.get_by_label("Number of tables").press("Tab")
    desk.get_by_label("Name of table 3").fill("Porch")
    desk.get_by_label("Question for round 1").fill("What keeps you well?")
    desk.get_by_label("Minutes for round 2").fill("15")
    desk.get_by_role("button", name="Save set-up").click()
    wait_for(lambda: len(saved()["tables"]) == 3, message="the set-up was not saved")
    assert saved()["tables"] == [{"name": "Garden", "capacity": 5}, {"name": "Kitchen", "capacity": 6}, {"name": "Porch", "capacity": 6}]
    assert [(r["question"], r["minutes"]) for r in saved()["rounds"]] == [("What keeps you well?", 20), ("", 15)]
    # Saving again (a new question) leaves the names and seats as they are.
    desk.get_by_label("Question for round 2").fill("Who could we reach together?")
    desk.get_by_role("button", name="Save set-up").click()
    wait_for(lambda: saved()["rounds"][1]["question"] == "Who could we reach together?")
    assert [t["name"] for t in saved()["tables"]] == ["Garden", "Kitchen", "Porch"]
    console.close()
    desk.close()


def test_offers_to_host_appear_and_go_on_the_console_one_at_a_time(server, browser):
    """The console keeps the list of people offering to host from one offer (or withdrawal) at a time."""
    code = server.create_event("Offers café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    config = {"tables": 2, "capacity": 5, "rounds": 2, "minutes": 20}
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": config})["id"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]
    phones = {name: LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, name)}).connect()
              for name in ("Sam", "Ada", "Kofi")}
    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        expect(desk.locator("#now-state")).to_contain_text("Nobody is seated yet.")
        offers = desk.locator("#cafe-volunteers")
        for name in ("Sam", "Ada", "Kofi"):
            assert phones[name].call("cafe.volunteer", {"host": True})["ok"]
        expect(offers).to_have_text("Offered to host: Sam, Ada, Kofi")
        assert phones["Ada"].call("cafe.volunteer", {"host": False})["ok"]
        expect(offers).to_have_text("Offered to host: Sam, Kofi")
    finally:
        desk.close()
        for p in phones.values():
            p.close()
        console.close()


def test_a_late_arrival_at_full_tables_is_told_it_waits_and_the_console_is_told_to_make_room(server, browser, phone_context):
    """Every seat is taken when someone arrives: their phone does not promise a table that never
    comes, the console says what to do, and once there is room the facilitator seats them."""
    code = server.create_event("Full café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 1, "capacity": 3, "rounds": 2}})["id"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]
    seated = [LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, name)}).connect()
              for name in ("Sam", "Ada", "Bo")]
    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        assert console.call("cafe.round.start", {"event": code})["ok"]
        desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        expect(desk.locator("#now-state")).to_contain_text("under way")
        late = phone_context().new_page()
        late.goto(f"{server.url}/j/{code}")
        late.get_by_label("The name you would like to be known by").fill("Kofi")
        late.get_by_role("button", name="Join", exact=True).click()
        expect(late.locator("#cafe-where")).to_have_text("Every table is full just now")
        expect(late.locator("#cafe-waiting")).to_have_text(
            "The facilitator can see that you are waiting and will make room for you at a table.")
        expect(desk.locator("#cafe-full")).to_have_text(
            '1 person is waiting for a seat and every table is full: add a table or raise the tables\' capacity in '
            '"Set up tables and rounds", then seat them.')
        assert console.call("cafe.setup", {"event": code, "config": {"tables": [{"name": "Table 1", "capacity": 4}]}})["ok"]
        expect(desk.locator("#cafe-full")).to_have_count(0)
        desk.get_by_role("button", name="Seat 1 late arrival").click()
        expect(late.locator("#cafe-where")).to_have_text("Table 1")
        expect(late.locator("#cafe-waiting")).to_have_count(0)
        expect(desk.get_by_role("button", name="Seat 1 late arrival")).to_have_count(0)
    finally:
        desk.close()
        for client in seated:
            client.close()
        console.close()
