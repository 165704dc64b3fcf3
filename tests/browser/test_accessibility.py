"""axe-core on the pages people use: no serious or critical violation on the phone's pages, in a
paused or spotlit screen, and in the console (the big screen in each moment is checked by
test_big_screen_fits.py, in every state it lays out)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import room_support as room
from tests.browser.axe import serious_violations
from tests.support import LiveClient


def test_a_paused_and_a_spotlit_screen_have_no_serious_accessibility_violation(browser, room_server):
    server, db = room_server
    code = room.cafe_room(db, 12, tables=3, running=True, cards=5)
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server.screen_url(code))
    try:
        assert console.call("screen.mode", {"event": code, "mode": "paused"})["ok"]
        expect(page.locator("#activity")).to_be_hidden()
        assert serious_violations(page) == []
        assert console.call("screen.mode", {"event": code, "mode": "live"})["ok"]
        theme = console.call("theme.create", {"event": code, "name": "Getting about"})["id"]
        assert console.call("screen.spotlight", {"event": code, "theme": theme})["ok"]
        expect(page.locator("#spotlight-text")).to_have_text("Getting about")
        assert serious_violations(page) == []
    finally:
        page.close()
        console.close()


def test_the_phone_pages_have_no_serious_accessibility_violation(browser, room_server):
    server, db = room_server
    code = room.checkin_room(db, 4, spoken=0)
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/j/{code}")
        expect(page.get_by_label("The name you would like to be known by")).to_be_visible()
        assert serious_violations(page) == []
        page.get_by_label("The name you would like to be known by").fill("Sam")
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator("#app")).to_contain_text("talking piece")
        assert serious_violations(page) == []
    finally:
        context.close()


CONSOLE_MOMENTS = {
    "check-in": lambda db: room.checkin_room(db, 60),
    "café round": lambda db: room.cafe_room(db, 60, tables=12, running=True, cards=20),
    "harvest": lambda db: room.cafe_room(db, 20, tables=4, running=True, cards=20, harvest=True),
    "agreements": lambda db: room.agreements_room(db, 20, accepted=3, proposed=4),
}


@pytest.mark.parametrize("moment", list(CONSOLE_MOMENTS))
def test_the_console_and_its_co_host_menu_have_no_serious_accessibility_violation(browser, room_server, moment):
    """The console at a laptop's size with the co-host menu open (its QR code and link) and
    the roster showing who was removed, and the co-host's phone page in the same moment."""
    server, db = room_server
    code = CONSOLE_MOMENTS[moment](db)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    phone = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        expect(page.locator("#roster li").first).to_be_visible()
        page.get_by_text("Co-host", exact=True).click()
        page.get_by_role("button", name="Make a co-host link").click()
        expect(page.locator("#cohost-qr")).to_be_visible()
        page.locator("#roster-filter").select_option("removed")
        found = serious_violations(page)
        assert found == [], "\n".join(found)
        phone.goto(page.locator("#cohost-link").input_value())
        expect(phone.locator("#cohost-title")).not_to_have_text("Co-host")
        assert serious_violations(phone) == []
    finally:
        page.close()
        phone.close()
