"""The archive view of an event: one plain dict every export format is fed from.

:func:`build` gathers the **harvest** an organiser takes home: the event and
its agenda, attendance counts, agreements, cards, the hosts' round cards, themes and their ranking,
votes, shared pledges, check-out words and the 3Cs pulse aggregates. Each
area is one contribution function in ``CONTRIBUTIONS``: adding an area to
every format is adding one function there.

The harvest never holds private pledges or anything that links a pulse
rating to a person; authors' names appear only when the organiser asks for
them (``with_names``) and only for people who chose to be named; hidden
cards only with ``include_hidden``.

:func:`records` is the other half: an exact, deterministic copy of every
row the event owns (but never private pledges, private or clinician-only
questions, nor private goals; nor secrets or the record of handled
messages, ``NOT_ARCHIVED_TABLES``), with archive-local ids, which
the JSON archive writes and :func:`restore` reads back.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import (
    JSON, BigInteger, Boolean, DateTime, Float, Integer, SmallInteger, String, Table, Text, func, insert, select, update,
)
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, Participant
from facilitator.tables import metadata
from facilitator.activities.agreements.models import Agreement
from facilitator.activities.cafe.models import CafeRound, CafeTable
from facilitator.activities.board.models import Card, Dot, Theme
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.activities.circle.models import Turn
from facilitator.activities.agreements import rules as agreements
from facilitator.activities.board import rules as board
from facilitator.activities.cafe import essences
from facilitator.activities.consultation import rules as consultation
from facilitator.activities.pulse import rules as pulse
from facilitator.core import codes, group_agreement as confidentiality
from facilitator.core.kinds import KINDS, load_kinds
from facilitator.core.errors import Conflict, DomainError

FORMAT = "circle-and-cafe-archive"
VERSION = 1


@dataclass(frozen=True)
class Options:
    """What the organiser asked for: authors' names, hidden cards."""

    with_names: bool = False
    include_hidden: bool = False


# --- the harvest ----------------------------------------------------------------


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
    }


def _circle_summary(ctx: _Context, activity: Activity) -> dict[str, Any]:
    statuses = Counter(ctx.s.scalars(select(Turn.status).where(Turn.activity_id == activity.id)))
    return {
        "in_circle": sum(statuses.values()),
        "spoke": statuses.get("spoken", 0),
        "passed": statuses.get("passed_once", 0) + statuses.get("passed_twice", 0),
    }


def _cafe_summary(ctx: _Context, activity: Activity) -> dict[str, Any]:
    rounds = ctx.s.scalars(select(CafeRound).where(CafeRound.activity_id == activity.id).order_by(CafeRound.number))
    tables = ctx.s.scalar(
        select(func.count()).select_from(CafeTable).where(CafeTable.activity_id == activity.id, CafeTable.active.is_(True))
    )
    return {
        "tables": tables or 0,
        "rounds": [
            {"number": r.number, "question": r.question, "minutes": r.minutes, "status": r.status} for r in rounds
        ],
    }


# What each kind adds to its agenda entry; a kind not named here adds nothing.
ACTIVITY_SUMMARIES: dict[str, Callable[[_Context, Activity], dict[str, Any]]] = {
    "checkin": _circle_summary,
    "checkout": _circle_summary,
    "cafe": _cafe_summary,
    "consultation": _circle_summary,
    "goals": _circle_summary,
}


def _agenda(ctx: _Context) -> list[dict[str, Any]]:
    load_kinds()
    out = []
    for a in ctx.event.activities:
        kind = KINDS.get(a.kind)
        summary = ACTIVITY_SUMMARIES.get(a.kind)
        out.append({
            "position": a.position + 1,
            "kind": a.kind,
            "kind_label": kind.label if kind else a.kind,
            "title": a.title,
            "config": a.config or {},
            "started_at": a.started_at,
            "current": a.id == ctx.event.current_activity_id,
            "summary": summary(ctx, a) if summary else {},
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
    rows = _card_rows(ctx)
    number = {c.id: i for i, c in enumerate(rows, start=1)}
    tables = {t.id: t for t in ctx.s.scalars(select(CafeTable).join(Activity).where(Activity.event_id == ctx.event.id))}
    rounds = {r.id: r for r in ctx.s.scalars(select(CafeRound).join(Activity).where(Activity.event_id == ctx.event.id))}
    themes = {t.id: t.name for t in ctx.s.scalars(select(Theme).where(Theme.event_id == ctx.event.id))}
    votes = _latest_vote(ctx)
    out = []
    for c in rows:
        table, round_ = tables.get(c.table_id), rounds.get(c.round_id)
        out.append({
            "number": number[c.id],
            "text": c.text,
            "activity": ctx.activity_title(c.activity_id),
            "table": table.name if table else None,
            "round": round_.number if round_ else None,
            "question": round_.question if round_ else None,
            "theme": themes.get(c.theme_id),
            "tag": c.tag,
            "votes": votes.get(f"card:{c.id}", 0),
            "pinned": c.pinned,
            "hidden": c.hidden,
            "merged_into": number.get(c.merged_into_id),
            "created_at": c.created_at,
            "author": ctx.author(c.author_id),
            "on_behalf_of": ctx.author(c.on_behalf_id),
        })
    return out


def _essences(ctx: _Context) -> list[dict[str, Any]]:
    """The hosts' round cards, café by café, round by round, table by table."""
    return [
        {"activity": a.title, "round": e["round"], "table": e["table_name"], "essence": e["essence"], "question": e["question"]}
        for a in ctx.event.activities if a.kind == "cafe"
        for e in essences.for_activity(ctx.s, a)
    ]


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
    themes = {t.id: t.name for t in ctx.s.scalars(select(Theme).where(Theme.event_id == ctx.event.id))}
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
    rows = ctx.s.execute(
        select(Pledge, Participant)
        .join(Participant, Participant.id == Pledge.participant_id)
        .join(Activity, Activity.id == Pledge.activity_id)
        .where(Activity.event_id == ctx.event.id, Pledge.shared.is_(True), Participant.removed_at.is_(None))
        .order_by(Activity.position, Pledge.id)
    ).all()
    return [
        {"activity": ctx.activity_title(p.activity_id), "text": p.text, "created_at": p.created_at, "author": ctx.author(who.id)}
        for p, who in rows
    ]


def _words(ctx: _Context) -> list[dict[str, Any]]:
    """Check-out words folded case-insensitively, with how many people gave each (never who)."""
    out = []
    for a in ctx.event.activities:
        counts: dict[str, dict[str, Any]] = {}
        for text in ctx.s.scalars(select(CheckoutWord.text).where(CheckoutWord.activity_id == a.id).order_by(CheckoutWord.id)):
            entry = counts.setdefault(text.casefold(), {"activity": a.title, "text": text, "count": 0})
            entry["count"] += 1
        out.extend(sorted(counts.values(), key=lambda w: (-w["count"], w["text"].casefold())))
    return out


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
    ("votes", _votes),
    ("pledges", _pledges),
    ("words", _words),
    ("pulse", _pulse),
    ("consultation", _consultation),
    ("acceptances", _acceptances),
]


def _parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# --- the exact copy (JSON archive) ------------------------------------------------

# Live values that never survive a restart, kept at their resting value.
VOLATILE: dict[tuple[str, str], Any] = {("participant", "connections"): 0}

# Rows no export may carry, not even the archive: questions kept private or
# for the clinician, goals and pledges not shared. A person who chose "keep it
# to myself" is never overruled by a download; they live only in the running event.
NEVER_EXPORTED: dict[str, Callable[[dict[str, Any]], bool]] = {
    "circle_pledge": lambda row: not row["shared"],
    "consult_question": lambda row: row["visibility"] != "shared",
    "consult_goal": lambda row: not row["shared"],
}


# Never in an archive, whatever it holds: secrets and what only delivers
# messages. A clinician key (even hashed) would let the old clinician link
# into a restored copy; a screen nonce would give it the old screen link (both
# are made anew there), a co-host nonce the old co-host link (a restored event
# has none until the console makes one). The record of handled messages says
# who sent what, private and clinician-only questions included, and is of no
# use once restored. Archives made before these were left out still hold them: a
# restore ignores them.
NOT_ARCHIVED_TABLES = frozenset({"consult_clinician_key", "handled_message"})
NOT_ARCHIVED_COLUMNS = frozenset({("event", "screen_nonce"), ("event", "cohost_nonce")})


def _pulse_tallies_as_published(rows: list[dict[str, Any]], activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pulse tallies as of each C's last published step, never the live ones.

    Two archives taken either side of one answer would otherwise give that
    rating away; the screen and the reports show the same steps. A restore
    therefore lacks the (at most two per C) ratings not yet in a step.
    """
    state = {a["id"]: a.get("state") for a in activities}
    by_activity: dict[int, dict[tuple[str, int], int]] = {}
    for r in rows:
        by_activity.setdefault(r["activity_id"], {})[(r["dimension"], r["score"])] = r["count"]
    published = {aid: pulse.published_tallies(state.get(aid), live) for aid, live in by_activity.items()}
    return [{**r, "count": published[r["activity_id"]].get((r["dimension"], r["score"]), 0)} for r in rows]


def _event_tables() -> list[Table]:
    """Every table whose rows belong to one event and go into its archive, parents before children."""
    owned: list[Table] = []
    names = {"event"}
    for table in metadata.sorted_tables:
        if table.name == "event":
            owned.append(table)
            continue
        if any(fk.column.table.name in names for fk in table.foreign_keys):
            names.add(table.name)
            if table.name not in NOT_ARCHIVED_TABLES:
                owned.append(table)
    return owned


def _archived_columns(table: Table) -> list:
    return [c for c in table.columns if (table.name, c.name) not in NOT_ARCHIVED_COLUMNS]


def _owning_columns(table: Table, owned: set[str]):
    return [fk.parent for fk in table.foreign_keys if fk.column.table.name in owned]


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _sql_type(column):
    """The column's SQL type, seeing through decorators such as UTCDateTime."""
    return getattr(column.type, "impl", column.type)


def _dump(value: Any, column) -> Any:
    if value is None:
        return None
    if isinstance(_sql_type(column), DateTime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    return value


def records(s: Session, event: Event) -> dict[str, list[dict[str, Any]]]:
    """Every row the event owns (but those in ``NEVER_EXPORTED``), per table, with ids renumbered 1..n in original order.

    Deterministic: the same event gives the same records on any machine and
    any backend, so an archive restored and exported again is identical.
    """
    tables = _event_tables()
    raw: dict[str, list[dict[str, Any]]] = {}
    ids: dict[str, list[int]] = {}
    for table in tables:
        if table.name == "event":
            rows = [dict(r._mapping) for r in s.execute(select(table).where(table.c.id == event.id))]
        else:
            found: dict[int, dict[str, Any]] = {}
            for col in _owning_columns(table, set(ids)):
                parent = next(iter(col.foreign_keys)).column.table.name
                for chunk in _chunks(ids[parent]):
                    for r in s.execute(select(table).where(col.in_(chunk))):
                        found[r._mapping["id"]] = dict(r._mapping)
            rows = [found[k] for k in sorted(found)]
        if table.name in NEVER_EXPORTED:
            rows = [r for r in rows if not NEVER_EXPORTED[table.name](r)]
        if table.name == "pulse_tally":
            rows = _pulse_tallies_as_published(rows, raw.get("activity", []))
        rows.sort(key=lambda r: r["id"])
        raw[table.name] = rows
        ids[table.name] = [r["id"] for r in rows]
    local = {name: {old: i for i, old in enumerate(values, start=1)} for name, values in ids.items()}
    out: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        rows_out = []
        for row in raw[table.name]:
            item = {}
            for column in _archived_columns(table):
                value = row[column.name]
                if (table.name, column.name) in VOLATILE:
                    value = VOLATILE[(table.name, column.name)]
                elif column.primary_key:
                    value = local[table.name][value]
                elif column.foreign_keys and value is not None:
                    target = next(iter(column.foreign_keys)).column.table.name
                    # A link outside the event (there should be none) is dropped.
                    value = local.get(target, {}).get(value)
                item[column.name] = _dump(value, column)
            rows_out.append(item)
        out[table.name] = rows_out
    return out


def document(s: Session, event: Event) -> dict[str, Any]:
    """The whole JSON archive: a format marker, a version, the event's code and its records."""
    return {"format": FORMAT, "version": VERSION, "event": event.code, "records": records(s, event)}


def dumps(doc: dict[str, Any]) -> str:
    """Stable text: sorted keys, no floating whitespace, UTF-8 as is."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


# --- restoring --------------------------------------------------------------------


# What an archive may hold: far past any real event (2,000 phones is the
# largest we measure, docs/performance.md; the longest text the app writes is
# 4,000 characters), so a real archive never meets them. Past them a file is
# not an event's archive, and restoring it would only make an event too big
# to open (300,000 cards held other events' phones for seconds) or the
# import itself a memory hog (a 200 MB field took 914 MB). docs: README.md.
ARCHIVE_BYTES_MAX = 64 * 1024 * 1024
ROWS_MAX = 200_000  # in any one table (dots: 2,000 people, 20 dots, a few votes)
ROWS_MAX_BY_TABLE = {"participant": 10_000, "board_card": 20_000}
TEXT_CHARS_MAX = 10_000  # a text with no length of its own
JSON_CHARS_MAX = 64 * 1024  # an activity's settings or state, written as JSON


class ArchiveError(DomainError):
    """A file that is not a Circle & Café archive this version can restore."""

    code = "bad_archive"


def _fail(message: str) -> None:
    raise ArchiveError(f"This archive cannot be restored: {message} Nothing was changed.")


def _integer_range(kind) -> tuple[int, int]:
    """What both backends can hold: PostgreSQL's ``integer`` is 32 bits, ``bigint`` 64."""
    bits = 64 if isinstance(kind, BigInteger) else 16 if isinstance(kind, SmallInteger) else 32
    return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1


def _check_value(where: str, column, value: Any) -> Any:
    """The value to insert, or an ArchiveError saying what is wrong with it."""
    if value is None:
        if not column.nullable or column.primary_key:
            _fail(f"{where} must not be empty.")
        return None
    kind = _sql_type(column)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            _fail(f"{where} must be true or false.")
    elif isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            _fail(f"{where} must be a whole number.")
        low, high = _integer_range(kind)
        if not low <= value <= high:
            _fail(f"{where} is out of range (a whole number from {low} to {high}).")
    elif isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            _fail(f"{where} must be a number.")
    elif isinstance(kind, DateTime):
        if not isinstance(value, str):
            _fail(f"{where} must be a date and time.")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            _fail(f"{where} is not a date and time ({value[:40]!r}).")
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed
    elif isinstance(kind, (String, Text)):
        if not isinstance(value, str):
            _fail(f"{where} must be text.")
        if len(value) > TEXT_CHARS_MAX and not getattr(kind, "length", None):
            _fail(f"{where} is longer than any text an event holds ({len(value):,} characters; at most {TEXT_CHARS_MAX:,}).")
        # What people type is cleaned of both (core/text.py); PostgreSQL
        # stores neither, and SQLite's driver cannot encode a lone surrogate.
        if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
            _fail(f"{where} holds characters that are not text (a NUL or half of a character pair).")
        if getattr(kind, "length", None) and len(value) > kind.length:
            _fail(f"{where} is longer than {kind.length} characters.")
    elif isinstance(kind, JSON):
        # Every JSON column holds an object (settings, state, a reply): a list
        # there was restored once and broke its event on every open.
        if not isinstance(value, dict):
            _fail(f"{where} must be an object.")
        if len(json.dumps(value)) > JSON_CHARS_MAX:
            _fail(f"{where} is larger than any event's ({JSON_CHARS_MAX // 1024} KB at most).")
    return value


@dataclass(frozen=True)
class Restored:
    code: str
    title: str
    created: bool  # False when the event was already here (nothing changed)


def restore(s: Session, doc: Any) -> Restored:
    """Write an archive's event into this database, or refuse without writing anything.

    The whole archive is checked before the first row is written; an event
    whose code is already here is left as it is (importing twice changes
    nothing). The caller's transaction makes the writing all-or-nothing.
    """
    plan = _validate(doc)
    code = plan["event"][0]["code"]
    existing = s.scalar(select(Event).where(Event.code == code))
    if existing is not None:
        return Restored(code, existing.title, False)
    tokens = [r["token_hash"] for r in plan.get("participant", [])]
    for chunk in range(0, len(tokens), 500):
        taken = s.scalar(
            select(func.count()).select_from(Participant).where(Participant.token_hash.in_(tokens[chunk:chunk + 500]))
        )
        if taken:
            raise Conflict(
                "This archive's people are already in another event here (their phone keys are in use). Nothing was changed."
            )
    try:
        _write(s, plan)
    except (SQLAlchemyError, OverflowError, UnicodeError, ValueError) as exc:
        # Checked above, so this is rare (a full disk, a value one backend
        # refuses); the caller's transaction rolls back everything written.
        detail = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        first_line = str(detail).partition("\n")[0][:200]
        _fail(f"the database refused it ({exc.__class__.__name__}: {first_line}).")
    return Restored(code, plan["event"][0]["title"], True)


def _validate(doc: Any) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(doc, dict):
        _fail("it is not a Circle & Café archive (expected a JSON object).")
    if doc.get("format") != FORMAT:
        _fail(f"it is not a Circle & Café archive (its \"format\" is not {FORMAT!r}).")
    if doc.get("version") != VERSION or isinstance(doc.get("version"), bool):
        _fail(f"it is version {doc.get('version')!r}; this version of Circle & Café reads version {VERSION}.")
    body = doc.get("records")
    if not isinstance(body, dict):
        _fail("its \"records\" are missing.")
    tables = {t.name: t for t in _event_tables()}
    unknown = set(body) - set(tables) - NOT_ARCHIVED_TABLES
    if unknown:
        _fail(f"it has tables this version does not know: {', '.join(sorted(unknown))}.")
    if not isinstance(body.get("event"), list) or len(body["event"]) != 1:
        _fail("it must hold exactly one event.")
    # Counted before a single record is looked at: a file past the limits is refused at once.
    for name in tables:
        rows = body.get(name, [])
        if not isinstance(rows, list):
            _fail(f"the {name} records must be a list.")
        most = ROWS_MAX_BY_TABLE.get(name, ROWS_MAX)
        if len(rows) > most:
            _fail(f"it holds {len(rows):,} {name} records, more than any event has (at most {most:,}).")
    plan: dict[str, list[dict[str, Any]]] = {}
    for name, table in tables.items():
        rows = body.get(name, [])
        columns = {c.name: c for c in _archived_columns(table)}
        ignored = {c for (n, c) in NOT_ARCHIVED_COLUMNS if n == name}
        checked = []
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                _fail(f"{name} record {i} is not an object.")
            missing, extra = set(columns) - set(row), set(row) - set(columns) - ignored
            if missing:
                _fail(f"{name} record {i} lacks {', '.join(sorted(missing))}.")
            if extra:
                _fail(f"{name} record {i} has unknown fields {', '.join(sorted(extra))}.")
            checked.append({c: _check_value(f"{name} record {i}'s {c}", col, row[c]) for c, col in columns.items()})
        ids = [r["id"] for r in checked]
        if len(set(ids)) != len(ids) or any(x < 1 for x in ids):
            _fail(f"the {name} records' ids are not distinct positive numbers.")
        plan[name] = checked
    for name, table in tables.items():
        for column in _archived_columns(table):
            for fk in column.foreign_keys:
                target = fk.column.table.name
                known = {r["id"] for r in plan.get(target, [])}
                for i, row in enumerate(plan[name], start=1):
                    if row[column.name] is not None and row[column.name] not in known:
                        _fail(f"{name} record {i}'s {column.name} points at a {target} that is not in the archive.")
    code = plan["event"][0]["code"]
    if codes.normalise(code) != code or doc.get("event") != code:
        _fail("its event code is not valid or does not match its event.")
    _check_activities(plan["activity"])
    for name, table in tables.items():
        for constraint in table.constraints:
            cols = [c.name for c in getattr(constraint, "columns", [])]
            if constraint.__class__.__name__ != "UniqueConstraint" or not cols:
                continue
            seen = set()
            for row in plan[name]:
                key = tuple(row[c] for c in cols)
                if None in key:
                    continue
                if key in seen:
                    _fail(f"two {name} records share the same {', '.join(cols)}.")
                seen.add(key)
    return plan


def _check_activities(rows: list[dict[str, Any]]) -> None:
    """Each activity is of a kind this version has, with settings that kind accepts, as on the console."""
    load_kinds()
    for i, row in enumerate(rows, start=1):
        kind = KINDS.get(row["kind"])
        if kind is None:
            _fail(f"activity record {i} is of a kind this version does not know ({row['kind'][:40]!r}).")
        try:
            kind.validate_config(dict(row["config"]))
        except DomainError as exc:
            _fail(f"activity record {i}'s settings are not valid: {exc}")
        except (TypeError, ValueError, KeyError, AttributeError):
            _fail(f"activity record {i}'s settings are not valid for a {kind.label}.")


def _write(s: Session, plan: dict[str, list[dict[str, Any]]]) -> None:
    """Insert parents before children, remapping archive ids to new ones; links to later rows afterwards."""
    new_ids: dict[str, dict[int, int]] = {}
    deferred: list[tuple[Table, int, str, str, int]] = []
    done: set[str] = set()
    for table in _event_tables():
        mapping: dict[int, int] = {}
        for row in sorted(plan[table.name], key=lambda r: r["id"]):
            # Columns left out of archives take their defaults: a restored event gets a new screen link.
            values = {}
            for column in _archived_columns(table):
                if column.primary_key:
                    continue
                value = row[column.name]
                if column.foreign_keys and value is not None:
                    target = next(iter(column.foreign_keys)).column.table.name
                    if target in done:
                        value = new_ids[target][value]
                    else:  # the same table or one written later: link it afterwards
                        deferred.append((table, row["id"], column.name, target, value))
                        value = None
                values[column.name] = value
            result = s.execute(insert(table).values(**values))
            mapping[row["id"]] = result.inserted_primary_key[0]
        new_ids[table.name] = mapping
        done.add(table.name)
    for table, local_id, column_name, target, value in deferred:
        s.execute(
            update(table).where(table.c.id == new_ids[table.name][local_id]).values({column_name: new_ids[target][value]})
        )
    s.flush()
