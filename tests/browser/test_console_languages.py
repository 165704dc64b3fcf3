"""The facilitator's console in the facilitator's own language (issue #19 item 3): it follows the
browser's language, a choice in its header changes it (kept in its own cookie), Arabic lays it out
right to left with its menus inside the window; the room's language (the big screen, the reports,
the printables) stays the event's."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from facilitator import i18n
from facilitator.core.models import Event
from tests import room_support as room
from tests.browser.axe import serious_violations
from tests.support import LiveClient, wait_for


@pytest.fixture
def server(module_server):
    """The module's one server: each test builds a room of its own and opens the console on it."""
    return module_server


LAPTOP = {"width": 1366, "height": 768}


def words(code: str) -> dict:
    return json.loads((i18n.CATALOGUES / code / "LC_MESSAGES" / "messages.json").read_text(encoding="utf-8"))["messages"]


def console_in(browser, server, code: str, locale: str):
    """The console at a laptop's 1366x768, in a browser whose language is ``locale``."""
    ctx = browser.new_context(viewport=LAPTOP, locale=locale)
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    return ctx, page


def as_console(server, *calls: tuple[str, dict]) -> None:
    """The facilitator's actions, from a console connection of the test's own, each one accepted."""
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        for name, payload in calls:
            assert console.call(name, payload)["ok"], (name, payload)
    finally:
        console.close()


def html_attributes(page) -> tuple[str, str]:
    return tuple(page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]"))


def inside_the_window(page, selector: str) -> dict:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], (selector, box)
    assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], (selector, box)
    return box


def event_languages(db, code: str) -> tuple:
    from facilitator.core import events

    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        return event.language, event.second_language


def test_a_welsh_browser_opens_the_console_in_welsh_during_a_check_in_of_60(server, room_db, browser, shots):
    code = room.checkin_room(room_db, 60)
    cy = words("cy")
    ctx, page = console_in(browser, server, code, "cy-GB")
    try:
        assert html_attributes(page) == ("cy", "ltr")
        expect(page.locator("#roster li")).to_have_count(60)
        expect(page.locator("#console-lang")).to_have_value("cy")
        expect(page.locator("#agenda-title")).to_have_text(cy["Run of show"])
        expect(page.locator("#roster-title")).to_have_text(cy["The room"])
        expect(page.locator(".more-menu > summary")).to_have_text(cy["Event settings"])
        expect(page.locator("#screen-link")).to_have_text(cy["Put the big screen on the projector"])
        expect(page.locator("#room-counts")).to_contain_text(cy["Joined"])
        action = page.locator("#now").get_by_role("button", name=cy["Move the piece on"], exact=True)
        expect(action).to_be_visible()
        inside_the_window(page, "#now button.primary >> nth=0")
        # The activity's title is the toolkit's own (the kind's name): in the console's language too.
        expect(page.locator("#now-title")).to_have_text(cy["Now: {title}"].format(title=f"\u2068{cy['Check-in circle']}\u2069"))
        expect(page.locator(".agenda-title").first).to_have_text(cy["Check-in circle"])
        cockpit = page.locator(".event-head, .cockpit").all_inner_texts()
        for english in ("Run of show", "The room", "Event settings", "Put the big screen on the projector", "Find a person",
                        "Move the piece on", "Lock to new joins", "Joined", "Check-in circle"):
            assert all(english not in text for text in cockpit), english
        assert page.evaluate("window.scrollX") == 0
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "console-cy-checkin-60.png"))
        # The console's language is the facilitator's: the event's (the big screen's) is unchanged.
        assert event_languages(room_db, code) == ("en", None)
    finally:
        ctx.close()


def test_an_arabic_console_reads_right_to_left_with_its_button_and_menus_in_the_window(server, room_db, browser, shots):
    code = room.checkin_room(room_db, 60)
    ar = words("ar")
    ctx, page = console_in(browser, server, code, "ar")
    try:
        assert html_attributes(page) == ("ar", "rtl")
        expect(page.locator("#roster li")).to_have_count(60)
        expect(page.locator("#agenda-title")).to_have_text(ar["Run of show"])
        action = page.locator("#now").get_by_role("button", name=ar["Move the piece on"], exact=True)
        expect(action).to_be_visible()
        inside_the_window(page, "#now button.primary >> nth=0")
        # Mirrored as the browser lays it out: the run of show, first, is on the right; the room on the left.
        run, room_panel = page.locator(".panel.run").bounding_box(), page.locator(".panel.room").bounding_box()
        assert run["x"] > room_panel["x"] + room_panel["width"] - 1, (run, room_panel)
        assert page.evaluate("window.scrollX") == 0
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "console-ar-checkin-60.png"))

        # Each menu of the event's row opens inside the window, the last of the row included.
        for menu in (".print-menu", ".cohost-menu", ".more-menu", ".screens-menu"):
            page.locator(f"{menu} > summary").click()
            expect(page.locator(f"{menu} > .menu-items")).to_be_visible()
            box = page.locator(f"{menu} > .menu-items").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], (menu, box)
            assert page.evaluate("window.scrollX") == 0, menu
            page.keyboard.press("Escape")
        page.locator(".more-menu > summary").click()
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "console-ar-settings.png"))
        page.keyboard.press("Escape")
        # A person's menu, at the far side of the roster, too.
        person = page.locator("#roster .person-menu").first
        person.locator("summary").click()
        box = person.locator(".menu-items").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], box
    finally:
        ctx.close()


def test_the_header_s_choice_changes_the_console_s_language_and_is_remembered(server, room_db, browser):
    code = room.checkin_room(room_db, 5)
    cy = words("cy")
    ctx, page = console_in(browser, server, code, "en-GB")
    try:
        assert html_attributes(page) == ("en", "ltr")
        expect(page.locator("#agenda-title")).to_have_text("Run of show")
        page.get_by_role("combobox", name="Language").select_option("cy")
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        expect(page.locator("#agenda-title")).to_have_text(cy["Run of show"])
        # Still on the same event, and the choice is the console's own: the room's language is not touched.
        expect(page.locator("#event-title")).to_be_visible()
        assert f"event={code}" in page.url
        assert event_languages(room_db, code) == ("en", None)
        # Remembered: the console opened again, without asking, is in Welsh.
        page.goto(f"{server.url}/console?event={code}")
        assert html_attributes(page) == ("cy", "ltr")
        expect(page.locator("#agenda-title")).to_have_text(cy["Run of show"])
    finally:
        ctx.close()


def test_the_printables_follow_the_event_s_languages_not_the_console_s(server, room_db, browser):
    code = room.cafe_room(room_db, 10, tables=2, running=False)
    cy = words("cy")
    as_console(server, ("event.languages", {"event": code, "language": "en", "second": "cy"}))
    ctx, page = console_in(browser, server, code, "ar")
    try:
        assert html_attributes(page) == ("ar", "rtl")
        expect(page.locator("#event-title")).to_be_visible()  # signed in: the print pages are the console's
        page.goto(f"{server.url}/e/{code}/print/poster")
        assert html_attributes(page) == ("en", "ltr")
        call = page.locator(".poster-call")
        expect(call).to_contain_text("Join from your phone")
        expect(call).to_contain_text(cy["Join from your phone"])
        page.goto(f"{server.url}/e/{code}/print/tents")
        expect(page.locator(".fold").first).to_contain_text(cy["fold here"])
        wait_for(lambda: event_languages(room_db, code) == ("en", "cy"), message="the event's languages")

        # The event in Welsh alone: the run sheet's own words are Welsh, what the facilitator wrote as written.
        as_console(server, ("event.languages", {"event": code, "language": "cy", "second": None}))
        page.goto(f"{server.url}/e/{code}/print/run-sheet")
        assert html_attributes(page) == ("cy", "ltr")
        sheet = page.locator(".run-sheet")
        expect(sheet).to_contain_text(cy["Hosts:"])
        expect(sheet).to_contain_text("Rownd 1 (")
        expect(sheet).to_contain_text(room.QUESTION)
        for english in ("Round 1 (", "Hosts:", "From the start"):
            assert english not in sheet.inner_text(), english
    finally:
        ctx.close()


WELSH_TITLE = "Cynulliad iechyd Whitfield"
WELSH_PURPOSE = "Siarad am y parc, y feddygfa a'r bws i'r dref: beth sy'n eich helpu i aros yn iach, a beth allwn ni ei wneud gyda'n gilydd?"
WELSH_QUESTION = "Beth sy'n eich helpu i deimlo mai chi sy'n rheoli eich iechyd?"


def _inside(sheet, item) -> bool:
    """Every pixel of ``item`` within the printed sheet (which clips what overflows it)."""
    outer, inner = sheet.bounding_box(), item.bounding_box()
    return (inner["y"] >= outer["y"] - 0.5 and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
            and inner["x"] >= outer["x"] - 0.5 and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5)


def test_a_bilingual_event_s_poster_and_tents_print_its_own_texts_in_both_languages(server, room_db, browser, shots):
    """The facilitator's title, purpose and café question in the second language are printed beneath
    the originals, and the poster still fits its sheet (nothing cut at its foot), on A4 and Letter."""
    code = room.cafe_room(room_db, 10, tables=2, running=False)
    with room_db.session_scope() as s:
        from facilitator.core import events

        event = events.get_by_code(s, code)
        cafe_id = next(a.id for a in event.activities if a.kind == "cafe")
        s.execute(update(Event).where(Event.id == event.id).values(
            purpose="Talk about the park, the surgery and the bus into town: what helps you stay well, "
                    "and what could we do together?"))
    as_console(
        server,
        ("event.languages", {"event": code, "language": "en", "second": "cy"}),
        ("event.texts", {"event": code, "language": "cy", "title": WELSH_TITLE, "purpose": WELSH_PURPOSE}),
        ("agenda.texts", {"event": code, "activity": cafe_id, "language": "cy", "rounds": {"1": WELSH_QUESTION}}),
    )
    ctx, page = console_in(browser, server, code, "en-GB")
    try:
        expect(page.locator("#event-title")).to_be_visible()  # signed in: the print pages are the console's
        for paper in ("a4", "letter"):
            page.goto(f"{server.url}/e/{code}/print/poster?paper={paper}")
            poster = page.locator(".poster")
            expect(poster.locator(".poster-title").first).to_have_text("Whitfield health gathering")
            expect(poster.locator(".poster-title.second")).to_have_text(WELSH_TITLE)
            expect(poster.locator(".poster-title.second")).to_have_attribute("lang", "cy")
            expect(poster.locator(".poster-purpose.second")).to_have_text(WELSH_PURPOSE)
            page.emulate_media(media="print")
            for item in ("img.qr", ".join >> nth=-1", ".poster-title >> nth=0"):
                assert _inside(poster, poster.locator(item)), f"{item} is cut off the {paper} poster"
            page.screenshot(path=str(shots / f"poster-bilingual-{paper}.png"), full_page=True)
            page.emulate_media(media="screen")
        page.goto(f"{server.url}/e/{code}/print/tents")
        tents = page.locator(".tent")
        expect(tents).to_have_count(2)
        for i in range(2):
            front = tents.nth(i).locator(".front")
            expect(front.locator(".question").first).to_have_text(room.QUESTION)
            expect(front.locator(".question.second")).to_have_text(WELSH_QUESTION)
            assert _inside(front, front.locator(".question.second"))
        page.screenshot(path=str(shots / "tents-bilingual.png"), full_page=True)
        # The event in one language again: nothing of the Welsh texts is printed.
        as_console(server, ("event.languages", {"event": code, "language": "en", "second": None}))
        page.goto(f"{server.url}/e/{code}/print/poster")
        expect(page.locator(".poster-title")).to_have_count(1)
        expect(page.locator(".poster-purpose")).to_have_count(1)
        # With room to spare the code is printed at its full 130 mm (it gives way only when the words need the room).
        page.emulate_media(media="print")
        qr = page.locator(".poster img.qr")
        expect(qr).to_have_js_property("complete", True)
        assert qr.bounding_box()["width"] >= 125 * 96 / 25.4, qr.bounding_box()
        page.emulate_media(media="screen")
        page.goto(f"{server.url}/e/{code}/print/tents")
        expect(page.locator(".question.second")).to_have_count(0)
    finally:
        ctx.close()


def test_an_arabic_co_host_phone_beside_a_welsh_console(server, room_db, browser, shots):
    """Each in their own language: the console in Welsh, the co-host's phone in Arabic, right to left."""
    code = room.checkin_room(room_db, 4, spoken=1)
    cy, ar = words("cy"), words("ar")
    ctx, console = console_in(browser, server, code, "cy")
    phone_ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="ar")
    phone_ctx.set_default_timeout(10_000)
    try:
        expect(console.locator("#roster li")).to_have_count(4)
        console.locator(".cohost-menu > summary").click()
        console.get_by_role("button", name=cy["Make a co-host link"]).click()
        expect(console.locator("#cohost-link")).to_be_visible()
        link = console.locator("#cohost-link").input_value()
        expect(console.locator("#cohost-phones")).to_have_text(cy["No co-host phone is connected."])

        phone = phone_ctx.new_page()
        phone.goto(link)
        assert html_attributes(phone) == ("ar", "rtl")
        move_on = phone.get_by_role("button", name=ar["Move the piece on"], exact=True)
        expect(move_on).to_be_visible()
        expect(phone.locator("#cohost-state")).to_have_text(ar["The talking piece is going round."])
        box = move_on.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        assert serious_violations(phone) == []
        phone.screenshot(path=str(shots / "cohost-ar-checkin.png"))
        # The console counts it in Welsh (one phone: Welsh's own form for one).
        expect(console.locator("#cohost-phones")).to_have_text(cy["{n} co-host phone is connected."]["one"].format(n="1"))
    finally:
        phone_ctx.close()
        ctx.close()
