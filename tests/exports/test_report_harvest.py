"""The report shows the harvest: the dot vote and the 3Cs as charts, the pattern across tables, the round cards."""
from __future__ import annotations

import io
import re

import openpyxl
import pytest

from facilitator.activities.board.models import Card, Theme
from facilitator.activities.cafe.models import CafeEssence, CafeRound, CafeTable
from facilitator.core import events

from .support import harvested_event
from .test_formats import Sections, TextOf, _flat, export

OAK = "Table «Oak», by the window"  # the support's one table
ESSENCE = "Buses <stop> at six & \"nobody\" asks why"
QUESTION = "Who runs the community car?"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One harvest over three tables and two rounds for the whole module: every test here only reads it."""
    from facilitator.db import Database

    database = Database(f"sqlite:///{tmp_path_factory.mktemp('report') / 'harvest.sqlite3'}")
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def harvest(db):
    h = harvested_event(db)
    with db.session_scope() as s:
        event = events.get_by_code(s, h.code)
        cafe = next(a for a in event.activities if a.title == "World café")
        cafe.kind = "cafe"  # the support's tables sit in a welcome; round cards are read from cafés
        oak = s.query(CafeTable).filter_by(activity_id=cafe.id, position=0).one()
        first = s.query(CafeRound).filter_by(activity_id=cafe.id, number=1).one()
        ash = CafeTable(activity_id=cafe.id, position=1, name="Ash")
        elm = CafeTable(activity_id=cafe.id, position=2, name="Elm")
        second = CafeRound(activity_id=cafe.id, number=2, question="Who could we reach?", status="ended")
        food = Theme(event_id=event.id, name="Food")
        s.add_all([ash, elm, second, food])
        s.flush()
        themes = {t.name: t.id for t in s.query(Theme).filter_by(event_id=event.id)}
        author = h.people["amara"]
        for table, theme, text in ((ash, "Belonging", "Somewhere to sit and talk"), (ash, "Access & <transport>", "Ramps"),
                                   (elm, "Belonging", "Being known by name"), (elm, "Food", "A shared lunch")):
            s.add(Card(event_id=event.id, activity_id=cafe.id, table_id=table.id, round_id=second.id,
                       author_id=author, text=text, theme_id=themes[theme]))
        s.add_all([
            CafeEssence(round_id=first.id, table_id=oak.id, author_id=author, essence=ESSENCE, question=QUESTION),
            CafeEssence(round_id=second.id, table_id=ash.id, author_id=author, essence="Loneliness is about transport too"),
        ])
    return h


def _svg(html: str, svg_id: str) -> str:
    return re.search(rf'<svg id="{svg_id}".*?</svg>', html, re.S).group(0)


def test_the_dot_vote_is_a_chart_with_a_bar_a_theme_longest_first(db, harvest):
    html = export(db, harvest, "html").decode("utf-8")
    chart = _svg(html, "ranking-chart")
    bars = [(m.group(2), float(m.group(1))) for m in re.finditer(r'<rect [^>]*width="([\d.]+)"[^>]*><title>([^<]*)</title>', chart)]
    assert [name for name, _ in bars] == ["Belonging: 4 dots", "Access &amp; &lt;transport&gt;: 2 dots", "Food: 0 dots"]
    assert bars[0][1] == 300 and bars[1][1] == 150 and bars[2][1] == 0


def test_the_pattern_grid_has_a_row_a_theme_a_column_a_table_and_says_what_travelled(db, harvest):
    html = export(db, harvest, "html").decode("utf-8")
    doc = Sections.read(html)
    grid = _svg(html, "pattern-grid")
    cells = re.findall(r"<g><title>([^<]*)</title>", grid)
    assert len(cells) == 3 * 3, "three themes at three tables"
    assert "Belonging at Elm: 1 card (round 1: 0, round 2: 1)" in cells
    assert "Belonging at Table «Oak», by the window: 2 cards (round 1: 2, round 2: 0)" in cells
    text = _flat(TextOf.read(html).joined)
    pattern = text[text.index("The pattern across tables"):]
    assert "Travelled (raised at 2 tables or more): Belonging (3 tables), Access & <transport> (2 tables)" in pattern
    assert "At one table only: Food (Elm)" in pattern
    assert doc.heading  # the document parsed to its end


def test_the_round_cards_are_in_the_report_round_by_round_as_text(db, harvest):
    html = export(db, harvest, "html").decode("utf-8")
    doc = Sections.read(html)
    cards = doc.items["The hosts' round cards"]
    assert len(cards) == 2
    assert cards[0].startswith(f"{OAK} {ESSENCE}") and cards[0].endswith(f"For the next group: {QUESTION}")
    assert cards[1] == "Ash Loneliness is about transport too"
    assert "Buses &lt;stop&gt; at six" in html
    text = _flat(TextOf.read(html).joined)
    part = text[text.index("The hosts' round cards"):]
    assert part.index("Round 1") < part.index(ESSENCE) < part.index("Round 2") < part.index("Loneliness")


def test_the_report_loads_nothing_from_anywhere_and_prints_on_a4_with_charts_whole(db, harvest):
    html = export(db, harvest, "html").decode("utf-8")
    doc = TextOf.read(html)
    assert "script" not in doc.tags and "link" not in doc.tags and "img" not in doc.tags
    assert [v for k, v in doc.attrs if k in ("src", "href", "xlink:href")] == []
    assert "url(" not in html and "@import" not in html
    for chart in ("ranking-chart", "pattern-grid", "pulse-chart"):
        assert f'<svg id="{chart}"' in html
    assert "break-inside: avoid" in html


def test_the_workbook_has_the_pattern_and_the_round_cards(db, harvest):
    wb = openpyxl.load_workbook(io.BytesIO(export(db, harvest, "xlsx")))
    pattern = [[c.value for c in row] for row in wb["Pattern"].iter_rows()]
    assert pattern[0] == ["Theme", "Table", "Round 1", "Round 2", "Cards", "Tables that raised it", "Travelled"]
    assert ["Belonging", OAK, 2, 0, 2, 3, True] in pattern
    assert ["Food", "Elm", 0, 1, 1, 1, False] in pattern
    assert len(pattern) == 1 + 6, "a row where a theme was raised at a table, no empty ones"
    cards = [[c.value for c in row] for row in wb["Round cards"].iter_rows()]
    assert cards[1:] == [["World café", 1, OAK, ESSENCE, QUESTION], ["World café", 2, "Ash", "Loneliness is about transport too", None]]


def test_the_markdown_has_the_pattern_what_travelled_and_a_row_a_theme(db, harvest):
    from facilitator.exports import report_view

    with db.read_scope() as s:
        grid = report_view.build(s, events.get_by_code(s, harvest.code), report_view.Options())["pattern"]
    md = export(db, harvest, "md").decode()
    section = md.split("## The pattern across tables", 1)[1].split("\n## ", 1)[0]
    travelled = ", ".join(f"{t['name']} ({t['tables']})" for t in grid["travelled"])
    assert f"Travelled (at {grid['travelled_at']} tables or more): " in section and travelled.split(" (")[0] in section
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| Theme | ") and lines[0].count("|") == len(grid["tables"]) + 3
    for theme in grid["themes"]:
        row = next(line for line in lines[1:] if line.startswith(f"| {theme['name'].split(' ')[0]}"))
        cells = [c.strip() for c in row.strip("|").split("|")][1:-1]
        assert [int(c.split(" ")[0]) if c else 0 for c in cells] == [c["total"] for c in theme["cells"]]
