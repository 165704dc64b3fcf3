"""A world café in Chromium: two tables, two hosts, four travellers, two rounds, a card and a vote."""
import re

from playwright.sync_api import expect

from tests.support import LiveClient

NAMES = ["Hana", "Ravi", "Bo", "Cy", "Di", "Ed"]


def test_two_rounds_send_each_phone_to_a_new_table_and_a_hosts_card_is_voted_up(server, browser, phone_context):
    code = server.create_event("Health café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    rounds = [{"question": "What keeps you well?"}, {"question": "What could we do together?"}]
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 2, "rounds": rounds}})["id"]
    assert console.call("agenda.add", {"event": code, "kind": "harvest"})["ok"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]

    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{server.url}/e/{code}/screen")
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
    expect(projector.locator("#plan")).to_contain_text("Host: Hana")
    expect(phones["Bo"].locator(".timer")).to_have_text(re.compile(r"(19|20):\d\d left"))

    host_table = next(t for t in first if t["host"] == "Hana")
    hana = phones["Hana"]
    hana.get_by_label("Add an insight from this table").fill("Walking together every Tuesday")
    hana.get_by_role("button", name="Add card").click()
    expect(hana.locator("#card-status")).to_have_text("Saved ✓")
    expect(projector.locator("#recent-cards")).to_contain_text("Walking together every Tuesday")
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
    ravi = phones["Ravi"]
    expect(ravi.locator("#cafe-where")).to_contain_text("You are hosting")
    ravi.get_by_label("Add an insight from this table").fill("A lift share to the surgery")
    ravi.get_by_role("button", name="Add card").click()
    expect(ravi.locator("#card-status")).to_have_text("Saved ✓")
    expect(projector.locator("#recent-cards")).to_contain_text("A lift share to the surgery")
    assert console.call("cafe.round.end", {"event": code})["ok"]

    assert console.call("agenda.next", {"event": code})["ok"]
    assert console.call("vote.open", {"event": code, "dots": 2})["ok"]
    ranking = projector.locator("#ranking li")
    expect(ranking.first).to_contain_text("Walking together every Tuesday")
    bo = phones["Bo"]
    expect(bo.locator("#dots-left")).to_have_text("You have 2 dots left")
    bo.get_by_role("button", name="Give a dot to: A lift share to the surgery").click()
    expect(bo.locator("#dots-left")).to_have_text("You have 1 dot left")
    expect(ranking.first).to_contain_text("A lift share to the surgery")
    expect(ranking.first).to_contain_text("1")
    console.close()
    projector.close()
