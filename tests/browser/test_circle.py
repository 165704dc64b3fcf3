"""A full check-in circle in Chromium: three phones, the big screen and the console; one person passes."""
import re

import pytest
from playwright.sync_api import expect

from tests.support import LiveClient


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at it only."""
    return module_server


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
    projector.goto(server.screen_url(code))
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


def test_the_facilitator_sets_the_circle_from_the_console_and_a_pause_holds_the_silence(server, browser, phone_context):
    code = server.create_event("Settings evening")["code"]
    facilitator = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        added = facilitator.call("agenda.add", {"event": code, "kind": "checkin"})
        assert added["ok"], added
        assert facilitator.call("agenda.add", {"event": code, "kind": "checkout"})["ok"]
        assert facilitator.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
        assert facilitator.call("agreements.add", {"event": code, "text": "It's OK to pass"})["ok"]
    finally:
        facilitator.close()

    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    # The page's clock is ours to move on, to see that a paused silence stays still.
    projector.clock.install()
    projector.goto(server.screen_url(code))
    # The group's agreements have their own moment (the welcome, the agreements activity):
    # during the circle the screen gives its room to the circle.
    expect(projector.locator("#circle-queue")).to_be_visible()
    expect(projector.locator("#our-agreements")).to_have_count(0)
    amara = join(phone_context, server.url, code, "Amara")
    join(phone_context, server.url, code, "Bao")

    console = browser.new_page(viewport={"width": 1280, "height": 800})
    console.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    now = console.locator("#now")
    now.get_by_text("Settings: prompt, silence, time, order, closings").click()
    now.get_by_label("Prompt").fill("What are you carrying today?")
    now.get_by_label("Opening silence, in seconds (0 for none)").fill("30")
    now.get_by_role("button", name="Save settings").click()
    expect(amara.get_by_text("What are you carrying today?")).to_be_visible()
    expect(projector.get_by_role("heading", name="What are you carrying today?")).to_be_visible()

    console.get_by_role("button", name="Begin the silence (30 s)").click()
    expect(projector.locator("#silence")).to_be_visible()
    # "I'll go first" during the silence keeps the silence: the offer is noted.
    amara.get_by_role("button", name="I'll go first").click()
    expect(amara.locator("#you-go-first")).to_be_visible()
    expect(projector.locator("#silence")).to_be_visible()
    expect(projector.locator(".piece-next")).to_contain_text("Amara")

    console.get_by_role("button", name="Pause", exact=True).click()
    expect(projector.get_by_text("Paused. We will carry on shortly.")).to_be_visible()
    left = projector.locator(".silence-left").inner_text()
    projector.clock.fast_forward(10_000)
    expect(projector.locator(".silence-left")).to_have_text(left)

    console.get_by_role("button", name="Resume").click()
    console.get_by_role("button", name="Start the round", exact=True).click()
    expect(amara.get_by_role("heading", name="It is your turn")).to_be_visible()
    expect(projector.locator("#speaker")).to_have_text("Amara")

    # The check-out further down the agenda is set up from the agenda list.
    later = console.locator("#agenda-box")
    later.get_by_text("Settings: prompt, silence, time, order, closings").click()
    later.get_by_label("One word: each person sends a word; the screen builds a word cloud").check()
    later.get_by_role("button", name="Save settings").click()
    expect(later.get_by_text("Saved.")).to_be_visible()
    console.get_by_role("button", name="Go to Check-out circle").click()
    expect(amara.get_by_label("One word or a short phrase for how you leave")).to_be_visible()
    projector.close()
    console.close()


# Headless Chromium lets audio play without a click, whatever --autoplay-policy says;
# desktop browsers do not. This stands in for them: an AudioContext starts
# suspended and runs only once the page resumes it (on a click).
SOUND_NEEDS_A_CLICK = """
const Real = window.AudioContext;
window.AudioContext = class extends Real {
  constructor(...args) { super(...args); this.blocked = true; }
  get state() { return this.blocked ? "suspended" : super.state; }
  resume() {
    this.blocked = false;
    const done = super.resume();
    this.dispatchEvent(new Event("statechange"));
    return done;
  }
};
"""


def test_the_big_screen_chimes_once_when_the_silence_ends_and_only_when_chosen(server, browser, phone_context):
    code = server.create_event("Chime evening")["code"]
    facilitator = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        added = facilitator.call("agenda.add", {"event": code, "kind": "checkin", "config": {"silence_seconds": 2}})
        assert added["ok"], added
        later = facilitator.call("agenda.add", {"event": code, "kind": "checkout", "config": {"silence_seconds": 2}})
        assert later["ok"], later
        assert facilitator.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    finally:
        facilitator.close()

    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.add_init_script(SOUND_NEEDS_A_CLICK)
    projector.goto(server.screen_url(code))
    expect(projector.get_by_role("heading", name="What brings you here today?")).to_be_visible()
    # Off by default: no note, no sound.
    expect(projector.locator("#chime-note")).to_have_count(0)
    amara = join(phone_context, server.url, code, "Amara")

    console = browser.new_page(viewport={"width": 1280, "height": 800})
    console.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    now = console.locator("#now")
    now.get_by_text("Settings: prompt, silence, time, order, closings").click()
    now.get_by_label("A soft chime from the big screen when the opening silence ends").check()
    now.get_by_role("button", name="Save settings").click()
    expect(now.get_by_text("Saved.")).to_be_visible()

    # The browser keeps sound off until the screen is clicked, and the screen says so.
    note = projector.locator("#chime-note")
    expect(note).to_be_visible()
    note.click()
    expect(note).to_be_hidden()
    # Phones never chime, nor ask to.
    expect(amara.locator("#chime-note")).to_have_count(0)

    console.get_by_role("button", name="Begin the silence (2 s)").click()
    expect(projector.locator("#silence")).to_be_visible()
    expect(projector.locator("body")).to_have_attribute("data-chimes", "1")
    expect(projector.locator("#silence")).to_be_hidden()
    # Once: the screen redraws as the round starts and stays at one chime.
    console.get_by_role("button", name="Start the round", exact=True).click()
    expect(projector.locator("#speaker")).to_have_text("Amara")
    expect(projector.locator("body")).to_have_attribute("data-chimes", "1")
    assert amara.locator("body").get_attribute("data-chimes") is None

    # The check-out has no chime: its silence ends in silence, though sound is allowed.
    console.get_by_role("button", name="Go to Check-out circle").click()
    console.get_by_role("button", name="Begin the silence (2 s)").click()
    expect(projector.locator("#silence")).to_be_visible()
    expect(projector.locator("#silence")).to_be_hidden()
    expect(projector.locator("#chime-note")).to_have_count(0)
    expect(projector.locator("body")).to_have_attribute("data-chimes", "1")
    projector.close()
    console.close()
