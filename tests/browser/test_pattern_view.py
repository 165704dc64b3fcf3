"""The pattern across tables in Chromium: on the big screen at 1920x1080 with 25 tables and 3 rounds,
every theme's row and every table's column fits with nothing clipped; in the console it follows a
card moved into a theme at once. Both without a serious accessibility violation (axe-core)."""
from __future__ import annotations

import random
import re

from playwright.sync_api import expect
from sqlalchemy import select

from facilitator.activities.board import rules as board
from facilitator.activities.board.models import Card, Theme
from facilitator.activities.cafe import rules as cafe
from facilitator.core import agenda, events
from tests import room_support as room
from tests.browser.axe import serious_violations
from tests.support import LiveClient, wait_for

from .test_big_screen_fits import PROBLEMS, open_screen

THEMES = ["Getting there", "Loneliness", "Mental health", "Seeing a GP", "Outdoors", "Food", "Young people",
          "Carers need a break from caring", "Information", "Money", "Neighbours helping", "Housing"]
TABLES, ROUNDS = 25, 3


def harvest_room(db, names=THEMES) -> str:
    """A café of 25 tables over 3 rounds, its cards in 12 themes (or ``names``), the harvest showing the pattern."""
    rng = random.Random(20)
    with db.session_scope() as s:
        event = room._event(s, "Whitfield health gathering", [
            {"kind": "cafe", "config": {"tables": [{"name": f"Table {i + 1}", "capacity": 5} for i in range(TABLES)],
                                        "rounds": [{"question": room.QUESTION, "minutes": 20}] * ROUNDS}},
            {"kind": "harvest", "config": {}}])
        crowd = room._people(s, event, 30)
        activity = event.activities[0]
        agenda.go_to(s, event, activity.id)
        tables, rounds = cafe.tables(s, activity), cafe.rounds(s, activity)
        themes = [Theme(event_id=event.id, name=n) for n in names]
        s.add_all(themes)
        s.flush()
        for i, table in enumerate(tables):
            local = rng.sample(themes, 2)
            for round_ in rounds:
                for k in range(rng.randint(2, 5)):
                    theme = themes[0] if k == 0 and i % 2 else rng.choice(local)
                    s.add(Card(event_id=event.id, activity_id=activity.id, table_id=table.id, round_id=round_.id,
                               author_id=crowd[i].id, text=f"{theme.name}, said at {table.name}", theme_id=theme.id))
        s.add(Card(event_id=event.id, activity_id=activity.id, table_id=tables[7].id, round_id=rounds[2].id,
                   author_id=crowd[0].id, text="Not in a theme yet"))
        s.flush()
        agenda.step(s, event, +1)
        board.set_grouping(s, event, "pattern")
        return event.code


def test_the_pattern_of_25_tables_and_3_rounds_fits_the_big_screen(browser, room_server, tmp_path):
    server, db = room_server
    code = harvest_room(db)
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        grid = page.locator("#pattern .pattern-grid")
        expect(grid).to_be_visible()
        assert page.locator("#pattern .pattern-row:not(.pattern-head)").count() == len(THEMES)
        assert page.locator("#pattern .pattern-head .pattern-table").count() == TABLES
        assert page.locator("#pattern .pattern-row:not(.pattern-head)").first.locator(".pattern-cell").count() == TABLES
        assert page.locator("#pattern .pattern-cell").first.locator(".pattern-stripe").count() == ROUNDS
        problems = page.evaluate(PROBLEMS)
        assert problems == [], "\n".join(problems[:20])
        # Every cell inside the window and inside the activity's box, none squeezed to nothing.
        window = {"width": 1920, "height": 1080}
        stage = page.locator("#activity").bounding_box()
        cells = page.eval_on_selector_all("#pattern .pattern-cell, #pattern .pattern-theme",
                                          "els => els.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
        for left, top, right, bottom in cells:
            assert 0 <= left and right <= window["width"] and 0 <= top and bottom <= window["height"]
            assert stage["x"] - 1 <= left and right <= stage["x"] + stage["width"] + 1
            assert top >= stage["y"] - 1 and bottom <= stage["y"] + stage["height"] + 1
            assert right - left >= 30 and bottom - top >= 30, "a cell big enough to read from the back"
        travelled = page.locator("#pattern-travelled").inner_text()
        assert travelled.startswith("Travelled (at 13+ tables): Getting there (")
        assert serious_violations(page) == []
        page.screenshot(path=str(tmp_path / "pattern-1920x1080.png"))
    finally:
        page.close()


def test_on_a_4_3_projector_the_tables_are_numbered_as_a_ruler_and_nothing_is_cut(browser, room_server):
    server, db = room_server
    code = harvest_room(db)
    page = open_screen(browser, server, code, (1024, 768))
    try:
        expect(page.locator("#pattern .pattern-head")).to_have_class(re.compile(r"\bsparse\b"))
        written = page.eval_on_selector_all("#pattern .pattern-head .pattern-table", "els => els.map((e) => e.textContent)")
        assert [w for w in written if w] == ["1", "5", "10", "15", "20", "25"] and len(written) == TABLES
        problems = page.evaluate(PROBLEMS)
        assert problems == [], "\n".join(problems[:20])
    finally:
        page.close()


def test_more_themes_than_fit_the_screen_are_paged_under_the_same_column_heads(browser, room_server, tmp_path):
    server, db = room_server
    names = THEMES + [f"More theme {i}" for i in range(1, 13)]
    code = harvest_room(db, names)
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        rows = page.locator("#pattern-rows")
        # Long theme names wrap (never cut): how many pages depends on them, more than one here.
        expect(rows).to_have_attribute("data-pages", re.compile(r"^[2-9]$"))
        pages = int(rows.get_attribute("data-pages"))
        shown = lambda: page.eval_on_selector_all(  # noqa: E731
            "#pattern-rows .paged-item:not([hidden]) .pattern-theme", "els => els.map((e) => e.textContent)")
        first = shown()
        assert 8 <= len(first) < len(names)
        # What travelled and what stayed at one table, in words, never cut off (the grid has every theme).
        for said in page.locator("#pattern .pattern-said").all():
            assert said.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1"), said.inner_text()
        problems = page.evaluate(PROBLEMS)
        assert problems == [], "\n".join(problems[:20])
        # The columns of every row stand under the heads: the cells' left edges are the heads' left edges.
        heads = page.eval_on_selector_all("#pattern .pattern-head .pattern-table", "els => els.map((e) => Math.round(e.getBoundingClientRect().left))")
        cells = page.eval_on_selector_all("#pattern-rows .paged-item:not([hidden]) .pattern-row", """rows => rows.map((r) =>
            [...r.querySelectorAll('.pattern-cell')].map((c) => Math.round(c.getBoundingClientRect().left)))""")
        for row in cells:
            assert all(abs(a - b) <= 2 for a, b in zip(row, heads)), (row[:5], heads[:5])
        page.screenshot(path=str(tmp_path / "pattern-paged-1.png"))
        seen = list(first)
        for _ in range(pages - 1):
            before = shown()
            page.keyboard.press("ArrowRight")
            seen += wait_for(lambda: shown() != before and shown(), message="the next page of themes")
        assert sorted(seen) == sorted(names)
    finally:
        page.close()


def test_the_console_shows_the_pattern_and_it_follows_a_card_moved_into_a_theme(browser, room_server, tmp_path):
    server, db = room_server
    code = harvest_room(db)
    with db.read_scope() as s:
        event = events.get_by_code(s, code)
        loose = s.scalar(select(Card).where(Card.event_id == event.id, Card.theme_id.is_(None)))
        # A theme not yet raised at the loose card's table: moving the card there adds a table to its row.
        there = set(s.scalars(select(Card.theme_id).where(Card.table_id == loose.table_id, Card.theme_id.is_not(None))))
        theme = s.scalar(select(Theme).where(Theme.event_id == event.id, Theme.id.not_in(there)).order_by(Theme.id))
        card_id, theme_id, theme_name = loose.id, theme.id, theme.name
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    other = LiveClient(server.url, {"role": "console", "secret": server.console_secret}).connect()
    try:
        page.goto(f"{server.url}/console?event={code}#key={server.console_secret}")
        expect(page.locator("#pattern-box")).to_have_attribute("open", "")
        row = page.locator("#console-pattern .pattern-row", has=page.locator(".pattern-theme", has_text=theme_name))
        expect(row).to_have_count(1)
        before = int(row.locator(".pattern-count").inner_text())
        assert other.call("card.theme", {"event": code, "card": card_id, "theme": theme_id})["ok"]
        expect(row.locator(".pattern-count")).to_have_text(str(before + 1))
        assert serious_violations(page) == []
        page.locator("#pattern-box").screenshot(path=str(tmp_path / "pattern-console-1366.png"))
    finally:
        other.close()
        page.close()


def test_on_a_welsh_and_english_screen_the_pattern_says_its_words_in_both_and_still_fits(browser, room_server, shots):
    """The room's languages (#19): the screen's words in Welsh, then English; each list of themes once."""
    server, db = room_server
    code = harvest_room(db, THEMES + [f"More theme {i}" for i in range(1, 13)])
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        event.language, event.second_language = "cy", "en"
    page = open_screen(browser, server, code, (1920, 1080))
    try:
        expect(page.locator("#pattern .pattern-grid")).to_be_visible()
        travelled = page.locator("#pattern-travelled").inner_text()
        assert travelled.startswith("Teithiodd (wrth 13+ bwrdd): / \u2068Travelled (at 13+ tables):\u2069 Getting there (")
        assert travelled.count("Getting there") == 1
        assert page.locator("#pattern .pattern-key").inner_text().startswith("Byrddau wedi'u rhifo o'r chwith i'r dde;")
        for said in page.locator("#pattern .pattern-said").all():
            assert said.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1"), said.inner_text()
        problems = page.evaluate(PROBLEMS)
        assert problems == [], "\n".join(problems[:20])
        page.screenshot(path=str(shots / "screen-pattern-cy-en.png"))
    finally:
        page.close()
