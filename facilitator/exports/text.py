"""Small text helpers the formats share."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from facilitator.activities.pulse import LABELS


def when(value: datetime | None) -> str:
    """A readable UTC time: 2026-05-14 18:30 UTC."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def yes_no(value: Any) -> str:
    return "yes" if value else "no"


def tag(value: str | None) -> str:
    return LABELS.get(value or "", value or "")


def mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def change(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"
