"""The facilitator's own texts in another language (issue #19 item 2): written once in the console,
shown on a Welsh phone in Welsh, on an English phone in English, and on a bilingual big screen in both."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from facilitator.core import events
from tests import room_support as room
from tests.browser.test_big_screen_fits import PROBLEMS, open_screen
from tests.browser.test_console_cockpit import open_console
from tests.browser.test_languages import phone_in, words
from tests.support import LiveClient, wait_for


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at it only."""
    return module_server


WELSH_TITLE = "Cynulliad iechyd Whitfield"
WELSH_PROMPT = "Sut ydych chi'n cyrraedd heddiw?"


def texts_in(db, code):
    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        return event.texts_in, [a.texts_in for a in event.activities]


@pytest.mark.parametrize("people", [4, 60])
def test_texts_written_in_welsh_in_the_console_reach_a_welsh_phone_and_a_bilingual_screen(server, room_db, browser, shots, people):
    code = room.checkin_room(room_db, people)
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        assert console.call("event.languages", {"event": code, "language": "en", "second": "cy"})["ok"]
    finally:
        console.close()

    desk = open_console(browser, server, code)
    try:
        desk.locator(".more-menu > summary").click()
        desk.locator("#texts-open").click()
        dialog = desk.locator("#texts-dialog")
        expect(dialog).to_be_visible()
        # The screen's second language is offered first; the originals are shown beside each field.
        expect(desk.locator("#texts-language")).to_have_value("cy")
        expect(dialog.locator(".texts-original").first).to_have_text("Whitfield health gathering")
        dialog.locator("#texts-event-title").fill(WELSH_TITLE)
        activity_prompt = dialog.locator("[id$='-prompt']")
        expect(activity_prompt).to_have_count(1)
        activity_prompt.fill(WELSH_PROMPT)
        if people == 60:
            desk.screenshot(path=str(shots / "console-texts-in-welsh.png"))
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1366 and box["y"] >= 0, box
        dialog.locator("#texts-save").click()
        expect(dialog.locator("#texts-status")).to_have_text("Saved.")
        event_texts, activity_texts = texts_in(room_db, code)
        assert event_texts == {"cy": {"title": WELSH_TITLE}}
        assert activity_texts == [{"cy": {"prompt": WELSH_PROMPT}}]
        dialog.locator("#texts-close").click()
        expect(dialog).to_have_count(0)
    finally:
        desk.close()

    # A Welsh phone joins: the event's title and the round's prompt in Welsh; an English one keeps the English.
    cy = words("cy")
    for locale, title, prompt in (("cy", WELSH_TITLE, WELSH_PROMPT), ("en", "Whitfield health gathering", "How are you arriving today?")):
        ctx = phone_in(browser, locale)
        try:
            page = ctx.new_page()
            page.goto(f"{server.url}/j/{code}")
            expect(page.locator(".bar-title")).to_have_text(title)
            page.locator("#name").fill("Nia" if locale == "cy" else "Sam")
            page.get_by_role("button", name=cy["Join"] if locale == "cy" else "Join", exact=True).click()
            expect(page.locator("#circle-prompt")).to_have_text(prompt)
            if locale == "cy" and people == 60:
                page.screenshot(path=str(shots / "phone-cy-own-texts.png"))
        finally:
            ctx.close()

    # The big screen in English and Welsh: the prompt, then its Welsh, and it still fits at 60 people.
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        expect(page.locator("#screen-title")).to_have_text(f"Whitfield health gathering / \u2068{WELSH_TITLE}\u2069")
        expect(page.locator("#activity .prompt")).to_have_text(f"How are you arriving today? / \u2068{WELSH_PROMPT}\u2069")
        page.screenshot(path=str(shots / f"screen-en-cy-own-texts-{people}.png"))
        problems = page.evaluate(PROBLEMS)
        assert problems == [], "\n".join(problems[:20])
        # A version taken away: the screen shows the English alone again.
        console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
        try:
            assert console.call("event.texts", {"event": code, "language": "cy", "title": ""})["ok"]
        finally:
            console.close()
        expect(page.locator("#screen-title")).to_have_text("Whitfield health gathering")
        wait_for(lambda: texts_in(room_db, code)[0] == {}, message="the Welsh title taken away")
    finally:
        page.close()


def test_an_activity_s_own_default_prompt_is_in_each_phone_s_language(server, browser):
    from tests.browser.test_languages import a_check_in

    code = a_check_in(server)
    cy = words("cy")
    ctx = phone_in(browser, "cy")
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        page.locator("#name").fill("Nia")
        page.get_by_role("button", name=cy["Join"], exact=True).click()
        expect(page.locator("#circle-prompt")).to_have_text(cy["What brings you here today?"])
    finally:
        ctx.close()


def test_a_template_s_cafe_question_is_in_a_welsh_phone_s_language_and_in_both_on_a_bilingual_screen(server, browser):
    code = server.create_event("Community gathering", template="community-gathering")["code"]
    cy = words("cy")
    question = "What helps people here feel in control of their health?"
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    ctx = phone_in(browser, "cy")
    try:
        agenda = console.call("console.watch", {"event": code})["snapshot"]["agenda"]
        cafe = next(a for a in agenda if a["kind"] == "cafe")
        assert console.call("agenda.goto", {"event": code, "activity": cafe["id"]})["ok"]
        assert console.call("event.languages", {"event": code, "language": "en", "second": "cy"})["ok"]
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        page.locator("#name").fill("Nia")
        page.get_by_role("button", name=cy["Join"], exact=True).click()
        assert console.call("cafe.round.start", {"event": code})["ok"]
        expect(page.locator("#activity .question")).to_have_text(cy[question])
        screen = open_screen(browser, server, code, (1920, 1080))
        try:
            expect(screen.locator("#activity .question")).to_have_text(f"{question} / \u2068{cy[question]}\u2069")
        finally:
            screen.close()
    finally:
        console.close()
        ctx.close()
