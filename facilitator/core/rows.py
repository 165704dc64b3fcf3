"""Many plain rows in or out of the database, past the per-row machinery of the ORM and of Core.

A round change at a 2,000-person café reads and writes every seat. Two costs
there were SQLAlchemy's own, not the database's (py-spy, `bench/round_change_cost.py`):

- a ``select()`` of columns run through the *session* still goes through the
  ORM's loading of each row (``loading.instances``); run on the session's
  connection it returns the rows as they are (:func:`plain_rows`);
- an ``insert()`` with a list of dicts has SQLAlchemy build every row's
  parameters from its compiled statement (``construct_params``), more time
  than SQLite took to insert them; the statement compiled once, with the
  rows handed to the driver's ``executemany`` as they are, does not
  (:func:`insert_rows`).

Both stay in the session's transaction, and work with any dialect.

A third cost was JSON: a café's settings name every table (25 KB at 625
tables), and every card read them with its author, decoded again each time
(about a fifth of a card's own cost at 2,000 phones, `bench/profile_diff.py`).
Read as text, :func:`settled_json` decodes them once while they stay the same.

A fourth: a list parameter (``IN (...)``, "expanding") has its SQL rewritten by
SQLAlchemy at every execution, though most reads of "these people" name one
(a card posted alone, any other phone action): one small select took 31 µs
with it, 18 µs by one id. :class:`ByIds` keeps both forms and picks.
"""
from __future__ import annotations

import json
from collections import namedtuple
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Executable


def plain_rows(s: Session, statement: Executable, params: dict[str, Any] | None = None) -> Result:
    """``statement`` (a select of columns, not of entities) on the session's connection: plain rows.

    The session's pending changes are flushed first, as ``s.execute`` would:
    the rows show what this unit of work wrote so far.
    """
    if s.autoflush:
        s.flush()
    return s.connection().execute(statement, params)


# A named tuple class for each set of column names read by named_rows.
_NAMED: dict[tuple[str, ...], type] = {}


def named_rows(s: Session, statement: Executable, params: dict[str, Any] | None = None) -> list[NamedTuple]:
    """:func:`plain_rows` as a list of named tuples, for rows whose columns are read by name many times.

    SQLAlchemy 2.1's ``Row`` finds a column by name in Python: ``row.table_id``
    cost about 0.8 µs, a named tuple's 0.05 (the index, 0.09). A round change
    reads its 2,000 seats' and 750 cards' columns by name some 30,000 times,
    in every view; making the tuples costs about 0.4 µs a row, once.
    """
    result = plain_rows(s, statement, params)
    keys = tuple(result.keys())
    made = _NAMED.get(keys)
    if made is None:
        made = _NAMED.setdefault(keys, namedtuple("Columns", keys, rename=True))
    return [made._make(row) for row in result]


_COMPILED: dict[tuple, tuple[str, list[int] | None]] = {}


def insert_rows(s: Session, table: Table, columns: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
    """Insert ``values`` (tuples in the order of ``columns``) into ``table`` in one ``executemany``.

    The values go to the driver as they are: only for columns whose Python
    values the driver takes without SQLAlchemy's conversion (integers, text,
    booleans), not for dates or JSON.
    """
    if not values:
        return
    if s.autoflush:
        s.flush()  # the rows may refer to objects added in this unit of work
    conn = s.connection()
    dialect = conn.dialect
    key = (dialect.name, dialect.paramstyle, table.name, tuple(columns))
    if key not in _COMPILED:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        order = [list(columns).index(name) for name in compiled.positiontup] if compiled.positional else None
        _COMPILED[key] = (str(compiled), order)
    sql, order = _COMPILED[key]
    if order is None:  # named parameters (PostgreSQL's drivers)
        params: list = [dict(zip(columns, row)) for row in values]
    elif order == list(range(len(columns))):
        params = [tuple(row) for row in values]
    else:
        params = [tuple(row[i] for i in order) for row in values]
    conn.exec_driver_sql(sql, params)


# Decoded JSON texts, the same object for the same text: kept while few (one
# event's current activity, its state and settings, changing now and then).
_SETTLED: dict[str, Any] = {}
SETTLED_KEPT = 64


def settled_json(text: str | None) -> Any:
    """A JSON column read as text (``cast(column, Text)``), decoded; None is ``{}``.

    The same text gives the same object, shared by every reader: read it, never change it.
    """
    if text is None:
        return {}
    try:
        return _SETTLED[text]
    except KeyError:
        if len(_SETTLED) >= SETTLED_KEPT:
            _SETTLED.clear()
        decoded = _SETTLED[text] = json.loads(text)
        return decoded


class ByIds:
    """A prebuilt statement for the rows of some ids, in two forms: by one id (``column = :id``)
    and by a list (``column IN :ids``). ``build`` makes the statement from the condition on
    ``column`` (``select(...).where``, or a function that puts it in a join)."""

    def __init__(self, build: Callable[[ColumnElement], Executable], column: ColumnElement):
        self.one = build(column == bindparam("id"))
        self.many = build(column.in_(bindparam("ids", expanding=True)))
        self._driven: dict[tuple[str, ...], DriverStatement] = {}  # by the names of the parameters given

    def of(self, ids: Iterable[int], **params: Any) -> tuple[Executable, dict[str, Any]]:
        """The statement and its parameters for these ids (and ``params``), to execute."""
        wanted = sorted(set(ids))
        if len(wanted) == 1:
            return self.one, {"id": wanted[0], **params}
        return self.many, {"ids": wanted, **params}

    def rows(self, s: Session, ids: Iterable[int], **params: Any) -> Sequence:
        """The rows for these ids (and ``params``), in the unit of work's transaction: each a
        tuple whose columns are also attributes (a ``Row``, or a named tuple).

        By one id (a card posted alone: most cards, as most phone actions) the statement
        goes to SQLite's driver as it is (:class:`DriverStatement`): run through
        SQLAlchemy, each of a lone card's two reads cost about as much Python again as
        SQLite's own work.
        """
        statement, values = self.of(ids, **params)
        if statement is self.many:
            if s.autoflush:
                s.flush()  # as by one id (DriverStatement) and plain_rows: what the unit wrote comes first
            return s.connection().execute(statement, values).all()
        names = tuple(sorted(values))
        driven = self._driven.get(names)
        if driven is None:
            driven = self._driven.setdefault(names, DriverStatement(self.one, names, named=True))
        return driven.rows(s, values)


class DriverStatement:
    """A one-row statement a join storm runs for every phone (or a card burst for every card),
    handed to SQLite's driver as it is.

    Run through SQLAlchemy, a join's ``INSERT`` or a connect's ``UPDATE ...
    RETURNING`` cost about 100 µs of Python on top of SQLite's own work
    (``bench/unit_costs.py``): its compiled form looked up, its parameters
    built, its result wrapped. Here it is compiled once, its parameters
    converted by the column types' own bind processors and its rows by their
    result processors, and run on the driver's cursor of the unit of work's
    connection, in its transaction. ``params``: the names the caller gives,
    every time (for an ``INSERT``, every column it writes: nothing is left to
    a column's default). On another database, or while anything listens to the
    engine's statements (the tests that count them, ``echo``), it runs through
    SQLAlchemy as any statement does.
    """

    def __init__(self, statement, params: Sequence[str], *, named: bool = False):
        self.statement = statement
        self.params = tuple(params)
        self._compiled: tuple | None = None
        # ``named``: rows whose columns are also attributes (SQLAlchemy's ``Row`` on its path).
        # Named as SQLAlchemy names a Row's columns (a second ``id`` is ``id_1``, a cast its column's name).
        self._named = namedtuple("Columns", list(statement.exported_columns.keys()), rename=True) if named else None

    def rows(self, s: Session, values: dict[str, Any]) -> list[tuple]:
        if len(values) != len(self.params):
            # A value the statement does not take would be written through SQLAlchemy's path
            # (PostgreSQL, the tests that listen) and silently left out on the driver's.
            raise ValueError(f"DriverStatement: given {sorted(values)}, it takes {list(self.params)}")
        if s.autoflush:
            s.flush()  # as plain_rows: what this unit of work wrote so far comes first
        conn = s.connection()
        # Whether anything listens to this connection's or engine's statements (SQLAlchemy's own
        # flag; should it ever go, every statement takes SQLAlchemy's path, as on PostgreSQL).
        listened = getattr(conn, "_has_events", True) or getattr(conn.engine, "_has_events", True)
        if conn.dialect.name != "sqlite" or listened or conn.engine.echo:
            result = conn.execute(self.statement, values)
            return result.all() if self._named else [tuple(row) for row in result]
        if self._compiled is None:
            self._compiled = self._compile(conn.dialect)
        sql, binds, results = self._compiled
        args = [value if name is None else (convert(values[name]) if convert else values[name])
                for name, value, convert in binds]
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(sql, args)
            found = cursor.fetchall()
        finally:
            cursor.close()
        made = self._named._make if self._named else tuple
        if not any(results):
            return found if made is tuple else [made(row) for row in found]
        return [made(convert(v) if convert else v for convert, v in zip(results, row)) for row in found]

    def _compile(self, dialect) -> tuple:
        compiled = self.statement.compile(dialect=dialect, column_keys=list(self.params))
        if compiled.insert_prefetch or compiled.update_prefetch:
            # A column's Python default or onupdate is filled by SQLAlchemy as it runs the
            # statement: taken as a constant here, it would be written as NULL.
            raise ValueError(f"DriverStatement: give every column it writes ({', '.join(c.key for c in compiled.insert_prefetch + compiled.update_prefetch)} left to a default)")
        binds = []
        for name in compiled.positiontup:
            bind = compiled.binds[name]
            convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if bind.key in self.params:
                binds.append((bind.key, None, convert))
            elif bind.required:  # a parameter the caller did not give: SQLAlchemy's path would refuse it
                raise ValueError(f"DriverStatement: the statement takes {bind.key!r}, not given")
            else:  # a value written into the statement (``connections + 1``): converted once
                value = bind.effective_value
                binds.append((None, convert(value) if convert else value, None))
        results = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in self.statement.exported_columns]
        return str(compiled), binds, results
