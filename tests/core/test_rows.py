"""Plain rows in and out (facilitator/core/rows.py), on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import Text, bindparam, cast, select

from facilitator.activities.cafe import rules as cafe_rules
from facilitator.activities.cafe.models import Seat
from facilitator.core import events, participants
from facilitator.core.events import EventDetails
from facilitator.core.models import Event, Participant
from facilitator.core.participants import Identity
from facilitator.core import rows
from facilitator.core.rows import ByIds, insert_rows, plain_rows, settled_json


def cafe_with_round(s, *, people: int) -> tuple[int, list[int], list[int]]:
    """A café's first round, its tables and ``people`` in its event: their ids."""
    event = events.create_event(s, EventDetails("Rows"), agenda=[{"kind": "cafe", "config": {"tables": 2}}])
    cafe = next(a for a in event.activities if a.kind == "cafe")
    cafe_rules.sync(s, cafe)
    s.flush()
    round_id = cafe_rules.rounds(s, cafe)[0].id
    table_ids = [t.id for t in cafe_rules.tables(s, cafe)]
    ids = [participants.join(s, event, Identity(f"Person {i}"), agreed=True).participant.id for i in range(people)]
    return round_id, table_ids, ids


def test_rows_inserted_in_one_go_are_there_in_the_order_of_the_columns_named(store):
    with store.session_scope() as s:
        round_id, table_ids, people = cafe_with_round(s, people=3)
        # Columns named in another order than the table's: the values follow the names.
        insert_rows(s, Seat.__table__, ("participant_id", "is_host", "table_id", "round_id"), [
            (people[0], True, table_ids[0], round_id),
            (people[1], False, table_ids[0], round_id),
            (people[2], False, table_ids[1], round_id),
        ])
    with store.read_scope() as s:
        seats = s.execute(select(Seat.participant_id, Seat.table_id, Seat.is_host).where(Seat.round_id == round_id)
                          .order_by(Seat.id)).all()
    assert [tuple(r) for r in seats] == [(people[0], table_ids[0], True), (people[1], table_ids[0], False),
                                        (people[2], table_ids[1], False)]


def test_inserted_rows_go_with_their_unit_of_work_when_it_fails(store):
    with store.session_scope() as s:
        round_id, table_ids, people = cafe_with_round(s, people=1)
    with pytest.raises(RuntimeError):
        with store.session_scope() as s:
            insert_rows(s, Seat.__table__, ("round_id", "table_id", "participant_id", "is_host"),
                        [(round_id, table_ids[0], people[0], False)])
            raise RuntimeError("the action failed after writing")
    with store.read_scope() as s:
        assert plain_rows(s, select(Seat.id).where(Seat.round_id == round_id)).all() == []


def test_plain_rows_see_what_the_unit_of_work_changed_and_has_not_written_yet(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Rows"))
        person = participants.join(s, event, Identity("Amara"), agreed=True).participant
        person.name = "Amara B."  # pending: not flushed yet
        named = plain_rows(s, select(Participant.name).where(Participant.id == person.id)).scalar_one()
    assert named == "Amara B."


def test_a_json_text_is_decoded_once_while_it_stays_the_same_and_again_when_it_changes():
    settings = '{"anyone_can_post": true, "tables": [{"name": "Oak"}]}'
    first = settled_json(settings)
    assert first == {"anyone_can_post": True, "tables": [{"name": "Oak"}]}
    assert settled_json("".join(settings)) is first  # an equal text read again: the same object
    changed = settled_json(settings.replace("true", "false"))
    assert changed["anyone_can_post"] is False and changed is not first
    assert settled_json(None) == {} and settled_json("null") is None


def test_the_decoded_texts_kept_stay_few():
    for i in range(rows.SETTLED_KEPT * 3):
        settled_json(f'{{"round": {i}}}')
    assert len(rows._SETTLED) <= rows.SETTLED_KEPT


def test_rows_by_ids_are_read_by_one_id_for_one_and_by_a_list_for_several(store):
    names = ByIds(select(Participant.id, Participant.name).where(Participant.event_id == bindparam("event")).where, Participant.id)
    with store.session_scope() as s:
        cafe_with_round(s, people=3)
        event_id, *_ = s.scalars(select(Participant.event_id)).all()
        ids = list(s.scalars(select(Participant.id).order_by(Participant.id)))
    with store.read_scope() as s:
        statement, params = names.of([ids[1], ids[1]], event=event_id)  # the same id twice is one
        assert statement is names.one and params == {"id": ids[1], "event": event_id}
        assert s.execute(statement, params).all() == [(ids[1], "Person 1")]
        statement, params = names.of(reversed(ids), event=event_id)
        assert statement is names.many and params["ids"] == ids
        assert sorted(s.execute(statement, params).all()) == [(pid, f"Person {i}") for i, pid in enumerate(ids)]
        assert s.execute(*names.of([], event=event_id)).all() == []


def test_rows_by_one_id_are_read_by_the_driver_on_sqlite_and_read_alike_on_every_path(store, monkeypatch):
    """``ByIds.rows``: one id goes to SQLite's driver as it is (a card posted alone reads its author
    and seat so); what comes back reads as SQLAlchemy's rows do, by position and by column name."""
    from tests.factories import counting_statements

    used: list[str] = []
    real = rows.DriverStatement._compile
    monkeypatch.setattr(rows.DriverStatement, "_compile", lambda self, dialect: used.append(dialect.name) or real(self, dialect))
    # A second ``id`` (the event's) and a cast column: named on the driver's path as SQLAlchemy names them.
    names = ByIds(select(Participant.id, Participant.name, Participant.without_phone, Participant.joined_at,
                         Event.id, cast(Participant.pronouns, Text))
                  .join(Event, Event.id == Participant.event_id)
                  .where(Participant.event_id == bindparam("event")).where, Participant.id)
    with store.session_scope() as s:
        cafe_with_round(s, people=3)
        event_id, *_ = s.scalars(select(Participant.event_id)).all()
        ids = list(s.scalars(select(Participant.id).order_by(Participant.id)))
    with store.read_scope() as s:
        expected = s.execute(*names.of([ids[1]], event=event_id)).all()
        one = names.rows(s, [ids[1], ids[1]], event=event_id)
        several = names.rows(s, reversed(ids), event=event_id)
        assert names.rows(s, [ids[0]], event=event_id + 1) == []
    assert used == (["sqlite"] if store.is_sqlite else [])  # compiled once, for the parameters given
    assert one == expected and [tuple(r) for r in one] == [(ids[1], "Person 1", False, expected[0].joined_at, event_id, None)]
    (row,) = one
    assert (row.id, row.name, row.without_phone, row.id_1, row.pronouns) == (ids[1], "Person 1", False, event_id, None)
    assert row.joined_at.utcoffset().total_seconds() == 0
    assert list(row._fields) == list(expected[0]._fields)
    assert [(r.id, r.name, r.id_1) for r in sorted(several)] == [(pid, f"Person {i}", event_id) for i, pid in enumerate(ids)]
    # With someone listening to the statements, SQLAlchemy runs it: the same rows.
    seen, stop = counting_statements(store)
    try:
        with store.read_scope() as s:
            assert names.rows(s, [ids[1]], event=event_id) == expected
    finally:
        stop()
    assert seen, "the counted read did not go through SQLAlchemy"
    # A parameter the statement takes and the caller left out: refused, not read as NULL.
    with store.read_scope() as s, pytest.raises(Exception, match="'event'"):
        names.rows(s, [ids[1]])


def _joined_and_connected(store, name: str):
    """A join and a connect's statements (core.participants' DriverStatements) in a presence unit."""
    with store.session_scope() as s:
        event = events.to_join(s, events.create_event(s, EventDetails("Driver")).code)
    with store.presence_scope() as unit:
        joined = participants.join(unit, event, Identity(name, "they/them"), agreed=True, language="cy")
    with store.presence_scope() as unit:
        person, _ = participants.resume_connected(unit, event, joined.token)
    return joined, person


def test_a_statement_run_by_the_driver_writes_and_reads_what_sqlalchemy_would(store, monkeypatch):
    """The driver's path (no listener on the engine) and SQLAlchemy's (the tests' statement counter
    listening) give the same row: times as UTC moments, booleans as booleans, counts as numbers."""
    from tests.factories import counting_statements

    direct, person = _joined_and_connected(store, "Sam")
    seen, stop = counting_statements(store)
    try:
        through_sqlalchemy, same = _joined_and_connected(store, "Sam")
    finally:
        stop()
    assert any(sql.startswith("INSERT INTO participant") for sql in seen), "the counted run did not go through SQLAlchemy"
    for got in (person, same):
        assert (got.name, got.pronouns, got.language, got.connections, got.without_phone) == ("Sam", "they/them", "cy", 1, False)
        assert got.without_phone is False and got.removed_at is None
        assert got.joined_at.utcoffset().total_seconds() == 0 and got.last_seen_at >= got.joined_at
        assert got.agreed_at == got.joined_at
    with store.read_scope() as s:
        for joined, got in ((direct, person), (through_sqlalchemy, same)):
            read = s.get(Participant, joined.participant_id)
            assert (read.joined_at, read.agreed_at, read.last_seen_at, read.connections) == (
                got.joined_at, got.agreed_at, got.last_seen_at, got.connections)


def test_the_driver_is_given_the_statement_only_on_sqlite_with_nobody_listening(store, monkeypatch):
    used: list[str] = []
    real = rows.DriverStatement._compile

    def compiling(self, dialect):
        used.append(dialect.name)
        return real(self, dialect)

    monkeypatch.setattr(rows.DriverStatement, "_compile", compiling)
    monkeypatch.setattr(participants._JOIN, "_compiled", None)
    monkeypatch.setattr(participants._CONNECT, "_compiled", None)
    _joined_and_connected(store, "Ali")
    expected = ["sqlite", "sqlite"] if store.is_sqlite else []
    assert used == expected


def test_named_rows_are_tuples_read_by_column_name_and_see_what_the_unit_wrote(store):
    with store.session_scope() as s:
        round_id, table_ids, ids = cafe_with_round(s, people=3)
        insert_rows(s, Seat.__table__, ("round_id", "table_id", "participant_id", "is_host"),
                    [(round_id, table_ids[i % 2], pid, i == 0) for i, pid in enumerate(ids)])
        s.get(Participant, ids[1]).name = "Renamed, not flushed"
        seats = rows.named_rows(s, select(Seat.table_id, Seat.participant_id, Seat.is_host)
                                .where(Seat.round_id == bindparam("round")).order_by(Seat.id), {"round": round_id})
        people = rows.named_rows(s, select(Participant.id, Participant.name).where(Participant.id.in_(ids)).order_by(Participant.id))
    assert isinstance(seats, list) and all(isinstance(x, tuple) for x in seats)
    assert [(x.table_id, x.participant_id, x.is_host) for x in seats] == [
        (table_ids[i % 2], pid, i == 0) for i, pid in enumerate(ids)]
    assert seats[0]._asdict() == {"table_id": table_ids[0], "participant_id": ids[0], "is_host": True}
    assert [p.name for p in people] == ["Person 0", "Renamed, not flushed", "Person 2"]
    # One class for each set of columns, made once.
    assert type(seats[0]) is type(seats[1]) and type(seats[0]) is not type(people[0])



def test_a_statement_left_to_a_columns_default_is_refused_by_the_driver(tmp_path):
    """A column left out of an INSERT would be filled by SQLAlchemy's default as it runs; the
    driver's path (SQLite) cannot, so such a statement is refused when compiled, not written as NULL."""
    from sqlalchemy import insert

    from facilitator.db import Database

    db = Database(f"sqlite:///{tmp_path / 'defaults.sqlite3'}")
    db.upgrade()
    with db.session_scope() as s:
        event = events.to_join(s, events.create_event(s, EventDetails("Defaults")).code)
    partial = rows.DriverStatement(insert(Participant.__table__), ("event_id", "token_hash"))
    try:
        with pytest.raises(ValueError, match="left to a default"):
            with db.presence_scope() as unit:
                partial.rows(unit, {"event_id": event.id, "token_hash": "x"})
        with db.read_scope() as s:
            assert s.scalars(select(Participant)).all() == []
    finally:
        db.dispose()


def test_a_value_the_statement_does_not_take_is_refused_on_every_path(store):
    """Else it would be written through SQLAlchemy (PostgreSQL, the tests that listen) and left
    out by the driver (SQLite): the two paths would write different rows."""
    from sqlalchemy import insert

    with store.session_scope() as s:
        event = events.to_join(s, events.create_event(s, EventDetails("Extra value")).code)
    statement = rows.DriverStatement(insert(Participant.__table__), ("event_id", "token_hash"))
    with pytest.raises(ValueError, match="it takes"):
        with store.presence_scope() as unit:
            statement.rows(unit, {"event_id": event.id, "token_hash": "x", "name": "Sam"})
