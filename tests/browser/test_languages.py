"""A phone in its own language (issue #19): Arabic right to left through a check-in turn, Welsh from the join page."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from facilitator import i18n
from facilitator.core.models import Event, Participant
from tests.browser.axe import serious_violations
from tests.support import LiveClient, wait_for


@pytest.fixture
def server(module_server):
    """The module's one server: each test makes its own event and looks at it only."""
    return module_server

CATALOGUES = i18n.CATALOGUES


def words(code: str) -> dict:
    return json.loads((CATALOGUES / code / "LC_MESSAGES" / "messages.json").read_text(encoding="utf-8"))["messages"]


def phone_in(browser, locale: str):
    """A phone whose language is ``locale`` (its browser sends it as Accept-Language), 360 x 740."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale=locale)
    ctx.set_default_timeout(10_000)
    return ctx


def html_attributes(page) -> tuple[str, str]:
    return tuple(page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]"))


def a_check_in(server) -> str:
    code = server.create_event("Check-in evening")["code"]
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        added = console.call("agenda.add", {"event": code, "kind": "checkin"})
        assert added["ok"], added
        assert console.call("agenda.goto", {"event": code, "activity": added["id"]})["ok"]
    finally:
        console.close()
    return code


def test_an_arabic_phone_joins_and_takes_its_turn_laid_out_right_to_left(server, browser, shots):
    code = a_check_in(server)
    ar = words("ar")
    ctx = phone_in(browser, "ar")
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        assert html_attributes(page) == ("ar", "rtl")
        expect(page.locator("#join-title")).to_have_text(ar["Welcome to {title}"].format(title="Check-in evening"))
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "phone-ar-join.png"))
        page.locator("#name").fill("Layla")
        page.get_by_role("button", name=ar["Join"], exact=True).click()
        expect(page.get_by_text(ar["The talking piece is waiting to begin."])).to_be_visible()
        # The person's name stays whole inside the Arabic sentence.
        expect(page.locator("#me summary .who")).to_have_text(ar["You are {name}"].format(name="Layla"))
        expect(page.locator("#me summary .who bdi")).to_have_text("Layla")

        console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
        try:
            assert console.call("circle.start", {"event": code})["ok"]
        finally:
            console.close()
        expect(page.get_by_role("heading", name=ar["It is your turn"])).to_be_visible()
        done = page.get_by_role("button", name=ar["Done"], exact=True)
        expect(done).to_be_visible()
        expect(page.locator("#status")).to_have_text(ar["Connected"])

        # Mirrored as the browser lays it out: Done comes first, so in Arabic it is on the right.
        boxes = page.evaluate("""() => ['#turn-done', '#turn-pass', '#your-turn .turn-buttons']
            .map((s) => { const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.right]; })""")
        (done_left, done_right), (pass_left, pass_right), (row_left, row_right) = boxes
        assert done_left > pass_right - 1, boxes
        assert abs(done_right - row_right) < 1.5, boxes
        assert pass_left - row_left < 1.5, boxes

        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "phone-ar-turn.png"))

        done.click()
        expect(page.get_by_text(ar["The circle is complete. Thank you, everyone."])).to_be_visible()
        # Plural forms by the language's own rules: Arabic has six.
        forms = page.evaluate("""async () => {
            const m = await import('/ui/lib/i18n.js');
            return [0, 1, 2, 3, 11, 100].map((n) => m.tn('{n} waiting to send', '{n} waiting to send', n));
        }""")
        plural = ar["{n} waiting to send"]
        digits = page.evaluate("() => [0, 3, 11, 100].map((n) => new Intl.NumberFormat('ar').format(n))")
        assert forms == [plural["zero"].format(n=digits[0]), plural["one"], plural["two"], plural["few"].format(n=digits[1]),
                         plural["many"].format(n=digits[2]), plural["other"].format(n=digits[3])]

        # What the server tells a whole room in English is shown in the phone's language too.
        layla = server.scalars(select(Participant.id).join(Event, Participant.event_id == Event.id)
                               .where(Event.code == code, Participant.name == "Layla"))[0]
        console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
        try:
            assert console.call("participant.remove", {"event": code, "participant": layla})["ok"]
        finally:
            console.close()
        expect(page.get_by_text(ar["The facilitator has taken you off this event."])).to_be_visible()
        expect(page.get_by_role("heading", name=ar["Thank you"])).to_be_visible()
    finally:
        ctx.close()


def test_a_welsh_phone_sees_the_join_page_in_welsh_and_keeps_its_language(server, browser, shots):
    code = server.create_event("Noson iechyd", purpose="Beth sy'n ein helpu i gadw'n iach?")["code"]
    cy = words("cy")
    ctx = phone_in(browser, "cy-GB")
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        assert html_attributes(page) == ("cy", "ltr")
        expect(page.locator("#join-title")).to_have_text("Croeso i Noson iechyd")
        expect(page.get_by_label(cy["The name you would like to be known by"])).to_be_visible()
        expect(page.get_by_role("button", name=cy["Join without a name"])).to_be_visible()
        # The switch is there before the name is asked, each language in its own words.
        expect(page.get_by_role("navigation", name=cy["Language"]).get_by_role("link", name="Cymraeg")).to_have_attribute(
            "aria-current", "true")
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "phone-cy-join.png"))

        page.get_by_label(cy["The name you would like to be known by"]).fill("Nia")
        page.get_by_role("button", name=cy["Join"], exact=True).click()
        expect(page.locator("#me summary .who")).to_have_text("Chi yw Nia")
        expect(page.locator("#status")).to_have_text(cy["Connected"])
        expect(page.get_by_text(cy["You are in. Look up at the big screen: we will begin shortly."])).to_be_visible()
        assert serious_violations(page) == []
        page.locator("#me summary").click()
        expect(page.get_by_role("combobox", name=cy["Language"])).to_have_value("cy")
        page.screenshot(path=str(shots / "phone-cy-joined.png"))

        # Changed later from "You are …": kept on the server, so the page comes back in it.
        page.get_by_role("combobox", name=cy["Language"]).select_option("pl")
        expect(page.locator("html")).to_have_attribute("lang", "pl")
        expect(page.locator("#me summary .who")).to_have_text(words("pl")["You are {name}"].format(name="Nia"))
        assert html_attributes(page) == ("pl", "ltr")
        page.reload()
        expect(page.locator("#status")).to_have_text(words("pl")["Connected"])
        assert html_attributes(page) == ("pl", "ltr")
    finally:
        ctx.close()


def test_a_phone_in_english_switches_to_welsh_before_joining(server, browser):
    code = server.create_event("Noson iechyd")["code"]
    ctx = phone_in(browser, "en-GB")
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        assert html_attributes(page) == ("en", "ltr")
        page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        page.get_by_label(words("cy")["The name you would like to be known by"]).fill("Rhys")
        page.get_by_role("button", name=words("cy")["Join"], exact=True).click()
        expect(page.locator("#me summary .who")).to_have_text("Chi yw Rhys")
    finally:
        ctx.close()


def room_db_languages(db, code: str) -> tuple:
    from facilitator.core import events

    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        return event.language, event.second_language


def test_a_big_screen_in_english_and_welsh_shows_both_and_still_fits(server, room_db, browser, shots):
    """The room's languages: the facilitator adds Welsh beside English; every word the screen
    writes is in both, the activity still fits the projector; then Welsh alone."""
    from tests import room_support as room
    from tests.browser.test_big_screen_fits import PROBLEMS, open_screen

    from tests.browser.test_console_cockpit import open_console

    code = room.checkin_room(room_db, 60)
    cy = words("cy")
    # In the console: Event settings, the big screen's languages; each not yet reviewed says so.
    desk = open_console(browser, server, code)
    try:
        desk.locator(".more-menu > summary").click()
        desk.locator(".event-languages > summary").click()
        expect(desk.locator("#screen-second-language option[value=cy]")).to_have_text(
            "Cymraeg (Welsh) · translation not yet reviewed")
        desk.locator("#screen-second-language").select_option("cy")
        desk.screenshot(path=str(shots / "console-languages.png"))
        # The menu, the last of its row, opens inside the window: the page never scrolls sideways.
        menu = desk.locator(".more-menu > .menu-items").bounding_box()
        assert menu["x"] >= 0 and menu["x"] + menu["width"] <= 1366, menu
        assert desk.evaluate("window.scrollX") == 0
        desk.locator("#languages-save").click()
        wait_for(lambda: room_db_languages(room_db, code) == ("en", "cy"), message="the languages set from the console")
    finally:
        desk.close()
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        page = open_screen(browser, server, code, (1920, 1080))
        try:
            assert html_attributes(page) == ("en", "ltr")
            for where, english in (("#join-scan", "Scan, or go to"), ("#join-code-label", "Code"),
                                   ("#piece .piece-label", "Holding the talking piece")):
                expect(page.locator(where)).to_contain_text(english)
                expect(page.locator(where)).to_contain_text(cy[english])
            # Plurals and numbers in each language's own forms: "people here", "page 1 of 3".
            expect(page.locator("#count-label")).to_contain_text("people here")
            expect(page.locator("#count-label")).to_contain_text(cy["person here"]["other"])
            footer = page.locator("#circle-queue .page-of")
            welsh = re.escape(cy["page {n} of {count}"]).replace(r"\{n\}", r"\d+").replace(r"\{count\}", r"\d+")
            expect(footer).to_have_text(re.compile(rf"page \d+ of \d+ / \u2068{welsh}\u2069"))
            problems = page.evaluate(PROBLEMS)
            assert problems == [], "\n".join(problems[:20])
            assert serious_violations(page) == []
            page.screenshot(path=str(shots / "screen-en-cy-checkin-60.png"))

            # Welsh alone: the open screen makes itself again in it.
            assert console.call("event.languages", {"event": code, "language": "cy", "second": None})["ok"]
            expect(page.locator("html")).to_have_attribute("lang", "cy")
            expect(page.locator("#join-scan")).to_have_text(cy["Scan, or go to"])
            expect(page.locator("#piece .piece-label")).to_have_text(cy["Holding the talking piece"])
        finally:
            page.close()
    finally:
        console.close()


def join(page, url: str, code: str, name: str, label: str, button: str):
    page.goto(f"{url}/j/{code}")
    page.get_by_label(label).fill(name)
    page.get_by_role("button", name=button, exact=True).click()


def test_a_welsh_phone_in_a_cafe_round_sees_its_table_and_round_in_welsh(server, browser, shots):
    """The café on the phone (#19): a Welsh host's table, round and card form in Welsh; an English phone beside it in English."""
    code = server.create_event("Caffi iechyd")["code"]
    cy = words("cy")
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    welsh, english = phone_in(browser, "cy-GB"), phone_in(browser, "en-GB")
    try:
        rounds = [{"question": "Beth sy'n eich cadw'n iach?"}, {"question": "Beth allwn ni ei wneud gyda'n gilydd?"}]
        cafe = console.call("agenda.add", {"event": code, "kind": "cafe", "config": {"tables": 1, "rounds": rounds}})
        assert console.call("agenda.goto", {"event": code, "activity": cafe["id"]})["ok"]
        nia, sam = welsh.new_page(), english.new_page()
        join(nia, server.url, code, "Nia", cy["The name you would like to be known by"], cy["Join"])
        join(sam, server.url, code, "Sam", "The name you would like to be known by", "Join")
        expect(nia.locator("#cafe-where")).to_have_text("Bydd y caffi'n dechrau cyn bo hir")
        nia.get_by_role("button", name=cy["I'll host a table"]).click()
        expect(nia.get_by_role("button", name=cy["I'd rather not host"])).to_be_visible()

        assert console.call("cafe.round.start", {"event": code})["ok"]
        table = console.call("console.watch", {"event": code})["snapshot"]["activity"]["plan"][0]["name"]
        expect(nia.locator("#cafe-where")).to_have_text(f"Rydych yn westeiwr {table}")
        expect(nia.locator(".round-label")).to_have_text("Rownd 1 o 2")
        expect(nia.get_by_role("heading", name=cy["At your table"])).to_be_visible()
        expect(nia.get_by_label(cy["Add an insight from this table"])).to_be_visible()
        expect(nia.get_by_label("Rheolaeth, Cyswllt neu Hyder (dewisol)")).to_be_visible()
        expect(nia.get_by_role("button", name=cy["Add card"], exact=True)).to_be_visible()
        expect(nia.locator("#members")).to_contain_text("Nia (gwesteiwr)")
        shown = nia.locator("main").inner_text()
        for english_words in ("You are hosting", "Round 1 of 2", "At your table", "Add an insight", "Add card", "(host)"):
            assert english_words not in shown, english_words
        assert serious_violations(nia) == []
        nia.screenshot(path=str(shots / "phone-cy-cafe-host.png"), full_page=True)

        # The person beside them reads the same table in English.
        expect(sam.locator("#cafe-where")).to_have_text(f"{table}, hosted by Nia")
        expect(sam.locator(".round-label")).to_have_text("Round 1 of 2")
        expect(sam.get_by_role("heading", name="This round's cards at your table")).to_be_visible()
    finally:
        console.close()
        welsh.close()
        english.close()


def test_a_welsh_phone_asks_its_questions_and_keeps_its_summary_in_welsh(server, browser, shots):
    """Audience questions on a Welsh phone (#19): the form, the choices and the phone's own list in Welsh,
    the big screen's shared questions beside it, and the person's summary page in Welsh too."""
    code = server.create_event("Noson iechyd", template="group-consultation",
                               agreement="Mae'r hyn a ddywedir yma yn aros yma.")["code"]
    cy = words("cy")
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    ctx = phone_in(browser, "cy-GB")
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label(cy["The name you would like to be known by"]).fill("Nia")
        page.get_by_label(cy["I accept this agreement"]).check()
        page.get_by_role("button", name=cy["Join"], exact=True).click()
        expect(page.locator("#me summary .who")).to_have_text("Chi yw Nia")
        agenda = console.call("console.watch", {"event": code})["snapshot"]["agenda"]
        questions = next(a for a in agenda if a["kind"] == "questions")
        assert console.call("agenda.goto", {"event": code, "activity": questions["id"]})["ok"]

        page.get_by_label(cy["Your question"]).fill("Sut mae eraill yn cysgu'n well?")
        page.get_by_label(cy["Shared with the group"]).check()
        page.get_by_role("button", name=cy["Add my question"]).click()
        expect(page.get_by_role("heading", name=cy["My questions"])).to_be_visible()
        expect(page.locator("#my-questions .badge")).to_have_text(cy["Shared with the group"])
        expect(page.locator(".shared-questions h2")).to_have_text(cy["Shared with the group"])
        expect(page.get_by_role("group", name=cy["Who may see it?"])).to_be_visible()
        shown = page.locator("main").inner_text()
        for english in ("Your question", "Who may see it?", "Add my question", "My questions", "Withdraw", "Private: only you"):
            assert english not in shown, english
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "phone-cy-questions.png"), full_page=True)

        # The summary page, in the person's language whatever the browser that opens it.
        page.goto(f"{server.url}/e/{code}/me/summary.html")
        assert html_attributes(page) == ("cy", "ltr")
        expect(page.get_by_role("heading", name=cy["My summary"])).to_be_visible()
        expect(page.locator("#my-questions")).to_contain_text("Sut mae eraill yn cysgu'n well?")
        expect(page.locator("#my-questions .who")).to_have_text(cy["Shared with the group"])
        expect(page.get_by_role("heading", name=cy["What the group shared"])).to_be_visible()
        assert "My summary" not in page.locator("body").inner_text()
    finally:
        console.close()
        ctx.close()


def test_an_arabic_phone_on_the_questions_lays_its_form_out_right_to_left(server, browser, shots):
    """At 360 x 740: nothing wider than the phone, the choices' boxes on the right, a Latin question whole."""
    code = server.create_event("أمسية صحية", template="group-consultation", agreement="ما يقال هنا يبقى هنا.")["code"]
    ar = words("ar")
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    ctx = phone_in(browser, "ar")
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}/j/{code}")
        page.get_by_label(ar["The name you would like to be known by"]).fill("Layla")
        page.get_by_label(ar["I accept this agreement"]).check()
        page.get_by_role("button", name=ar["Join"], exact=True).click()
        expect(page.locator("#me summary .who bdi")).to_have_text("Layla")
        agenda = console.call("console.watch", {"event": code})["snapshot"]["agenda"]
        questions = next(a for a in agenda if a["kind"] == "questions")
        assert console.call("agenda.goto", {"event": code, "activity": questions["id"]})["ok"]
        page.get_by_label(ar["Your question"]).fill("كيف ينام الآخرون؟")
        page.get_by_role("button", name=ar["Add my question"]).click()
        expect(page.locator("#my-questions .badge")).to_have_text(ar["Private: only you"])
        page.get_by_label(ar["Your question"]).fill("Is metformin OK with Ramadan fasting?")
        page.get_by_label(ar["Shared with the group"]).check()
        page.get_by_label(ar["Show my name with it (shared questions only; anonymous otherwise)"]).check()
        page.get_by_role("button", name=ar["Add my question"]).click()
        expect(page.locator("#my-questions li")).to_have_count(2)
        assert html_attributes(page) == ("ar", "rtl")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # Mirrored: a choice's radio button is at the right of its words.
        radio, label = page.evaluate("""() => {
            const box = document.querySelector('#question-form input[value=shared]');
            return [box.getBoundingClientRect().left, box.closest('label').getBoundingClientRect().right];
        }""")
        assert label - radio < 40, (radio, label)
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "phone-ar-questions.png"), full_page=True)
    finally:
        console.close()
        ctx.close()


def test_the_clinician_s_view_follows_its_browser_s_language(server, browser, shots):
    """The clinician's laptop in Arabic: the queue and the themes in Arabic, right to left, the names whole."""
    code = server.create_event("Diabetes group", template="group-consultation", agreement="What is said here stays here.")["code"]
    ar = words("ar")
    server.join(code, "Amara", agreed=True)
    console = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    ctx = browser.new_context(viewport={"width": 1024, "height": 700}, locale="ar")
    try:
        made = console.call("clinician.rotate", {"event": code})
        assert made["ok"], made
        page = ctx.new_page()
        page.goto(f"{server.url}{made['path']}")
        assert html_attributes(page) == ("ar", "rtl")
        expect(page.get_by_role("heading", name=ar["Consultation round"])).to_be_visible()
        expect(page.get_by_role("heading", name=ar["Questions by theme"])).to_be_visible()
        expect(page.locator("#queue-box")).to_contain_text(ar["The round has not started yet."])
        expect(page.locator("#themes-box")).to_have_text(ar["No questions yet."])
        expect(page.locator("#status")).to_have_text(ar["Connected"])
        assert serious_violations(page) == []
        page.screenshot(path=str(shots / "clinician-ar.png"))
    finally:
        console.close()
        ctx.close()
