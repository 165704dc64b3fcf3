"""Exports in the event's language (issue #19): the HTML report, the Markdown and the
workbook say their own words in it; the CSV's column names stay English, whatever it is."""
from __future__ import annotations

import io
from html.parser import HTMLParser

import openpyxl
import pytest
from markupsafe import escape

from facilitator import exports, i18n
from facilitator.core import events
from facilitator.exports import consultation_export, csv_export, report_view, xlsx_export

from .support import harvested_event

# The English header row every CSV starts with (docs/translations.md: scripts read these names).
CSV_HEADER = "Card,Text,Activity,Table,Round,Question,Theme,3Cs,Votes,Pinned,Hidden,Merged into card,Written at (UTC)"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from facilitator.db import Database

    database = Database(f"sqlite:///{tmp_path_factory.mktemp('languages') / 'harvest.sqlite3'}")
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def event_in(db):
    """The code of a harvested event whose language is ``code`` (made once per language)."""
    made: dict[str, str] = {}

    def make(code: str) -> str:
        if code not in made:
            harvest = harvested_event(db)
            with db.session_scope() as s:
                events.get_by_code(s, harvest.code).language = code
            made[code] = harvest.code
        return made[code]

    return make


def export(db, code: str, fmt: str, **options) -> bytes:
    with db.read_scope() as s:
        content, _type, _name = exports.render(s, events.get_by_code(s, code), fmt, report_view.Options(**options))
    return content


def cy(message: str) -> str:
    """``message`` in Welsh, checked to be a translation (else the test could not tell English from Welsh)."""
    text = i18n.gettext("cy", message)
    assert text != message, f"{message!r} has no Welsh in the catalogue"
    return text


class Headings(HTMLParser):
    """The text of each h1–h3 and the <html> element's attributes."""

    def __init__(self):
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.headings: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html = dict(attrs)
        if tag in ("h2", "h3"):
            self._in = tag
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.headings[-1] += data

    @classmethod
    def of(cls, html: bytes) -> "Headings":
        parser = cls()
        parser.feed(html.decode("utf-8"))
        parser.close()
        parser.headings = [" ".join(h.split()) for h in parser.headings]
        return parser


def test_the_event_s_language_is_in_the_report_view_and_english_when_unknown(db, event_in):
    # "xx": a language this copy does not ship (an archive from a newer one, say).
    welsh, unknown = event_in("cy"), event_in("xx")
    with db.read_scope() as s:
        assert report_view.build(s, events.get_by_code(s, welsh))["event"]["language"] == "cy"
        assert report_view.build(s, events.get_by_code(s, unknown))["event"]["language"] == "en"


def test_a_welsh_event_s_html_report_has_welsh_headings_and_says_it_is_welsh(db, event_in):
    html = export(db, event_in("cy"), "html", with_names=True)
    page = Headings.of(html)
    assert page.html == {"lang": "cy", "dir": "ltr"}
    for heading in ("Who was there", "Themes, ranked", "The dot vote", "The pattern across tables", "Cards",
                    "One word to close", "Pledges shared with the group", "The 3Cs pulse: check-in and check-out",
                    "Agreement accepted"):
        assert cy(heading) in page.headings
        assert heading not in page.headings
    text = html.decode("utf-8")
    # The kinds, the 3Cs, plurals in Welsh's own forms, and the sentences around the people's words.
    assert f"({cy('Check-in circle')})" in text
    assert f"<th scope=\"row\">{cy('Control')}</th>" in text
    assert i18n.ngettext("cy", "{n} vote", "{n} votes", 3) in text and "3 votes" not in text
    assert i18n.ngettext("cy", "{n} vote", "{n} votes", 2) != i18n.ngettext("cy", "{n} vote", "{n} votes", 3)
    assert str(escape(cy("Made with Circle & Café. What the group produced belongs to the group."))) in text
    assert "Who was there" not in text and "Harvest of the event" not in text
    assert f'<td dir="auto">{cy("Anonymous")}</td>' in text and '<td dir="auto">Anonymous</td>' not in text


def test_values_inside_a_translated_sentence_are_still_escaped(db, event_in):
    text = export(db, event_in("cy"), "html").decode("utf-8")
    # The theme "Access & <transport>" sits inside a translated tooltip in the pattern grid.
    assert "Access &amp; &lt;transport&gt;" in text
    assert "<transport>" not in text


def test_an_arabic_report_reads_right_to_left(db, event_in):
    page = Headings.of(export(db, event_in("ar"), "html"))
    assert page.html == {"lang": "ar", "dir": "rtl"}
    assert i18n.gettext("ar", "Who was there") in page.headings


def test_a_welsh_event_s_markdown_report_has_welsh_headings(db, event_in):
    lines = export(db, event_in("cy"), "md", with_names=True).decode("utf-8").splitlines()
    for heading in ("Themes, ranked", "Cards", "One word to close", "The 3Cs pulse", "Agreement accepted"):
        assert "## " + cy(heading) in lines
        assert "## " + heading not in lines
    assert f"| | {cy('Check-in')} | {cy('Check-out')} | {cy('Change')} |" in lines
    assert any(line.startswith(f"| {cy('Theme')} |") and line.endswith(f"| {cy('Tables')} |") for line in lines)
    # Someone who joined anonymously is "Anonymous" in the report's language; names stay as chosen.
    assert any(line.startswith(f"| {cy('Anonymous')} | 1 |") for line in lines)
    assert not any(line.startswith("| Anonymous |") for line in lines)
    assert any(line.startswith(f"1. {cy('Check-in circle')} (") or f"({cy('Check-in circle')})" in line for line in lines)


def test_a_welsh_event_s_workbook_has_welsh_sheet_titles_and_headings(db, event_in):
    workbook = openpyxl.load_workbook(io.BytesIO(export(db, event_in("cy"), "xlsx", with_names=True)))
    english = openpyxl.load_workbook(io.BytesIO(export(db, event_in("en"), "xlsx", with_names=True)))
    assert workbook.sheetnames == [i18n.gettext("cy", title) for title in english.sheetnames]
    assert [workbook.sheetnames[0], workbook.sheetnames[2]] == [cy("Event"), cy("Cards")]
    cards = [cell.value for cell in workbook[cy("Cards")][1]]
    assert cards == [i18n.gettext("cy", label) for _key, label in csv_export.columns({"options": {"with_names": True}})]
    assert cards[:2] == [cy("Card"), cy("Text")]
    agenda = workbook.worksheets[1]
    assert [cell.value for cell in agenda[1]][:3] == [cy("Position"), cy("Activity"), cy("Kind")]
    assert agenda["C2"].value == cy("Check-in circle")
    votes = workbook[cy("Votes")]
    assert votes["B1"].value == cy("For a")
    assert {row[1] for row in votes.iter_rows(min_row=2, values_only=True)} == {cy("card"), cy("theme")}


@pytest.mark.parametrize("code", list(i18n.LANGUAGES))
def test_every_sheet_title_in_every_language_is_one_excel_takes(db, event_in, code):
    english = event_in("en")
    with db.read_scope() as s:
        view = report_view.build(s, events.get_by_code(s, english), report_view.Options(with_names=True))
    view["event"]["language"] = code
    # Every sheet there can be: the consultation's too.
    view["consultation"] = {"present": True, "counts": {key: 0 for key, _label in consultation_export.COUNTS},
                            "themes": [], "unthemed": [], "shared_goals": []}
    titles = [title for title, *_rest in xlsx_export.sheets(view)]
    assert len(titles) == 17
    for title in titles:
        assert len(title) <= xlsx_export.TITLE_MAX, f"{code}: {title!r} is too long for Excel: choose a shorter word"
        assert not set(title) & xlsx_export.TITLE_FORBIDDEN, f"{code}: {title!r} has a character Excel refuses"
    assert len({t.casefold() for t in titles}) == len(titles), f"{code}: two sheets would have one title"


def test_the_csv_header_row_is_the_same_english_whatever_the_event_s_language(db, event_in):
    headers = {}
    for code in i18n.LANGUAGES:
        content = export(db, event_in(code), "csv")
        headers[code] = content.split(b"\r\n", 1)[0]
    assert headers["en"] == ("\ufeff" + CSV_HEADER).encode("utf-8")
    assert {code: header for code, header in headers.items() if header != headers["en"]} == {}
