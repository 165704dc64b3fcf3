"""What a person sees: scan the QR code on the big screen, join, appear on the screen."""
import re

from playwright.sync_api import expect

from tests.qr_support import read_qr_on


def test_a_phone_joins_from_the_screens_qr_code_and_appears_on_the_screen(server, browser, phone_context):
    code = server.create_event("Spring gathering", welcome="Tea is at the back")["code"]
    projector = browser.new_page(viewport={"width": 1280, "height": 720})
    projector.goto(server.screen_url(code))
    expect(projector.locator("#count")).to_have_text("0")
    # The screen has heard the event's state and laid itself out (the code grows on the welcome):
    # a person scans the settled screen.
    expect(projector.locator("body")).to_have_attribute("data-activity", re.compile(".+"))
    qr = projector.locator("#qr")
    expect(qr).to_be_visible()
    projector.wait_for_function("document.querySelector('#qr').complete && document.querySelector('#qr').naturalWidth > 0")
    join_url = read_qr_on(qr)
    assert join_url == f"{server.url}/j/{code}"

    phone = phone_context().new_page()
    phone.goto(join_url)
    phone.get_by_label("The name you would like to be known by").fill("Zoë 🌱")
    phone.get_by_label("Pronouns").fill("she/her")
    phone.get_by_role("button", name="Join", exact=True).click()
    expect(phone.get_by_text("You are in")).to_be_visible()
    expect(phone.get_by_text("Tea is at the back")).to_be_visible()

    expect(projector.locator("#names")).to_contain_text("Zoë 🌱")
    expect(projector.locator("#count")).to_have_text("1")

    second = phone_context().new_page()
    second.goto(join_url)
    second.get_by_role("button", name="Join without a name").click()
    expect(second.get_by_text("You joined anonymously")).to_be_visible()
    expect(projector.locator("#names")).to_contain_text("Anonymous")
    expect(projector.locator("#count")).to_have_text("2")

    # A reload keeps the same identity: no duplicate on the screen.
    phone.reload()
    expect(phone.get_by_text("You are Zoë 🌱 (she/her)")).to_be_visible()
    expect(projector.locator("#count")).to_have_text("2")
    projector.close()


def test_the_console_creates_an_event_and_moves_its_agenda(server, browser, phone_context):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}/console#key={server.console_secret}")
    expect(page.locator("#status")).to_have_text("Connected")
    assert "key=" not in page.url  # the secret is wiped from the address bar
    page.get_by_label("Agenda").select_option("blank")
    page.get_by_label("Title").fill("Autumn café")
    page.get_by_role("button", name="Create event").click()
    expect(page.locator("#event-title")).to_have_text("Autumn café")
    join_url = page.locator("#join-link").inner_text()

    phone = phone_context().new_page()
    phone.goto(join_url)
    phone.get_by_label("The name you would like to be known by").fill("Bao")
    phone.get_by_role("button", name="Join", exact=True).click()
    expect(phone.get_by_text("You are in")).to_be_visible()
    expect(page.locator("#roster")).to_contain_text("Bao")

    page.get_by_label("Title of the new activity").fill("Second welcome")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.locator(".agenda")).to_contain_text("Second welcome")
    page.locator("#agenda-next").click()
    expect(phone.get_by_role("heading", name="Autumn café")).to_be_visible()
    expect(page.locator(".agenda li.current")).to_contain_text("Second welcome")

    page.once("dialog", lambda d: d.accept())
    page.get_by_text("Actions").click()
    page.get_by_role("button", name="Remove Bao", exact=True).click()
    expect(phone.get_by_text("taken you off")).to_be_visible()
    expect(page.locator("#roster")).not_to_contain_text("Bao")
    page.close()


def test_a_console_without_the_secret_is_refused(server, browser):
    page = browser.new_page()
    page.goto(f"{server.url}/console")
    expect(page.locator("#console-error")).to_contain_text("not valid")
    page.close()
