"""Print-ready pages from the console, as Chromium prints them: one table tent
per café table whose QR code joins the event, a poster, a run sheet."""
from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from facilitator.db import Database

from .. import room_support as room
from ..qr_support import read_qr_on


@pytest.fixture
def server(module_server):
    """The module's one server: each test prints the pages of a café of its own."""
    return module_server


@pytest.fixture
def cafe_code(server):
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    try:
        yield room.cafe_room(db, 24, tables=5, running=True)
    finally:
        db.dispose()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def signed_in_console(browser, server, code):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
    expect(page.locator("#join-link")).to_be_visible()
    return page


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_table_tents_print_one_page_per_table_each_with_a_qr_code_that_joins(server, browser, cafe_code, paper):
    page = signed_in_console(browser, server, cafe_code)
    join_url = page.locator("#join-link").inner_text()
    page.goto(f"{server.url}/e/{cafe_code}/print/tents?paper={paper}")
    tents = page.locator(".tent")
    expect(tents).to_have_count(5)
    expect(tents.first).to_contain_text("Table 1")
    expect(tents.first).to_contain_text(room.QUESTION)
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 5
    for i in range(5):
        front = tents.nth(i).locator(".front")
        expect(front).to_contain_text(f"Table {i + 1}")
        qr = front.locator("img.qr")
        expect(qr).to_have_js_property("complete", True)
        assert read_qr_on(qr) == join_url
    page.close()


def test_the_poster_and_the_run_sheet_fit_their_paper(server, browser, cafe_code):
    page = signed_in_console(browser, server, cafe_code)
    page.goto(f"{server.url}/e/{cafe_code}/print/poster?paper=letter")
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    page.goto(f"{server.url}/e/{cafe_code}/print/run-sheet")
    sheet = page.locator(".run-sheet")
    expect(sheet).to_contain_text("Round 1 (20 min)")
    expect(sheet).to_contain_text("Hosts:")
    expect(sheet).to_contain_text("40 min")
    page.close()


def test_name_and_table_cards_for_people_without_a_phone_fit_eight_to_a_page(server, browser, cafe_code):
    db = Database(f"sqlite:///{server.data_dir / 'facilitator.sqlite3'}")
    try:
        with db.session_scope() as s:
            from facilitator.core import events, participants

            event = events.get_by_code(s, cafe_code)
            participants.add_without_phone(s, event, "Zofia Evans")
    finally:
        db.dispose()
    page = signed_in_console(browser, server, cafe_code)
    page.get_by_text("Print").first.click()
    page.get_by_role("link", name="Name-and-table cards (people without a phone)").wait_for()
    page.goto(f"{server.url}/e/{cafe_code}/print/seats")
    cards = page.locator(".seat-card")
    # Added after the round was seated: not seated yet, and the card says so.
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Zofia Evans")
    expect(cards.first).to_contain_text("Round 1: not seated yet")
    page.get_by_role("link", name="everyone").click()
    expect(cards).to_have_count(25)
    expect(cards.filter(has_text=re.compile(r"Round 1: Table \d"))).to_have_count(24)
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 4  # 25 cards, 8 a page
    for i in (0, 24):
        box, sheet = cards.nth(i).bounding_box(), cards.nth(i).locator("xpath=..").bounding_box()
        assert box["y"] + box["height"] <= sheet["y"] + sheet["height"] + 1, "a card runs off its page"
    page.close()


def test_only_the_console_prints_the_events_pages(server, cafe_code):
    for what in ("tents", "poster", "run-sheet", "seats"):
        res = requests.get(f"{server.url}/e/{cafe_code}/print/{what}", timeout=5)
        assert res.status_code == 403
        assert "console" in res.json()["error"]
