"""From the console the facilitator pauses the big screen (its title and how to join, nothing
else) and puts one card in the spotlight, full-screen, then takes it down."""
import pytest
from playwright.sync_api import expect

from facilitator.db import Database
from tests import room_support as room
from tests.support import LiveClient


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at it only."""
    return module_server


def test_the_facilitator_pauses_the_screen_and_spotlights_a_card(server, browser):
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    try:
        code = room.cafe_room(db, 12, tables=3, running=True, cards=5)
    finally:
        db.dispose()
    projector = browser.new_page(viewport={"width": 1920, "height": 1080})
    projector.goto(server.screen_url(code))
    expect(projector.locator("#board")).to_be_visible()

    desk = browser.new_page(viewport={"width": 1366, "height": 768})
    desk.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    desk.get_by_role("button", name="Pause the big screen").click()
    expect(desk.locator("#presenting-now")).to_contain_text("Paused")
    expect(projector.locator("#activity")).to_be_hidden()
    expect(projector.locator("#screen-title")).to_have_text("Whitfield health gathering")
    assert projector.locator("#qr").bounding_box()["height"] >= 0.45 * 1080
    desk.get_by_role("button", name="Back to live").click()
    expect(projector.locator("#board")).to_be_visible()

    card = room.INSIGHTS[2] + " (3)"
    desk.get_by_label("Put in the spotlight").select_option(label=card)
    desk.get_by_role("button", name="Spotlight it").click()
    spot = projector.locator("#spotlight-text")
    expect(spot).to_have_text(card)
    expect(projector.locator("#activity")).to_be_hidden()
    box = spot.bounding_box()
    assert box["y"] + box["height"] <= 1080 and box["x"] + box["width"] <= 1920
    # Full-screen: far larger than the board's text, never under the floor.
    assert float(spot.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")) >= 64
    desk.get_by_role("button", name="Take the spotlight down").click()
    expect(projector.locator("#spotlight")).to_be_hidden()
    expect(projector.locator("#board")).to_be_visible()
    desk.close()
    projector.close()


def test_a_spotlighted_card_leaves_the_screen_when_its_author_withdraws_it(server, browser):
    code = server.create_event("Spotlight")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    cafe = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 1, "anyone_can_post": True}})["id"]
    assert console.call("agenda.goto", {"event": code, "activity": cafe})["ok"]
    sam = LiveClient(server.url, {"role": "participant", "event": code, "token": server.join(code, "Sam")}).connect()
    assert console.call("cafe.round.start", {"event": code})["ok"]
    card = sam.call("card.add", {"text": "Something I said too soon", "cid": "spot-withdraw-1"})["id"]
    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.goto(server.screen_url(code))
    assert console.call("screen.spotlight", {"event": code, "card": card})["ok"]
    expect(projector.locator("#spotlight-text")).to_have_text("Something I said too soon")
    assert sam.call("card.withdraw", {"card": card})["ok"]
    expect(projector.locator("#spotlight")).to_be_hidden()
    projector.close()
    sam.close()
    console.close()
