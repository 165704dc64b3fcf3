"""The cards as CSV: UTF-8 with a BOM (Excel reads non-English text), formulas defused."""
from __future__ import annotations

import csv
import io
from typing import Any

# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def columns(view: dict) -> list[tuple[str, str]]:
    cols = [
        ("number", "Card"), ("text", "Text"), ("activity", "Activity"), ("table", "Table"), ("round", "Round"),
        ("question", "Question"), ("theme", "Theme"), ("tag", "3Cs"), ("votes", "Votes"), ("pinned", "Pinned"),
        ("hidden", "Hidden"), ("merged_into", "Merged into card"), ("created_at", "Written at (UTC)"),
    ]
    if view["options"]["with_names"]:
        cols += [("author", "Written by"), ("on_behalf_of", "On behalf of")]
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
