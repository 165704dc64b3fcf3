"""Every format read back with a real reader and checked against the event."""
from __future__ import annotations

import csv
import io
from datetime import datetime
from html.parser import HTMLParser

import openpyxl
import pytest
from markdown_it import MarkdownIt

from facilitator import exports
from facilitator.exports import report_view
from facilitator.core import events
from facilitator.exports.csv_export import neutralise

from .support import ANON_CARD, FORMULA, HIDDEN, HTMLISH, NAMED, PRIVATE_PLEDGE, QUOTED, SHARED_PLEDGE, WITHDRAWN, harvested_event


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One harvested event for the whole module: every test here only reads it."""
    from facilitator.db import Database

    database = Database(f"sqlite:///{tmp_path_factory.mktemp('formats') / 'harvest.sqlite3'}")
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def harvest(db):
    return harvested_event(db)


def export(db, harvest, fmt, **options) -> bytes:
    with db.read_scope() as s:
        content, _type, _name = exports.render(s, events.get_by_code(s, harvest.code), fmt, report_view.Options(**options))
    return content


def csv_rows(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


class TextOf(HTMLParser):
    """The visible text of an HTML document, and what tags and attributes it has."""

    def __init__(self):
        super().__init__()
        self.text, self.tags, self.attrs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)

    @classmethod
    def read(cls, html: str) -> "TextOf":
        parser = cls()
        parser.feed(html)
        parser.close()
        parser.joined = "".join(parser.text)
        return parser


def _flat(text: str) -> str:
    return " ".join(text.split())


class Sections(HTMLParser):
    """List items and table rows of an HTML document, by the heading (h2) they sit under."""

    def __init__(self):
        super().__init__()
        self.heading, self.items, self.rows = None, {}, {}
        self._h2, self._li, self._row, self._cell = None, [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._h2 = []
        elif tag == "li":
            self._li.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "h2":
            self.heading, self._h2 = _flat("".join(self._h2)), None
        elif tag == "li" and self._li:
            self.items.setdefault(self.heading, []).append(_flat("".join(self._li.pop())))
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(_flat("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.setdefault(self.heading, []).append(self._row)
            self._row = None

    def handle_data(self, data):
        for part in (self._h2, self._cell, *self._li):
            if part is not None:
                part.append(data)

    @classmethod
    def read(cls, html: str) -> "Sections":
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser


PULSE_ROWS = [["Control", "2.3", "3.7", "+1.4"], ["Contact", "2.3", "4.3", "+2.0"], ["Confidence", "2.3", "4.3", "+2.0"]]
AGREEMENTS = ['Say "pass" freely, no reasons needed', "What is said here, stays here"]


def test_the_csv_holds_every_visible_card_exactly_as_written(db, harvest):
    rows = csv_rows(export(db, harvest, "csv"))
    texts = [r["Text"] for r in rows]
    assert QUOTED in texts and HTMLISH in texts and ANON_CARD in texts
    assert "'" + FORMULA in texts, "a formula is neutralised with a leading apostrophe"
    pinned = next(r for r in rows if r["Text"] == QUOTED)
    assert (pinned["Table"], pinned["Round"], pinned["Theme"], pinned["3Cs"], pinned["Votes"], pinned["Pinned"]) == (
        "Table «Oak», by the window", "1", "Belonging", "contact", "3", "yes"
    )


def test_every_cell_a_spreadsheet_would_run_is_neutralised(db, harvest):
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("Fine, = later") == "Fine, = later"
    texts = [r["Text"] for r in csv_rows(export(db, harvest, "csv"))]
    assert "'-1 + 1 @ everyone\tstarts with minus" in texts
    assert "'+44 helpline" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_authors_are_named_only_when_asked_and_never_when_anonymous(db, harvest):
    plain = export(db, harvest, "csv").decode("utf-8-sig")
    assert not any(name in plain for name in NAMED.values())
    rows = csv_rows(export(db, harvest, "csv", with_names=True))
    by_text = {r["Text"]: r for r in rows}
    assert by_text[QUOTED]["Written by"] == NAMED["li"]
    assert by_text[HTMLISH]["Written by"] == NAMED["amal"]
    assert by_text[HTMLISH]["On behalf of"] == "Gwen"
    assert by_text[ANON_CARD]["Written by"] == "", "an anonymous person stays anonymous"
    assert "Anonymous" not in by_text[ANON_CARD].values()


def test_hidden_cards_are_left_out_unless_asked_for_and_withdrawn_ones_always(db, harvest):
    assert HIDDEN not in [r["Text"] for r in csv_rows(export(db, harvest, "csv"))]
    rows = csv_rows(export(db, harvest, "csv", include_hidden=True))
    hidden = next(r for r in rows if r["Text"] == HIDDEN)
    assert hidden["Hidden"] == "yes"
    assert WITHDRAWN not in [r["Text"] for r in rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md", "html"])
def test_private_pledges_and_withdrawn_cards_never_leave_in_a_report(db, harvest, fmt):
    content = export(db, harvest, fmt, with_names=True, include_hidden=True)
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(content))
        content = "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None).encode()
    text = content.decode("utf-8-sig")
    assert PRIVATE_PLEDGE not in text
    assert WITHDRAWN not in text
    if fmt != "csv":
        assert SHARED_PLEDGE in text.replace("\\", "")


def test_the_workbook_has_a_typed_sheet_per_kind_with_filters_and_frozen_headers(db, harvest):
    wb = openpyxl.load_workbook(io.BytesIO(export(db, harvest, "xlsx", with_names=True)))
    assert wb.sheetnames == ["Event", "Agenda", "Cards", "Themes", "Pattern", "Round cards", "Votes", "Agreements", "Agreement wordings",
                             "Agreement accepted", "Pledges", "Words", "Pulse"]
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
    cards = wb["Cards"]
    header = [c.value for c in cards[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in cards.iter_rows(min_row=2)]
    by_text = {r["Text"]: r for r in rows}
    assert FORMULA in by_text, "text starting with = is kept as text"
    formula_cell = next(c for row in cards.iter_rows(min_row=2) for c in row if c.value == FORMULA)
    assert formula_cell.data_type == "s", "never a formula"
    quoted = by_text[QUOTED]
    assert quoted["Votes"] == 3 and isinstance(quoted["Votes"], int)
    assert quoted["Pinned"] is True and quoted["Hidden"] is False
    assert isinstance(quoted["Written at (UTC)"], datetime)
    assert quoted["Written by"] == NAMED["li"]
    themes = [[c.value for c in row] for row in wb["Themes"].iter_rows(min_row=2)]
    assert themes[0][:4] == [1, "Belonging", 2, 4]
    assert themes[1][:4] == [2, "Access & <transport>", 1, 2]
    pulse = {row[0].value: [c.value for c in row] for row in wb["Pulse"].iter_rows(min_row=2)}
    assert pulse["Control"] == ["Control", 2.3, 3, 3.7, 3, 1.4]
    event = {row[0].value: row[1].value for row in wb["Event"].iter_rows(min_row=2)}
    assert event["People present"] == 5 and event["Anonymous"] == 1
    assert isinstance(event["Created (UTC)"], datetime)
    agreements = [row[1].value for row in wb["Agreements"].iter_rows(min_row=2)]
    assert agreements == ['Say "pass" freely, no reasons needed', "What is said here, stays here"]
    words = [[c.value for c in row] for row in wb["Words"].iter_rows(min_row=2)]
    assert words[0][1:] == ["Hopeful", 2]


def test_the_markdown_report_renders_every_text_literally(db, harvest):
    source = export(db, harvest, "md", with_names=True).decode("utf-8")
    html = MarkdownIt("commonmark").render(source)
    doc = TextOf.read(html)
    assert "script" not in doc.tags and "b" not in doc.tags and "a" not in doc.tags
    text = _flat(doc.joined)
    for expected in (FORMULA, QUOTED, HTMLISH, ANON_CARD, SHARED_PLEDGE, 'Say "pass" freely, no reasons needed',
                     "Access & <transport>", "Connected, «finally»", "Santé & «Ensemble» <gathering>"):
        assert _flat(expected) in text, expected
    assert "h1" in doc.tags
    assert NAMED["amara"] in text
    assert PRIVATE_PLEDGE not in source and HIDDEN not in source
    assert text.index("Belonging") < text.index("Access & <transport>"), "themes in ranked order"


def test_the_html_report_escapes_everything_and_ranks_the_themes(db, harvest):
    html = export(db, harvest, "html").decode("utf-8")
    doc = TextOf.read(html)
    assert "script" not in doc.tags, "user text never becomes a script"
    assert "b" not in doc.tags
    assert "&lt;script&gt;" in html
    text = _flat(doc.joined)
    for expected in (FORMULA, QUOTED, HTMLISH, ANON_CARD, SHARED_PLEDGE, "Santé & «Ensemble» <gathering>"):
        assert _flat(expected) in text, expected
    assert not any(name in text for name in NAMED.values()), "no names unless asked for"
    themes_part = text[text.index("Themes, ranked"):text.index("Cards")]
    assert themes_part.index("Belonging") < themes_part.index("Access & <transport>")
    assert "svg" in doc.tags and "rect" in doc.tags
    assert "style" in doc.tags and "link" not in doc.tags
    external = [v for k, v in doc.attrs if k in ("src", "href") and v]
    assert external == [], "nothing is fetched from anywhere"
    assert "@media print" in html


def test_the_html_report_names_people_in_any_script_when_asked_and_on_whose_behalf(db, harvest):
    doc = Sections.read(export(db, harvest, "html", with_names=True).decode("utf-8"))
    by_text = {text: next(item for item in doc.items["Cards"] if _flat(text) in item)
               for text in (QUOTED, HTMLISH, FORMULA, ANON_CARD)}
    assert by_text[QUOTED].endswith("by " + NAMED["li"])
    assert by_text[FORMULA].endswith("by " + NAMED["amara"])
    assert by_text[HTMLISH].endswith(f"by {NAMED['amal']} · on behalf of Gwen")
    assert " by " not in by_text[ANON_CARD].replace(", by the window", ""), "an anonymous person stays anonymous"
    assert f"{SHARED_PLEDGE} — {NAMED['amara']}" in doc.items["Pledges shared with the group"]
    plain = Sections.read(export(db, harvest, "html").decode("utf-8"))
    assert not any("on behalf of" in item for item in plain.items["Cards"]), "no names at all unless asked for"


def test_the_html_report_holds_the_pulse_attendance_words_and_agreements(db, harvest):
    doc = Sections.read(export(db, harvest, "html").decode("utf-8"))
    assert doc.items["Who was there"] == ["5 people", "4 named", "1 anonymous", "1 without a phone"]
    assert doc.items["Our agreements"] == AGREEMENTS
    assert doc.items["One word to close"] == ["Hopeful ×2", "Connected, «finally»"]
    pulse = next(rows for heading, rows in doc.rows.items() if heading and heading.startswith("The 3Cs pulse"))
    assert pulse == [["C", "Check-in", "Check-out", "Change"], *PULSE_ROWS]


def test_the_markdown_report_holds_the_pulse_attendance_words_agreements_and_on_whose_behalf(db, harvest):
    source = export(db, harvest, "md", with_names=True).decode("utf-8")
    doc = Sections.read(MarkdownIt("commonmark").enable("table").render(source))
    assert any(item.startswith("People: 5 present (4 named, 1 anonymous, 1 without a phone); 5 joined in all")
               for item in doc.items[None]), doc.items[None]
    assert doc.items["Our agreements"] == AGREEMENTS
    assert doc.items["One word to close"] == ["Hopeful (2)", "Connected, «finally»"]
    assert doc.rows["The 3Cs pulse"] == [["", "Check-in", "Check-out", "Change"], *PULSE_ROWS]
    htmlish = next(item for item in doc.items["Cards"] if _flat(HTMLISH) in item)
    assert htmlish.endswith(f"by {NAMED['amal']}, on behalf of Gwen")
    assert not any("on behalf of" in item for item in Sections.read(
        MarkdownIt("commonmark").render(export(db, harvest, "md").decode("utf-8"))).items["Cards"])


def test_the_workbook_counts_the_votes_and_lists_the_shared_pledges(db, harvest):
    def rows(wb, title):
        return [[c.value for c in row] for row in wb[title].iter_rows()]

    named = openpyxl.load_workbook(io.BytesIO(export(db, harvest, "xlsx", with_names=True)))
    header, *cards = rows(named, "Cards")
    card_number = {dict(zip(header, r))["Text"]: dict(zip(header, r))["Card"] for r in cards}
    assert rows(named, "Votes") == [
        ["Ballot", "For a", "Card", "Text", "Dots"],
        [1, "card", card_number[QUOTED], QUOTED, 3],
        [1, "card", card_number[FORMULA], FORMULA, 1],
        [1, "card", card_number[HTMLISH], HTMLISH, 1],
        [1, "card", card_number[ANON_CARD], ANON_CARD, 1],
        [1, "theme", None, "Access & <transport>", 1],
    ]
    pledges = rows(named, "Pledges")
    assert pledges[0] == ["Activity", "Pledge", "Written at (UTC)", "Written by"]
    assert [(r[0], r[1], r[3]) for r in pledges[1:]] == [
        ("Check-out circle", SHARED_PLEDGE, NAMED["amara"]), ("Check-out circle", "Bring a friend next time", None),
    ]
    assert all(isinstance(r[2], datetime) for r in pledges[1:])
    plain = openpyxl.load_workbook(io.BytesIO(export(db, harvest, "xlsx")))
    assert rows(plain, "Pledges")[0] == ["Activity", "Pledge", "Written at (UTC)"], "no names unless asked for"
    assert [r[1] for r in rows(plain, "Pledges")[1:]] == [SHARED_PLEDGE, "Bring a friend next time"]
