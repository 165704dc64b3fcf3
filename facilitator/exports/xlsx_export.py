"""An Excel workbook: a sheet per kind, real numbers, dates and booleans, filters, frozen headers;
sheet titles and headings in the event's language."""
from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from facilitator.i18n import N_
from facilitator.exports import acceptance_export, consultation_export
from facilitator.exports.csv_export import columns as card_columns
from facilitator.exports.text import language, tag, translator

DATE_FORMAT = "yyyy-mm-dd hh:mm"
# Excel refuses a sheet title longer than this or with one of these characters:
# every translation of a title is checked (tests/exports/test_languages.py).
TITLE_MAX = 31
TITLE_FORBIDDEN = set("[]:*?/\\")


def sheet_title(title: str) -> str:
    """``title`` as Excel takes it: a translation that breaks its rules is a translator's slip,
    shortened and cleaned here rather than refused (the test names which one)."""
    cleaned = "".join(" " if ch in TITLE_FORBIDDEN else ch for ch in title).strip()
    return cleaned[:TITLE_MAX].rstrip() or "Sheet"


# What a dot was given to, as the Votes sheet names it (the view says "card" or "theme").
TARGETS = {"card": N_("card"), "theme": N_("theme")}


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        # Excel has no time zones: times are written in UTC (the headers say so).
        return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, (dict, list)):
        return str(value)
    return value


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[Any]], widths: dict[int, int] | None = None):
    ws = wb.create_sheet(sheet_title(title))
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_value(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # Text stays text: a card starting with "=" is never a formula.
                cell.data_type = "s"
                if "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, ws.max_row)}"
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = (widths or {}).get(i, max(10, min(40, len(header) + 4)))
    return ws


def render(view: dict) -> bytes:
    """The workbook (the server writes it on a native thread: see off_loop)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows, widths in sheets(view):
        _sheet(wb, title, headers, rows, widths)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sheets(view: dict):
    """(title, headers, rows, column widths) of every sheet, in order, in the event's language."""
    e, att = view["event"], view["attendance"]
    lang = language(view)
    _ = translator(lang)
    yield _(N_("Event")), [_(N_("Field")), _(N_("Value"))], [
        [_(N_("Title")), e["title"]], [_(N_("Code")), e["display_code"]], [_(N_("Purpose")), e["purpose"]],
        [_(N_("Group agreement")), e["agreement_text"]], [_(N_("Created (UTC)")), e["created_at"]],
        [_(N_("Kept until (UTC)")), e["retain_until"]],
        [_(N_("People joined")), att["joined"]], [_(N_("People present")), att["present"]], [_(N_("Named")), att["named"]],
        [_(N_("Anonymous")), att["anonymous"]], [_(N_("Without a phone")), att["without_phone"]],
        [_(N_("Taken off the event")), att["removed"]],
    ], {1: 22, 2: 60}
    yield _(N_("Agenda")), [_(N_("Position")), _(N_("Activity")), _(N_("Kind")), _(N_("Started (UTC)")), _(N_("Current"))], [
        [a["position"], a["title"], _(a["kind_label"]), a["started_at"], a["current"]] for a in view["agenda"]
    ], {2: 40}
    # The CSV's column names stay English (scripts read them); the workbook's are translated.
    cols = card_columns(view)
    yield _(N_("Cards")), [_(label) for _key, label in cols], [
        [tag(c[k], lang) if k == "tag" else c[k] for k, _label in cols] for c in view["cards"]
    ], {2: 60, 6: 40}
    yield _(N_("Themes")), [_(N_("Rank")), _(N_("Theme")), _(N_("Cards")), _(N_("Votes")), _(N_("Votes on the theme itself"))], [
        [t["rank"], t["name"], t["cards"], t["votes"], t["theme_votes"]] for t in view["themes"]
    ], {2: 40}
    pattern = view["pattern"]
    rounds = pattern["rounds"]
    yield _(N_("Pattern")), [_(N_("Theme")), _(N_("Table")), *(_(N_("Round {round}"), round=n) for n in rounds), _(N_("Cards")),
                             _(N_("Tables that raised it")), _(N_("Travelled"))], [
        [t["name"], table["name"], *c["by_round"], c["total"], t["tables"], t["travelled"]]
        for t in pattern["themes"] for table, c in zip(pattern["tables"], t["cells"]) if c["total"]
    ], {1: 30, 2: 30}
    yield _(N_("Round cards")), [_(N_("Activity")), _(N_("Round")), _(N_("Table")), _(N_("Essence")),
                                 _(N_("Question for the next group"))], [
        [e["activity"], e["round"], e["table"], e["essence"], e["question"]] for e in view["essences"]
    ], {1: 24, 3: 24, 4: 60, 5: 50}
    yield _(N_("Votes")), [_(N_("Ballot")), _(N_("For a")), _(N_("Card")), _(N_("Text")), _(N_("Dots"))], [
        [v["ballot"], _(TARGETS.get(v["target"], v["target"])), v["card"], v["text"], v["dots"]] for v in view["votes"]
    ], {4: 60}
    yield _(N_("Agreements")), [_(N_("Number")), _(N_("Agreement")), _(N_("Accepted (UTC)"))], [
        [a["number"], a["text"], a["accepted_at"]] for a in view["agreements"]
    ], {2: 60}
    for title, headers, rows in acceptance_export.sheets(view):
        yield title, headers, rows, {1: 30, 2: 60}
    with_names = view["options"]["with_names"]
    pledge_headers = [_(N_("Activity")), _(N_("Pledge")), _(N_("Written at (UTC)"))] + ([_(N_("Written by"))] if with_names else [])
    yield _(N_("Pledges")), pledge_headers, [
        [p["activity"], p["text"], p["created_at"]] + ([p["author"]] if with_names else [])
        for p in view["pledges"]
    ], {2: 60}
    yield _(N_("Words")), [_(N_("Activity")), _(N_("Word")), _(N_("People"))], [
        [w["activity"], w["text"], w["count"]] for w in view["words"]
    ], None
    for title, headers, rows in consultation_export.sheets(view):
        yield title, headers, rows, {1: 30, 2: 60}
    pulse = view["pulse"]
    yield _(N_("Pulse")), ["C", _(N_("Check-in mean")), _(N_("Check-in answers")), _(N_("Check-out mean")),
                           _(N_("Check-out answers")), _(N_("Change"))], [
        [_(d["label"]), pulse["checkin"][d["key"]]["mean"], pulse["checkin"][d["key"]]["count"],
         pulse["checkout"][d["key"]]["mean"], pulse["checkout"][d["key"]]["count"], pulse["change"][d["key"]]]
        for d in pulse["dimensions"]
    ], None
