"""The exact copy of an event: every row it owns, as the JSON archive holds it.

:func:`records` is an exact, deterministic copy of every row the event owns
(but never private pledges, private or clinician-only questions, nor private
goals; nor secrets or the record of handled messages, ``NOT_ARCHIVED_TABLES``),
with archive-local ids, which the JSON archive writes and ``restore.py`` reads
back. The report an organiser reads is ``report_view.py``, not this.
"""
from __future__ import annotations

import json
from datetime import timezone
from typing import Any, Callable

from sqlalchemy import DateTime, Table, select
from sqlalchemy.orm import Session

from facilitator.core.models import Event
from facilitator.activities.pulse import rules as pulse
from facilitator.tables import metadata

FORMAT = "circle-and-cafe-archive"
VERSION = 1


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
# restore ignores them, as it ignores the phones' message ids that older
# releases kept on each row (now only in the record of handled messages).
NOT_ARCHIVED_TABLES = frozenset({"consult_clinician_key", "handled_message"})
NOT_ARCHIVED_COLUMNS = frozenset({("event", "screen_nonce"), ("event", "cohost_nonce")} | {
    (table, "client_id") for table in
    ("board_card", "circle_agreement", "circle_pledge", "circle_word", "consult_goal", "consult_question")
})


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


def event_tables() -> list[Table]:
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


def archived_columns(table: Table) -> list:
    return [c for c in table.columns if (table.name, c.name) not in NOT_ARCHIVED_COLUMNS]


def _owning_columns(table: Table, owned: set[str]):
    return [fk.parent for fk in table.foreign_keys if fk.column.table.name in owned]


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def sql_type(column):
    """The column's SQL type, seeing through decorators such as UTCDateTime."""
    return getattr(column.type, "impl", column.type)


def _dump(value: Any, column) -> Any:
    if value is None:
        return None
    if isinstance(sql_type(column), DateTime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    return value


def records(s: Session, event: Event) -> dict[str, list[dict[str, Any]]]:
    """Every row the event owns (but those in ``NEVER_EXPORTED``), per table, with ids renumbered 1..n in original order.

    Deterministic: the same event gives the same records on any machine and
    any backend, so an archive restored and exported again is identical.
    """
    tables = event_tables()
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
            for column in archived_columns(table):
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
