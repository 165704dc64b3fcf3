"""A full check-in circle in Chromium: three phones, the big screen and the console; one person passes."""
import re

from playwright.sync_api import expect

from tests.support import LiveClient


def join(phone_context, url, code, name):
    page = phone_context().new_page()
    page.goto(f"{url}/j/{code}")
    page.get_by_label("The name you would like to be known by").fill(name)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text("The talking piece is waiting to begin.")).to_be_visible()
    return page


def test_a_check_in_goes_round_three_phones_and_the_one_who_passed_speaks_last(server, browser, phone_context):
    code = server.create_event("Check-in evening")["code"]
    facilitator = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        added = facilitator.call("agenda.add", {"event": code, "kind": "checkin", "config": {"turn_seconds": 120}})
        assert added["ok"], added
        assert facilitator.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    finally:
        facilitator.close()

    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.goto(f"{server.url}/e/{code}/screen")
    expect(projector.get_by_role("heading", name="What brings you here today?")).to_be_visible()

    amara = join(phone_context, server.url, code, "Amara")
    bao = join(phone_context, server.url, code, "Bao")
    chen = join(phone_context, server.url, code, "Chen")

    console = browser.new_page(viewport={"width": 1280, "height": 800})
    console.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    console.get_by_role("button", name="Start the round", exact=True).click()

    # The piece goes to Amara: her phone offers Done and Pass; everyone sees who holds it.
    expect(amara.get_by_role("heading", name="It is your turn")).to_be_visible()
    expect(projector.locator("#speaker")).to_have_text("Amara")
    expect(projector.locator("#next-up")).to_contain_text("Bao")
    expect(bao.locator("#speaker")).to_have_text("Amara")
    expect(bao.get_by_text("You are next.")).to_be_visible()
    expect(chen.get_by_role("button", name="Done")).to_have_count(0)
    # Clients count up from the stored start: no tick over the network.
    expect(projector.locator("#piece .clock")).to_have_text(re.compile(r"^0:0[1-9]$"))

    amara.get_by_role("button", name="Pass").click()
    expect(amara.get_by_text("You passed. The piece will come back to you after the others.")).to_be_visible()
    expect(projector.locator("#speaker")).to_have_text("Bao")
    expect(bao.get_by_role("heading", name="It is your turn")).to_be_visible()

    bao.get_by_role("button", name="Done").click()
    expect(projector.locator("#speaker")).to_have_text("Chen")
    expect(projector.locator("#next-up")).to_contain_text("Amara")
    chen.get_by_role("button", name="Done").click()

    # The one who passed is offered the piece again after the others.
    expect(amara.get_by_role("heading", name="It is your turn")).to_be_visible()
    expect(projector.locator("#speaker")).to_have_text("Amara")
    amara.get_by_role("button", name="Done").click()

    for page in (projector, amara, bao, chen):
        expect(page.get_by_text("The circle is complete. Thank you, everyone.")).to_be_visible()
    projector.close()
    console.close()
