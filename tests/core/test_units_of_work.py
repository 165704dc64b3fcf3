"""Units of work: closed sessions handed to the next ones (``db.KeptSessions``), never one still held;
the presence units of a join storm on a connection, their session made only when asked for (``db.ConnectionUnit``)."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from facilitator.core import events, participants
from facilitator.core.events import EventDetails
from facilitator.core.models import Event, Participant
from facilitator.core.participants import Identity
from facilitator.core.reads import MEMO, READ_ONLY


def _session_of(scope) -> int:
    """The id of the session a scope used, with no reference to it kept past the scope."""
    with scope() as s:
        return id(s)


def test_a_closed_session_is_used_again_by_the_next_unit_of_work_empty(store):
    with store.session_scope() as s:
        code = events.create_event(s, EventDetails("Gathering")).code
    del s
    first = _session_of(store.read_scope)
    with store.read_scope(memo={"kept": 1}) as s:
        assert id(s) == first, "the read scope made a new session though the last one was free"
        assert s.info[READ_ONLY] and s.info[MEMO] == {"kept": 1}
    del s
    # The next unit of work is not read-only, and keeps nothing of the read's memo or objects.
    with store.session_scope() as s:
        assert id(s) == first
        assert s.info == {} and not list(s.identity_map.values())
        event = events.get_by_code(s, code)
        participants.join(s, event, Identity("Sam"))
    del s
    with store.read_scope() as s:
        assert [p.name for p in s.scalars(select(Participant))] == ["Sam"]


def test_a_session_something_still_holds_is_never_handed_out_again(store):
    with store.session_scope() as kept:
        events.create_event(s := kept, EventDetails("Gathering"))
    del s
    # ``kept`` outlives its scope (as ``with ... as s`` does in a caller's frame): the next
    # scopes make sessions of their own, and ``kept`` is never in another's transaction.
    for _ in range(3):
        with store.session_scope() as s:
            assert s is not kept
            s.scalars(select(Event)).all()
            assert not kept.in_transaction()
        del s
    del kept
    # Once nobody holds it, it may be handed out again: nothing grows without end.
    ids = {_session_of(store.read_scope) for _ in range(5)}
    assert len(ids) == 1


def test_scopes_open_at_once_never_share_a_session(store):
    with store.read_scope() as outer, store.read_scope() as inner:
        assert outer is not inner
    seen: list[int] = []
    both_in = threading.Barrier(2)

    def reader() -> None:
        with store.read_scope() as s:
            seen.append(id(s))
            both_in.wait(timeout=10)  # each thread is inside its scope when the other takes one

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(seen) == 2 and seen[0] != seen[1]


def test_a_session_whose_unit_failed_is_used_again_clean(store):
    with store.session_scope() as s:
        event_id = events.create_event(s, EventDetails("Gathering")).id
    del s
    used = None
    with pytest.raises(RuntimeError):
        with store.session_scope() as s:
            used = id(s)
            participants.join(s, s.get(Event, event_id), Identity("Lost"))
            raise RuntimeError("rolled back")
    del s
    with store.session_scope() as s:
        assert id(s) == used and not s.in_nested_transaction()
        assert s.scalars(select(Participant)).all() == []
        participants.join(s, s.get(Event, event_id), Identity("Kept"))
    del s
    with store.read_scope() as s:
        assert [p.name for p in s.scalars(select(Participant))] == ["Kept"]


def _event_to_join(store):
    """A new event, as a join reads it (``events.to_join``)."""
    with store.session_scope() as s:
        return events.to_join(s, events.create_event(s, EventDetails("Gathering")).code)


def test_a_presence_unit_runs_its_statements_without_a_session_and_commits_them(store):
    event = _event_to_join(store)
    with store.presence_scope() as unit:
        joined = participants.join(unit, event, Identity("Sam"))
        assert unit._session is None, "a join made a session it did not need"
        assert joined.participant_id
    with store.read_scope() as s:
        assert [p.name for p in s.scalars(select(Participant))] == ["Sam"]


def test_a_presence_unit_makes_its_session_on_its_own_transaction_when_asked(store):
    event = _event_to_join(store)
    with store.presence_scope() as unit:
        joined = participants.join(unit, event, Identity("Sam"))
        # Read through the ORM in the same transaction: the row the statement wrote, not yet committed.
        assert joined.participant.name == "Sam"
        unit.get(Participant, joined.participant_id).pronouns = "they/them"  # flushed before the commit
    with pytest.raises(RuntimeError):
        joined.participant  # the unit is over: nothing reads through it any more
    with store.read_scope() as s:
        assert [(p.name, p.pronouns) for p in s.scalars(select(Participant))] == [("Sam", "they/them")]


def test_a_presence_unit_that_fails_writes_nothing_of_its_statements_or_its_session(store):
    event = _event_to_join(store)
    with pytest.raises(RuntimeError, match="rolled back"):
        with store.presence_scope() as unit:
            first = participants.join(unit, event, Identity("Lost by statement"))
            unit.get(Participant, first.participant_id).name = "Lost by the session"
            unit.flush()  # written in the transaction, not only pending
            raise RuntimeError("rolled back")
    with store.read_scope() as s:
        assert s.scalars(select(Participant)).all() == []


def test_a_durable_unit_on_a_connection_syncs_its_commit_tells_after_it_and_writes_nothing_when_it_fails(store):
    """``unit_scope``: a card burst's unit of work. Unlike a presence unit, its commit is one a
    power cut keeps (SQLite's FULL sync), and what listens for commits hears of it, after it."""
    event = _event_to_join(store)

    def names():
        with store.read_scope() as s:
            return [p.name for p in s.scalars(select(Participant).order_by(Participant.id))]

    heard: list = []
    store.after_commit.append(lambda: heard.append(names()))
    with store.unit_scope() as unit:
        if store.is_sqlite:
            assert unit.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        joined = participants.join(unit, event, Identity("Sam"))
        assert unit._session is None, "a unit of statements made a session it did not need"
        unit.get(Participant, joined.participant_id).pronouns = "she/her"  # a session, when asked
    assert heard == [["Sam"]]
    with pytest.raises(RuntimeError, match="rolled back"):
        with store.unit_scope() as unit:
            lost = participants.join(unit, event, Identity("Lost by statement"))
            unit.get(Participant, lost.participant_id).name = "Lost by the session"
            unit.flush()
            raise RuntimeError("rolled back")
    assert heard == [["Sam"]], "a unit that failed was told of as committed"
    with store.read_scope() as s:
        assert [(p.name, p.pronouns) for p in s.scalars(select(Participant))] == [("Sam", "she/her")]


def test_a_session_used_after_its_scope_never_brings_that_use_into_the_next_unit(store):
    with store.session_scope() as s:
        event_id = events.create_event(s, EventDetails("Gathering")).id
    del s
    # Marked after its scope: handed out again, emptied first.
    with store.read_scope() as marked:
        pass
    marked.info["stale"] = True
    used = id(marked)
    del marked
    with store.session_scope() as s:
        assert id(s) == used and s.info == {}
    del s
    # Read through after its scope: a transaction again, which holds its session, so it is not
    # handed out while that lasts; the next unit begins on another, clean.
    with store.read_scope() as late:
        pass
    late.get(Event, event_id)
    assert late.in_transaction()
    with store.session_scope() as s:  # begins: it would refuse a session already in a transaction
        assert s is not late and not list(s.identity_map.values())
        participants.join(s, s.get(Event, event_id), Identity("Sam"))
    del s
    late.close()
    with store.read_scope() as s:
        assert [p.name for p in s.scalars(select(Participant))] == ["Sam"]
