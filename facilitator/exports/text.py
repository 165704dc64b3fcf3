"""Small text helpers the formats share."""
from __future__ import annotations

import functools
from datetime import datetime
from typing import Any, Callable

from facilitator import i18n
from facilitator.activities.pulse import LABELS


def language(view: dict) -> str:
    """The language of a report's own words: the event's (``report_view``), English when the view has none."""
    return view["event"].get("language") or i18n.SOURCE


def translator(code: str) -> Callable[..., str]:
    """``_`` for a format written in Python, in the language ``code``:
    ``_(N_("Themes, ranked"))``, ``_(N_("Round {round}"), round=2)``."""
    return functools.partial(i18n.gettext, code)


def when(value: datetime | None) -> str:
    """A readable UTC time: 2026-05-14 18:30 UTC."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def yes_no(value: Any) -> str:
    return "yes" if value else "no"


def tag(value: str | None, code: str | None = None) -> str:
    """A card's 3Cs tag by its name ("control" → "Control"), in the language ``code``."""
    label = LABELS.get(value or "")
    return i18n.gettext(code, label) if label else value or ""


def mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def change(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"
