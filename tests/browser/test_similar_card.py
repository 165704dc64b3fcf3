"""A host writes what another table already said: the phone offers a "+1" to that card instead."""
from playwright.sync_api import expect

from tests.support import LiveClient


def test_a_host_typing_a_near_duplicate_is_offered_the_card_and_a_plus_one_adds_to_it(server, browser, phone_context, shots):
    code = server.create_event("Health café")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    cafe_id = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 2, "capacity": 2, "rounds": [{"question": "What keeps you well?"}]}})["id"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe_id})["ok"]
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(server.screen_url(code))
    phones = {}
    # Two hosts, and two travellers so that there are two tables.
    for name in ("Hana", "Ravi", "Bo", "Cy"):
        page = phone_context().new_page()
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label("The name you would like to be known by").fill(name)
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator("#cafe-where")).to_have_text("The café will begin soon")
        if name in ("Hana", "Ravi"):
            page.get_by_role("button", name="I'll host a table").click()
            expect(page.get_by_role("button", name="I'd rather not host")).to_be_visible()
        phones[name] = page
    assert console.call("cafe.round.start", {"event": code})["ok"]
    hana, ravi = phones["Hana"], phones["Ravi"]
    ravi.get_by_label("Add an insight from this table").fill("No bus to the hospital after six")
    ravi.get_by_role("button", name="Add card").click()
    expect(ravi.locator("#card-status")).to_have_text("Saved ✓")

    box = hana.get_by_label("Add an insight from this table")
    box.fill("")
    box.press_sequentially("There's no bus to hospital after six o'clock")
    offer = hana.locator("#card-similar")
    expect(offer).to_contain_text("A similar card is already on the board:")
    expect(offer).to_contain_text("No bus to the hospital after six")
    # What was typed stays in the box while the offer appears.
    expect(box).to_have_value("There's no bus to hospital after six o'clock")
    hana.screenshot(path=str(shots / "phone-similar-card.png"), full_page=True)

    offer.get_by_role("button", name="+1 to: No bus to the hospital after six").click()
    expect(hana.locator("#card-status")).to_have_text("Your +1 is on the board ✓")
    expect(hana.locator("#card-similar")).to_have_count(0)
    expect(box).to_have_value("")
    # The card it joined counts one more on the big screen, and no second card appears there.
    expect(projector.get_by_text("+1 similar")).to_be_visible()
    expect(projector.get_by_text("There's no bus to hospital after six o'clock")).to_have_count(0)
    cards = console.call("console.watch", {"event": code})["snapshot"]["activity"]["cards"]
    assert [(c["text"], c["merged"]) for c in cards] == [("No bus to the hospital after six", 1)]
    hana.screenshot(path=str(shots / "phone-similar-card-plus-one.png"), full_page=True)
