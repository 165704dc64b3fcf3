"""The report's view of an event: one plain dict every report format is fed from.

:func:`build` gathers the **harvest** an organiser takes home: the event and
its agenda, attendance counts, agreements, cards, the hosts' round cards, themes and their ranking,
the pattern across tables, votes, shared pledges, check-out words and the 3Cs pulse aggregates. Each
area is one contribution function in ``CONTRIBUTIONS``: adding an area to
every format is adding one function there.

The harvest never holds private pledges or anything that links a pulse
rating to a person; authors' names appear only when the organiser asks for
them (``with_names``) and only for people who chose to be named; hidden
cards only with ``include_hidden``. The exact copy of an event (the JSON
archive) is ``exact_copy.py``, not this.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, Participant
from facilitator.activities.agreements import rules as agreements
from facilitator.activities.cafe import essences
from facilitator.activities.cafe.models import CafeRound
from facilitator.activities.board import pattern, rules as board
from facilitator.activities.board.models import Card, Dot
from facilitator.activities.checkout import rules as checkout
from facilitator.activities.checkout.models import Pledge
from facilitator.activities.consultation import rules as consultation
from facilitator.activities.pulse import rules as pulse
from facilitator import i18n
from facilitator.core import codes
from facilitator.core import group_agreement as confidentiality
from facilitator.core.kinds import KINDS, load_kinds


@dataclass(frozen=True)
class Options:
    """What the organiser asked for: authors' names, hidden cards."""

    with_names: bool = False
    include_hidden: bool = False


def build(s: Session, event: Event, options: Options = Options()) -> dict[str, Any]:
    """The harvest of one event, as plain Python values (datetimes stay datetimes)."""
    view: dict[str, Any] = {"options": {"with_names": options.with_names, "include_hidden": options.include_hidden}}
    ctx = _Context(s, event, options)
    for key, contribute in CONTRIBUTIONS:
        view[key] = _utc(contribute(ctx))
    return view


def _utc(value: Any) -> Any:
    """Every datetime in the view made timezone-aware (SQLite hands back naive UTC)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, dict):
        return {k: _utc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_utc(v) for v in value]
    return value


class _Context:
    """What the contributions share: the session, the event, the options, looked-up names."""

    def __init__(self, s: Session, event: Event, options: Options):
        self.s, self.event, self.options = s, event, options
        self._people: dict[int, Participant] | None = None

    def people(self) -> dict[int, Participant]:
        if self._people is None:
            self._people = {p.id: p for p in self.s.scalars(select(Participant).where(Participant.event_id == self.event.id))}
        return self._people

    def author(self, participant_id: int | None) -> str | None:
        """A name only when asked for, only for someone who chose to be named and is still in the event.

        Someone the facilitator took off the event is named nowhere (their
        shared pledges are left out, as on the phones); what they wrote for
        the group, such as cards, stays without their name.
        """
        if not self.options.with_names or participant_id is None:
            return None
        person = self.people().get(participant_id)
        if person is None or person.anonymous or person.removed_at is not None:
            return None
        return person.name

    def themes(self) -> dict[int, str]:
        """Theme names by id, as the board lists them."""
        return {t["id"]: t["name"] for t in board.theme_list(self.s, self.event.id)}

    def activity_title(self, activity_id: int | None) -> str | None:
        for a in self.event.activities:
            if a.id == activity_id:
                return a.title
        return None


def _event(ctx: _Context) -> dict[str, Any]:
    e = ctx.event
    return {
        "code": e.code,
        "display_code": codes.display(e.code),
        "title": e.title,
        "purpose": e.purpose,
        "welcome_text": e.welcome_text,
        "agreement_text": e.agreement_text,
        "created_at": e.created_at,
        "retain_until": e.retain_until,
        # The reports' own words are in the event's language (the CSV's column names stay English).
        "language": i18n.known(e.language) or i18n.SOURCE,
    }


def _agenda(ctx: _Context) -> list[dict[str, Any]]:
    load_kinds()
    out = []
    for a in ctx.event.activities:
        kind = KINDS.get(a.kind)
        out.append({
            "position": a.position + 1,
            "kind": a.kind,
            "kind_label": kind.label if kind else a.kind,
            "title": a.title,
            "config": a.config or {},
            "started_at": a.started_at,
            "current": a.id == ctx.event.current_activity_id,
            "summary": kind.report_summary(ctx.s, a) if kind else {},
        })
    return out


def _attendance(ctx: _Context) -> dict[str, int]:
    people = list(ctx.people().values())
    here = [p for p in people if p.removed_at is None]
    return {
        "joined": len(people),
        "present": len(here),
        "named": sum(1 for p in here if not p.anonymous),
        "anonymous": sum(1 for p in here if p.anonymous),
        "without_phone": sum(1 for p in here if p.without_phone),
        "removed": len(people) - len(here),
    }


def _agreements(ctx: _Context) -> list[dict[str, Any]]:
    return [
        {"number": i, "text": a["text"], "accepted_at": _parse_iso(a["accepted_at"])}
        for i, a in enumerate(agreements.accepted_agreements(ctx.s, ctx.event), start=1)
    ]


def _card_rows(ctx: _Context) -> list[Card]:
    query = select(Card).where(Card.event_id == ctx.event.id, Card.withdrawn.is_(False)).order_by(Card.id)
    if not ctx.options.include_hidden:
        query = query.where(Card.hidden.is_(False))
    return list(ctx.s.scalars(query))


def _dots(ctx: _Context) -> list[Dot]:
    return list(ctx.s.scalars(select(Dot).where(Dot.event_id == ctx.event.id).order_by(Dot.id)))


def _cards(ctx: _Context) -> list[dict[str, Any]]:
    """The board's own cards (``board.card_views``) as a reader needs them: a number each, names for
    ids, the round's question and the latest vote's dots; authors only as ``ctx.author`` allows."""
    rows = _card_rows(ctx)
    number = {c.id: i for i, c in enumerate(rows, start=1)}
    questions = dict(ctx.s.execute(select(CafeRound.id, CafeRound.question).join(Activity).where(Activity.event_id == ctx.event.id)).all())
    themes, votes = ctx.themes(), _latest_vote(ctx)
    return [
        {
            "number": number[c.id],
            "text": card["text"],
            "activity": ctx.activity_title(c.activity_id),
            "table": card["table_name"],
            "round": card["round"],
            "question": questions.get(c.round_id),
            "theme": themes.get(card["theme"]),
            "tag": card["tag"],
            "votes": votes.get(f"card:{c.id}", 0),
            "pinned": card["pinned"],
            "hidden": card["hidden"],
            "merged_into": number.get(card.get("merged_into")),
            "created_at": c.created_at,
            "author": ctx.author(card["author"]),
            "on_behalf_of": ctx.author(c.on_behalf_id),
        }
        for c, card in zip(rows, board.card_views(ctx.s, rows))
    ]


def _essences(ctx: _Context) -> list[dict[str, Any]]:
    """The hosts' round cards, café by café, round by round, table by table."""
    return [
        {"activity": a.title, "round": e["round"], "table": e["table_name"], "essence": e["essence"], "question": e["question"]}
        for a in ctx.event.activities if a.kind == "cafe"
        for e in essences.for_activity(ctx.s, a)
    ]


def _pattern(ctx: _Context) -> dict[str, Any]:
    """Which themes came up at which tables and rounds, as the board reads it (its visible cards).

    Tables and themes by name only, like the rest of the report: an archive restored
    elsewhere gives its rows other ids and must give the same report."""
    grid = pattern.for_event(ctx.s, ctx.event.id)

    def cells(row: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"total": c["total"], "by_round": c["by_round"]} for c in row]

    return {
        **grid,
        "tables": [{"name": t["name"]} for t in grid["tables"]],
        "themes": [{**{k: v for k, v in t.items() if k != "id"}, "cells": cells(t["cells"])} for t in grid["themes"]],
        "unthemed": cells(grid["unthemed"]),
        "travelled": [{"name": t["name"], "tables": t["tables"]} for t in grid["travelled"]],
        "one_table": [{"name": t["name"], "table": t["table"]} for t in grid["one_table"]],
    }


def _latest_vote(ctx: _Context) -> dict[str, int]:
    """Dots per card and theme in the latest vote, as the board counts them ("card:12", "theme:3")."""
    return board.totals(ctx.s, ctx.event.id, board.latest_ballot(ctx.s, ctx.event.id))


def _themes(ctx: _Context) -> list[dict[str, Any]]:
    """Themes ranked as the board ranks them: dots in the latest vote on the theme and its visible cards."""
    ranked = []
    for rank, t in enumerate(board.themes_ranked(ctx.s, ctx.event), start=1):
        ranked.append({"rank": rank, "name": t["name"], "cards": t["cards"], "votes": t["votes"], "theme_votes": t["theme_votes"]})
    return ranked


def _votes(ctx: _Context) -> list[dict[str, Any]]:
    """Dots counted per ballot (every vote run, not only the latest) and per card or theme; never who gave them."""
    shown = {c.id: (i, c.text) for i, c in enumerate(_card_rows(ctx), start=1)}
    themes = ctx.themes()
    tally: Counter = Counter()
    for d in _dots(ctx):
        if d.card_id is not None and d.card_id in shown:
            tally[(d.ballot, "card", shown[d.card_id][0], shown[d.card_id][1])] += 1
        elif d.theme_id is not None and d.theme_id in themes:
            tally[(d.ballot, "theme", None, themes[d.theme_id])] += 1
    rows = [
        {"ballot": ballot, "target": target, "card": number, "text": text, "dots": n}
        for (ballot, target, number, text), n in tally.items()
    ]
    rows.sort(key=lambda r: (r["ballot"], -r["dots"], r["target"], r["card"] or 0, r["text"]))
    return rows


def _pledges(ctx: _Context) -> list[dict[str, Any]]:
    """Shared pledges only: a private pledge is its author's alone."""
    rows = ctx.s.execute(checkout.shared_pledge_rows(ctx.event.id).order_by(Activity.position, Pledge.id))
    return [
        {"activity": ctx.activity_title(p.activity_id), "text": p.text, "created_at": p.created_at, "author": ctx.author(who.id)}
        for p, who in rows
    ]


def _words(ctx: _Context) -> list[dict[str, Any]]:
    """Check-out words as the screen's word cloud counts them (folded case-insensitively; never who)."""
    return [{"activity": a.title, **w} for a in ctx.event.activities for w in checkout.word_cloud(ctx.s, a)]


def _pulse(ctx: _Context) -> dict[str, Any]:
    """Check-in and check-out means per C and the change; only the aggregates ever leave."""
    view = pulse.pulse_aggregates(ctx.s, ctx.event)
    view["dimensions"] = [{"key": d, "label": pulse.LABELS[d]} for d in pulse.DIMENSIONS]
    view["minimum"] = pulse.MIN_ANSWERS
    return view


def _consultation(ctx: _Context) -> dict[str, Any]:
    """The group consultation's session summary: shared questions only, by theme, with anonymous counts."""
    return consultation.session_summary(ctx.s, ctx.event)


def _acceptances(ctx: _Context) -> dict[str, Any]:
    """Who accepted which wording of the group agreement and when (names only when asked for); counts otherwise."""
    return confidentiality.record(ctx.s, ctx.event, with_names=ctx.options.with_names)


# One function an area; the key is where its part sits in the view.
CONTRIBUTIONS: list[tuple[str, Callable[[_Context], Any]]] = [
    ("event", _event),
    ("agenda", _agenda),
    ("attendance", _attendance),
    ("agreements", _agreements),
    ("cards", _cards),
    ("essences", _essences),
    ("themes", _themes),
    ("pattern", _pattern),
    ("votes", _votes),
    ("pledges", _pledges),
    ("words", _words),
    ("pulse", _pulse),
    ("consultation", _consultation),
    ("acceptances", _acceptances),
]


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
