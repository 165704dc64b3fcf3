"""An Excel workbook: a sheet per kind, real numbers, dates and booleans, filters, frozen headers."""
from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from facilitator.exports import acceptance_export, consultation_export
from facilitator.exports.csv_export import columns as card_columns
from facilitator.exports.text import tag

DATE_FORMAT = "yyyy-mm-dd hh:mm"


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
    ws = wb.create_sheet(title)
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
    for title, headers, rows, widths in _sheets(view):
        _sheet(wb, title, headers, rows, widths)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sheets(view: dict):
    """(title, headers, rows, column widths) of every sheet, in order."""
    e, att = view["event"], view["attendance"]
    yield "Event", ["Field", "Value"], [
        ["Title", e["title"]], ["Code", e["display_code"]], ["Purpose", e["purpose"]],
        ["Group agreement", e["agreement_text"]], ["Created (UTC)", e["created_at"]],
        ["Kept until (UTC)", e["retain_until"]],
        ["People joined", att["joined"]], ["People present", att["present"]], ["Named", att["named"]],
        ["Anonymous", att["anonymous"]], ["Without a phone", att["without_phone"]], ["Taken off the event", att["removed"]],
    ], {1: 22, 2: 60}
    yield "Agenda", ["Position", "Activity", "Kind", "Started (UTC)", "Current"], [
        [a["position"], a["title"], a["kind_label"], a["started_at"], a["current"]] for a in view["agenda"]
    ], {2: 40}
    cols = card_columns(view)
    yield "Cards", [label for _, label in cols], [
        [tag(c[k]) if k == "tag" else c[k] for k, _ in cols] for c in view["cards"]
    ], {2: 60, 6: 40}
    yield "Themes", ["Rank", "Theme", "Cards", "Votes", "Votes on the theme itself"], [
        [t["rank"], t["name"], t["cards"], t["votes"], t["theme_votes"]] for t in view["themes"]
    ], {2: 40}
    pattern = view["pattern"]
    rounds = pattern["rounds"]
    yield "Pattern", ["Theme", "Table", *(f"Round {n}" for n in rounds), "Cards", "Tables that raised it", "Travelled"], [
        [t["name"], table["name"], *c["by_round"], c["total"], t["tables"], t["travelled"]]
        for t in pattern["themes"] for table, c in zip(pattern["tables"], t["cells"]) if c["total"]
    ], {1: 30, 2: 30}
    yield "Round cards", ["Activity", "Round", "Table", "Essence", "Question for the next group"], [
        [e["activity"], e["round"], e["table"], e["essence"], e["question"]] for e in view["essences"]
    ], {1: 24, 3: 24, 4: 60, 5: 50}
    yield "Votes", ["Ballot", "For a", "Card", "Text", "Dots"], [
        [v["ballot"], v["target"], v["card"], v["text"], v["dots"]] for v in view["votes"]
    ], {4: 60}
    yield "Agreements", ["Number", "Agreement", "Accepted (UTC)"], [
        [a["number"], a["text"], a["accepted_at"]] for a in view["agreements"]
    ], {2: 60}
    for title, headers, rows in acceptance_export.sheets(view):
        yield title, headers, rows, {1: 30, 2: 60}
    pledge_headers = ["Activity", "Pledge", "Written at (UTC)"] + (["Written by"] if view["options"]["with_names"] else [])
    yield "Pledges", pledge_headers, [
        [p["activity"], p["text"], p["created_at"]] + ([p["author"]] if view["options"]["with_names"] else [])
        for p in view["pledges"]
    ], {2: 60}
    yield "Words", ["Activity", "Word", "People"], [[w["activity"], w["text"], w["count"]] for w in view["words"]], None
    for title, headers, rows in consultation_export.sheets(view):
        yield title, headers, rows, {1: 30, 2: 60}
    pulse = view["pulse"]
    yield "Pulse", ["C", "Check-in mean", "Check-in answers", "Check-out mean", "Check-out answers", "Change"], [
        [d["label"], pulse["checkin"][d["key"]]["mean"], pulse["checkin"][d["key"]]["count"],
         pulse["checkout"][d["key"]]["mean"], pulse["checkout"][d["key"]]["count"], pulse["change"][d["key"]]]
        for d in pulse["dimensions"]
    ], None
