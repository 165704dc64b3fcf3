"""The big screen in Chromium: opened from the console's link, listed there, and closed from there for good."""
from playwright.sync_api import expect


def test_the_console_opens_the_big_screen_lists_it_and_closes_it_for_good(server, browser):
    code = server.create_event("Spring gathering")["code"]
    # The event code is on the screen and in every photo of it: alone, it opens no screen.
    guess = browser.new_page(viewport={"width": 1280, "height": 720})
    guess.goto(f"{server.url}/e/{code}/screen")
    expect(guess.locator("#screen-closed")).to_contain_text("Open the big screen from the facilitator's console")
    expect(guess.locator("#names")).to_be_empty()
    guess.close()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    console = context.new_page()
    console.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    expect(console.locator("#screens-count")).to_have_text("No big screen is showing this event.")
    with context.expect_page() as opened:
        console.get_by_role("link", name="Put the big screen on the projector").click()
    projector = opened.value
    expect(projector.locator("#screen-title")).to_have_text("Spring gathering")
    expect(projector.locator("#status")).to_have_text("Connected")
    # The secret is wiped from the address bar, which may be projected; a reload still opens the screen.
    assert "key=" not in projector.url
    projector.reload()
    # On a busy machine the reloaded page's first try may time out; its next comes after a back-off of up to 4 s.
    # (This is where a page that said hello twice on one socket was refused for good: tests/browser/test_offline.py.)
    try:
        expect(projector.locator("#status")).to_have_text("Connected", timeout=15000)
    except AssertionError as failed:
        raise AssertionError(f"{failed}\nthe page's link last: {projector.evaluate('JSON.stringify(window.liveLink)')}") from None
    expect(console.locator("#screens-count")).to_have_text("1 big screen showing this event:")
    expect(console.locator("#screen-list li")).to_have_count(1)
    # Once a screen shows the event, the console says so in a word and drops the how-to line.
    expect(console.locator("#screens-summary")).to_have_text("1 big screen showing")
    expect(console.locator("#screen-hint")).to_be_hidden()
    old_link = console.locator("#screen-link").get_attribute("href")

    console.once("dialog", lambda dialog: dialog.accept())
    # A rare act, in the menu that says how many big screens show the event.
    console.get_by_text("1 big screen showing", exact=True).click()
    console.get_by_role("button", name="Close the big screens and make a new screen link").click()
    expect(projector.locator("#screen-closed")).to_contain_text("The facilitator has closed this screen")
    expect(console.locator("#screens-count")).to_have_text("No big screen is showing this event.")
    expect(console.locator("#screen-link")).not_to_have_attribute("href", old_link)
    # The old link opens nothing any more.
    projector.reload()
    expect(projector.locator("#screen-closed")).to_contain_text("Open the big screen from the facilitator's console")
    context.close()
