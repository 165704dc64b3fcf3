"""The HTML report in Chromium: nothing leaves the page, it fits a phone, it prints."""
from __future__ import annotations

import pytest

from facilitator import exports
from facilitator.db import Database
from facilitator.exports import report_view
from facilitator.core import events

from ..exports.support import HTMLISH, harvested_event


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> str:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('report') / 'r.sqlite3'}")
    db.upgrade()
    harvest = harvested_event(db)
    with db.read_scope() as s:
        content, _type, _name = exports.render(s, events.get_by_code(s, harvest.code), "html", report_view.Options(with_names=True))
    db.dispose()
    return content.decode("utf-8")


def test_the_report_opens_on_a_phone_without_a_single_network_request(phone_context, report_html):
    page = phone_context().new_page()
    requests = []

    def count(route):
        requests.append(route.request.url)
        route.abort()

    page.route("**/*", count)
    page.set_content(report_html, wait_until="load")
    assert requests == [], f"the report fetched {requests}"
    assert page.locator("script").count() == 0
    assert HTMLISH in page.locator(".card p").all_inner_texts()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"
    chart = page.locator("#pulse-chart")
    assert chart.is_visible() and chart.locator("rect").count() == 6
    themes = page.locator("#themes li").all_inner_texts()
    assert themes[0].startswith("Belonging") and themes[1].startswith("Access & <transport>")
    page.emulate_media(media="print")
    assert page.locator("#pulse-chart").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.cards')).display") == "block"


@pytest.fixture(scope="module")
def arabic_report_html(tmp_path_factory) -> str:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('report-ar') / 'r.sqlite3'}")
    db.upgrade()
    harvest = harvested_event(db)
    with db.session_scope() as s:
        events.get_by_code(s, harvest.code).language = "ar"
    with db.read_scope() as s:
        content, _type, _name = exports.render(s, events.get_by_code(s, harvest.code), "html", report_view.Options())
    db.dispose()
    return content.decode("utf-8")


def test_an_arabic_report_mirrors_its_page_but_draws_its_charts_left_to_right(phone_context, arabic_report_html):
    page = phone_context().new_page()
    page.set_content(arabic_report_html, wait_until="load")
    card = page.locator(".card").first
    # The card's coloured edge is where a line of Arabic starts: on the right.
    assert card.evaluate("el => getComputedStyle(el).borderRightWidth") == "4px"
    assert card.evaluate("el => getComputedStyle(el).borderLeftWidth") == "1px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"
    # Each name in the dot vote's chart ends before its bar begins, as in English.
    chart = page.locator("#ranking-chart")
    label, bar = chart.locator("text").first.bounding_box(), chart.locator("rect").first.bounding_box()
    assert label["x"] + label["width"] <= bar["x"] + 1
