"""The cards as CSV: UTF-8 with a BOM (Excel reads non-English text), formulas defused; column names
in English whatever the event's language, so that what reads them keeps working."""
from __future__ import annotations

import csv
import io
from typing import Any

from facilitator.i18n import N_

# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def columns(view: dict) -> list[tuple[str, str]]:
    """(key, column name) of each card column. The names are English in every event's language and
    never change (spreadsheets and scripts read them: docs/translations.md); the workbook's Cards
    sheet shows them translated."""
    cols = [
        ("number", N_("Card")), ("text", N_("Text")), ("activity", N_("Activity")), ("table", N_("Table")),
        ("round", N_("Round")), ("question", N_("Question")), ("theme", N_("Theme")), ("tag", N_("3Cs")),
        ("votes", N_("Votes")), ("pinned", N_("Pinned")), ("hidden", N_("Hidden")),
        ("merged_into", N_("Merged into card")), ("created_at", N_("Written at (UTC)")),
    ]
    if view["options"]["with_names"]:
        cols += [("author", N_("Written by")), ("on_behalf_of", N_("On behalf of"))]
    return cols


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "created_at":
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return neutralise(value)


def render(view: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    cols = columns(view)
    writer.writerow([label for _, label in cols])
    for card in view["cards"]:
        writer.writerow([_cell(key, card.get(key)) for key, _ in cols])
    return out.getvalue().encode("utf-8-sig")
