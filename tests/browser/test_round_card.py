"""The host's round card on a 360 px phone: written while the round runs, read by the next group at that table."""
import os
from pathlib import Path

from playwright.sync_api import expect

from tests.support import LiveClient

NAMES = ["Hana", "Ravi", "Bo", "Cy", "Di", "Ed"]
ESSENCE = "Loneliness, not the bus, keeps people at home."
QUESTION = "Who could knock on a neighbour's door?"


def test_a_hosts_round_card_reaches_the_next_rounds_phones_at_that_table(server, browser, phone_context, tmp_path):
    # $SCREENSHOTS_DIR to keep them and look, else the test's folder.
    shots = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path)
    code = server.create_event("Health café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    rounds = [{"question": "What keeps you well?"}, {"question": "What could we do together?"}]
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 2, "rounds": rounds}})["id"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]
    phones = {}
    for name in NAMES:
        page = phone_context().new_page()
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label("The name you would like to be known by").fill(name)
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator("#cafe-where")).to_have_text("The café will begin soon")
        phones[name] = page
    for host in ("Hana", "Ravi"):
        phones[host].get_by_role("button", name="I'll host a table").click()
        expect(phones[host].get_by_role("button", name="I'd rather not host")).to_be_visible()
    assert console.call("cafe.round.start", {"event": code})["ok"]
    hana = phones["Hana"]
    # Only hosts get the form.
    expect(hana.locator("#round-card-1")).to_be_visible()
    for name in ("Bo", "Cy", "Di", "Ed"):
        expect(phones[name].locator("#cafe-where")).to_contain_text("hosted by")
        expect(phones[name].locator("form.round-card")).to_have_count(0)

    essence = hana.get_by_label("The essence of this round (one or two lines)")
    essence.fill(ESSENCE)
    # A live update while she types (the round gets five more minutes) keeps her words.
    assert console.call("cafe.round.extend", {"event": code, "minutes": 5})["ok"]
    expect(hana.locator(".timer")).to_contain_text("24:")
    expect(essence).to_have_value(ESSENCE)
    hana.get_by_label("A question for the next group").fill(QUESTION)
    hana.get_by_role("button", name="Save the card").click()
    expect(hana.locator("#round-card-status-1")).to_have_text("Saved ✓")
    expect(hana.get_by_role("button", name="Update the card")).to_be_visible()

    assert console.call("cafe.round.end", {"event": code})["ok"]
    plan = console.call("console.watch", {"event": code})["snapshot"]["activity"]["plan"]
    hanas = next(t for t in plan if t["host"] == "Hana")
    arrivals = [m["label"] for m in hanas["members"]]
    assert "Hana" in arrivals and len(arrivals) >= 3
    for name in NAMES:
        handed = phones[name].locator("#handed-on")
        if name in arrivals:  # the host too
            expect(handed).to_contain_text("From the last group at this table")
            expect(handed.locator("#handed-on-essence")).to_have_text(ESSENCE)
            expect(handed.locator("#handed-on-question")).to_have_text(f"Their question for you: {QUESTION}")
        else:
            expect(handed).to_have_count(0)
    newcomer = phones[next(n for n in arrivals if n != "Hana")]
    # Nothing of the card is cut off at 360 px.
    box = newcomer.locator("#handed-on").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert newcomer.evaluate("() => document.documentElement.scrollWidth") <= 360
    newcomer.screenshot(path=str(shots / "phone-round-card-arrival-360.png"))
    hana.screenshot(path=str(shots / "phone-round-card-host-360.png"), full_page=True)
    # The facilitator's console keeps every table's card per round for the harvest.
    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    listed = desk.locator("#cafe-round-cards li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(f"Round 1, {hanas['name']}: {ESSENCE}")
    expect(listed).to_contain_text(f"For the next group: {QUESTION}")
    listed.scroll_into_view_if_needed()
    desk.screenshot(path=str(shots / "console-round-cards-1366.png"))
    desk.close()
