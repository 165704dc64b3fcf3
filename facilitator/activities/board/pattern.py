"""The pattern across tables: which themes came up at which tables, in which rounds.

At the harvest the room "listens together for patterns": a theme raised at
most tables travelled with the people between rounds; one raised at a single
table is that table's own. :func:`across_tables` works that out from plain
values (no database); :func:`for_event` reads an event's board into it.

A card merged into another still counts where it was written: merging says
two tables said the same thing, which is the pattern itself. It counts under
the theme of the card it was merged into.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.activities.board.models import Card, Theme

# A theme travelled when it was raised at this share of the tables that wrote
# cards (and at two tables at least: with one table nothing can travel).
TRAVELLED_SHARE = 0.5


@dataclass(frozen=True)
class Raised:
    """One card as the pattern reads it: its theme, where and in which round it was written."""

    theme_id: int | None
    table_id: int | None
    round: int | None


@dataclass(frozen=True)
class Place:
    """A table (or a theme): its id and its name, in the order they are shown."""

    id: int
    name: str


def across_tables(themes: list[Place], tables: list[Place], raised: Iterable[Raised]) -> dict[str, Any]:
    """The grid of themes x tables with the cards per round, and which themes travelled or stayed.

    ``rounds`` are the round numbers any card was written in (a card written
    outside a round counts in a cell's total only). Each theme carries its
    ``cells``, one per table in ``tables`` order (``total`` and ``by_round``,
    aligned with ``rounds``), how many ``tables`` raised it and how many cards
    it has at no table (``elsewhere``). ``travelled`` lists the themes raised at
    many tables, most tables first; ``one_table`` those raised at one table only.
    Cards in no theme, or in a theme not listed, are counted per table in
    ``unthemed``.
    """
    raised = list(raised)
    table_ids = [t.id for t in tables]
    known_tables, known_themes = set(table_ids), {t.id for t in themes}
    rounds = sorted({r.round for r in raised if r.round is not None and r.table_id in known_tables})
    counts: dict[tuple[int | None, int, int | None], int] = {}
    elsewhere: dict[int, int] = {}
    for r in raised:
        theme = r.theme_id if r.theme_id in known_themes else None
        if r.table_id not in known_tables:
            if theme is not None:
                elsewhere[theme] = elsewhere.get(theme, 0) + 1
            continue
        key = (theme, r.table_id, r.round)
        counts[key] = counts.get(key, 0) + 1

    def cell(theme_id: int | None, table_id: int) -> dict[str, Any]:
        by_round = [counts.get((theme_id, table_id, n), 0) for n in rounds]
        return {"table": table_id, "total": sum(by_round) + counts.get((theme_id, table_id, None), 0), "by_round": by_round}

    writing = {table for (_, table, _) in counts}
    many = max(2, math.ceil(len(writing) * TRAVELLED_SHARE))
    rows = []
    for theme in themes:
        cells = [cell(theme.id, t) for t in table_ids]
        at = sum(1 for c in cells if c["total"])
        rows.append({
            "id": theme.id,
            "name": theme.name,
            "cells": cells,
            "cards": sum(c["total"] for c in cells) + elsewhere.get(theme.id, 0),
            "tables": at,
            "elsewhere": elsewhere.get(theme.id, 0),
            "travelled": at >= many,
            "one_table": at == 1,
        })
    travelled = sorted((r for r in rows if r["travelled"]), key=lambda r: (-r["tables"], -r["cards"], r["id"]))
    return {
        "tables": [{"id": t.id, "name": t.name} for t in tables],
        "rounds": rounds,
        "themes": rows,
        "unthemed": [cell(None, t) for t in table_ids],
        "most": max((c["total"] for r in rows for c in r["cells"]), default=0),
        "travelled_at": many,
        "travelled": [{"id": r["id"], "name": r["name"], "tables": r["tables"]} for r in travelled],
        "one_table": [
            {"id": r["id"], "name": r["name"], "table": next(t.name for t, c in zip(tables, r["cells"]) if c["total"])}
            for r in rows if r["one_table"]
        ],
    }


def for_event(s: Session, event_id: int) -> dict[str, Any]:
    """The pattern of an event's board: every theme, every table a card was written at, visible cards only."""
    cards = list(s.scalars(
        select(Card).where(Card.event_id == event_id, Card.withdrawn.is_(False), Card.hidden.is_(False)).order_by(Card.id)
    ))
    theme_of = {c.id: c.theme_id for c in cards}
    raised = [
        Raised(theme_of.get(c.merged_into_id) if c.merged_into_id is not None else c.theme_id, c.table_id,
               c.round.number if c.round is not None else None)
        for c in cards
    ]
    # The tables are the café's rows (named by the card's relationship: the board imports no café).
    seen = {c.table.id: c.table for c in cards if c.table is not None}
    tables = [Place(t.id, t.name) for t in sorted(seen.values(), key=lambda t: (t.activity_id, t.position, t.id))]
    themes = [Place(t.id, t.name) for t in s.scalars(select(Theme).where(Theme.event_id == event_id).order_by(Theme.id))]
    return across_tables(themes, tables, raised)
