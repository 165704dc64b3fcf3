"""Restoring an event from its JSON archive, every row checked before the first is written."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON, BigInteger, Boolean, DateTime, Float, Integer, SmallInteger, String, Table, Text, func, insert, select, update,
)
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from facilitator import i18n
from facilitator.core.models import Event, Participant
from facilitator.core import codes
from facilitator.core.errors import Conflict, DomainError
from facilitator.core.kinds import KINDS, load_kinds
from facilitator.exports.exact_copy import (
    FORMAT, NOT_ARCHIVED_COLUMNS, NOT_ARCHIVED_TABLES, VERSION, archived_columns, event_tables, sql_type,
)



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
    kind = sql_type(column)
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


# Columns added after the archive format's version 1 was first written, with the value a
# record from an archive made before them takes: a person's language (revision 0008) and
# the room's languages (0009), the facilitator's texts in other languages (0010). Archives
# stay version 1: an older one is read as it was.
ADDED_LATER: dict[tuple[str, str], Any] = {
    ("participant", "language"): None,
    ("event", "language"): "en",
    ("event", "second_language"): None,
    ("event", "texts_in"): {},
    ("activity", "texts_in"): {},
}
# Columns that name a language: one this version ships, or the archive is refused.
LANGUAGE_COLUMNS = {("participant", "language"), ("event", "language"), ("event", "second_language")}
# Columns of texts in other languages: {language: {field: text}} (core/other_languages.py).
TEXTS_COLUMNS = {("event", "texts_in"), ("activity", "texts_in")}


def _texts_in_shape(value: Any) -> bool:
    def texts(v: Any) -> bool:
        return isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())
    return isinstance(value, dict) and all(
        i18n.known(code) is not None and isinstance(fields, dict)
        and texts({k: v for k, v in fields.items() if k != "rounds"}) and texts(fields.get("rounds", {}))
        for code, fields in value.items())


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
    tables = {t.name: t for t in event_tables()}
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
        columns = {c.name: c for c in archived_columns(table)}
        ignored = {c for (n, c) in NOT_ARCHIVED_COLUMNS if n == name}
        checked = []
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                _fail(f"{name} record {i} is not an object.")
            row = {**{c: v for (n, c), v in ADDED_LATER.items() if n == name and c not in row}, **row}
            missing, extra = set(columns) - set(row), set(row) - set(columns) - ignored
            if missing:
                _fail(f"{name} record {i} lacks {', '.join(sorted(missing))}.")
            if extra:
                _fail(f"{name} record {i} has unknown fields {', '.join(sorted(extra))}.")
            checked.append({c: _check_value(f"{name} record {i}'s {c}", col, row[c]) for c, col in columns.items()})
            for c in columns:
                if (name, c) in LANGUAGE_COLUMNS and row[c] is not None and i18n.known(row[c]) is None:
                    _fail(f"{name} record {i}'s {c} is not a language this version has ({str(row[c])[:20]!r}).")
                if (name, c) in TEXTS_COLUMNS and not _texts_in_shape(row[c]):
                    _fail(f"{name} record {i}'s {c} is not texts by language.")
        ids = [r["id"] for r in checked]
        if len(set(ids)) != len(ids) or any(x < 1 for x in ids):
            _fail(f"the {name} records' ids are not distinct positive numbers.")
        plan[name] = checked
    for name, table in tables.items():
        for column in archived_columns(table):
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
    for table in event_tables():
        mapping: dict[int, int] = {}
        for row in sorted(plan[table.name], key=lambda r: r["id"]):
            # Columns left out of archives take their defaults: a restored event gets a new screen link.
            values = {}
            for column in archived_columns(table):
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
