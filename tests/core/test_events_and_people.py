"""Events, people and the agenda, with no server: the rules themselves."""
import pytest
from sqlalchemy import select, update

from facilitator.db import Database
from facilitator.core import agenda, events, participants
from facilitator.whole_event import views
from facilitator.core.errors import DomainError, NotAllowed, NotFound
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity
from facilitator.core.models import Event, Participant


def test_an_event_is_created_with_a_welcome_as_its_current_activity(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Spring gathering", purpose="Talk about the park"))
        code = event.code
    with store.read_scope() as s:
        event = events.get_by_code(s, code.lower())
        assert [a.kind for a in event.activities] == ["welcome"]
        assert agenda.current(event).kind == "welcome"
        assert event.purpose == "Talk about the park"


def test_an_event_needs_a_title(store):
    with pytest.raises(DomainError, match="title"):
        with store.session_scope() as s:
            events.create_event(s, EventDetails("   "))


def test_people_join_with_any_name_in_any_script_or_anonymously(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        a = participants.join(s, event, Identity("محمد \u200f", pronouns="he/him")).participant
        b = participants.join(s, event, Identity(anonymous=True)).participant
        c = participants.join(s, event, Identity("李小龍")).participant
        assert a.name == "محمد \u200f".strip() and a.pronouns == "he/him"
        assert b.anonymous and b.label == "Anonymous"
        assert c.label == "李小龍"
        assert [p["label"] for p in participants.roster(s, event)] == [a.label, "Anonymous", "李小龍"]


def test_a_phone_token_brings_back_the_same_person_and_only_a_hash_is_stored(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        joined = participants.join(s, event, Identity("Sam"))
        code, token = event.code, joined.token
    with store.session_scope() as s:
        event = events.get_by_code(s, code)
        assert participants.resume(s, event, token).name == "Sam"
        stored = s.scalars(select(Participant.token_hash)).all()
        assert token not in stored and len(stored) == 1


def test_a_token_from_another_event_or_a_forged_one_is_refused(store):
    with store.session_scope() as s:
        first = events.create_event(s, EventDetails("First"))
        second = events.create_event(s, EventDetails("Second"))
        token = participants.join(s, first, Identity("Sam")).token
        with pytest.raises(NotFound):
            participants.resume(s, second, token)
        with pytest.raises(NotFound):
            participants.resume(s, first, "forged-" + token)
        with pytest.raises(NotFound):
            participants.resume(s, first, None)


def test_a_locked_event_takes_no_new_people(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        events.set_locked(s, event, True)
        with pytest.raises(NotAllowed, match="not taking new people"):
            participants.join(s, event, Identity("Sam"))


def test_an_event_with_an_agreement_asks_people_to_accept_it(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Group", agreement_text="What is said here stays here."))
        with pytest.raises(DomainError, match="accept"):
            participants.join(s, event, Identity("Sam"))
        person = participants.join(s, event, Identity("Sam"), agreed=True).participant
        assert person.agreed_at is not None


def test_names_are_cleaned_of_control_characters_and_limited_in_length(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        person = participants.join(s, event, Identity("Sam\x00\x07 Smith")).participant
        assert person.name == "Sam Smith"
        with pytest.raises(DomainError, match="longer than"):
            participants.join(s, event, Identity("x" * 61))
        with pytest.raises(DomainError, match="name"):
            participants.join(s, event, Identity("   "))


def test_a_removed_person_cannot_come_back_with_their_token(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        joined = participants.join(s, event, Identity("Sam"))
        participants.remove(s, event, joined.participant_id)
        assert participants.roster(s, event) == []
        with pytest.raises(NotAllowed, match="taken you off"):
            participants.resume(s, event, joined.token)


def test_removing_with_erase_deletes_the_person(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        joined = participants.join(s, event, Identity("Sam"))
        participants.remove(s, event, joined.participant_id, erase=True)
    with store.read_scope() as s:
        assert s.scalars(select(Participant)).all() == []


def test_connections_are_counted_and_reset_when_the_server_starts(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        person = participants.join(s, event, Identity("Sam")).participant
        participants.connected(s, person)
        participants.connected(s, person)
        participants.disconnected(s, person.id)
        assert person.online
        participants.reset_connections(s)
    with store.read_scope() as s:
        assert s.scalars(select(Participant.connections)).one() == 0


def test_the_agenda_moves_forward_and_back_and_can_be_reordered(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        second = agenda.add_activity(s, event, "welcome", title="Second welcome")
        first_id = event.activities[0].id
        agenda.step(s, event, +1)
        assert agenda.current(event).id == second.id
        with pytest.raises(DomainError, match="end of the agenda"):
            agenda.step(s, event, +1)
        agenda.move_activity(s, event, second.id, 0)
        assert [a.id for a in event.activities] == [second.id, first_id]
        with pytest.raises(DomainError, match="running now"):
            agenda.remove_activity(s, event, second.id)
        agenda.step(s, event, +1)
        assert agenda.current(event).id == first_id
        agenda.remove_activity(s, event, second.id)
        assert [a.position for a in event.activities] == [0]


def test_an_unknown_activity_kind_or_setting_is_refused(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        with pytest.raises(DomainError, match="no activity"):
            agenda.add_activity(s, event, "juggling")
        with pytest.raises(DomainError, match="no setting"):
            agenda.add_activity(s, event, "welcome", config={"colour": "red"})


def test_the_phone_snapshot_shows_the_current_activity_and_who_you_are(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering", welcome_text="Tea is at the back"))
        person = participants.join(s, event, Identity("Sam")).participant
        snap = views.phone_snapshot(s, event, person)
        assert snap["me"]["label"] == "Sam"
        assert snap["activity"]["kind"] == "welcome"
        assert snap["activity"]["message"] == "Tea is at the back"


def test_deleting_an_event_deletes_its_people_and_agenda(store):
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        participants.join(s, event, Identity("Sam"))
        events.delete_event(s, event)
    with store.read_scope() as s:
        assert s.scalars(select(Event)).all() == []
        assert s.scalars(select(Participant)).all() == []


def test_a_presence_write_skips_the_fsync_and_leaves_the_connection_durable(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    db.upgrade()
    with db.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        person = participants.join(s, event, Identity("Sam")).participant
        pid = person.id
    with db.session_scope(durable=False) as s:
        assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        participants.connected(s, s.get(Participant, pid))
    with db.read_scope() as s:
        assert s.get(Participant, pid).connections == 1
        assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL again
    with pytest.raises(RuntimeError):
        with db.session_scope(durable=False) as s:
            participants.connected(s, s.get(Participant, pid))
            raise RuntimeError("rolled back")
    with db.read_scope() as s:
        assert s.get(Participant, pid).connections == 1
    db.dispose()


def test_times_come_back_as_utc_on_every_backend(store):
    from datetime import timezone

    with store.session_scope() as s:
        code = events.create_event(s, EventDetails("Gathering")).code
    with store.read_scope() as s:
        created = events.get_by_code(s, code).created_at
    assert created.tzinfo is not None and created.utcoffset().total_seconds() == 0


def test_times_come_back_as_the_moments_written_whatever_their_zone(store):
    """Read as rows or as objects, a time is the moment written: naive means UTC, another
    zone is turned to UTC, whole seconds and microseconds alike (SQLite keeps them as text)."""
    from datetime import datetime, timedelta, timezone

    written = [
        datetime(2026, 12, 4, 15, 0, 0, 123456, tzinfo=timezone.utc),
        datetime(2026, 12, 4, 15, 0, 0),  # naive: taken as UTC
        datetime(2026, 12, 4, 16, 30, 5, tzinfo=timezone(timedelta(hours=1, minutes=30))),
    ]
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"))
        ids = []
        for when in written:
            person = participants.join(s, event, Identity("Amara"), agreed=True).participant
            person.agreed_at = when
            ids.append(person.id)
    expected = [written[0], written[1].replace(tzinfo=timezone.utc), datetime(2026, 12, 4, 15, 0, 5, tzinfo=timezone.utc)]
    with store.read_scope() as s:
        as_rows = [s.connection().execute(select(Participant.agreed_at).where(Participant.id == pid)).scalar_one()
                   for pid in ids]
        as_objects = [s.get(Participant, pid).agreed_at for pid in ids]
    for got in (as_rows, as_objects):
        assert got == expected
        assert all(t.utcoffset() == timedelta(0) for t in got)
    # As older releases and hand-made files may hold them: with an offset, without microseconds.
    with store.session_scope() as s:
        for pid, text in zip(ids, ("2026-11-30 10:00:00+00:00", "2026-11-30 10:00:00", "2026-11-30 11:00:00.5+01:00")):
            s.execute(update(Participant).where(Participant.id == pid).values(agreed_at=text_time(store, text)))
    with store.read_scope() as s:
        got = [s.connection().execute(select(Participant.agreed_at).where(Participant.id == pid)).scalar_one() for pid in ids]
    assert got == [datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)] * 2 + [datetime(2026, 11, 30, 10, 0, 0, 500000, tzinfo=timezone.utc)]


def text_time(store, text):
    """A time as text in the column, as SQLite files hold it (PostgreSQL parses it as its own)."""
    from sqlalchemy import literal_column

    return literal_column(f"'{text}'")


def test_a_read_scope_sees_one_moment_while_others_write(tmp_path):
    """An export reads a consistent event even while cards are being written."""
    db = Database(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    db.upgrade()
    with db.session_scope() as s:
        code = events.create_event(s, EventDetails("Gathering")).code
    with db.read_scope() as reader:
        before = len(participants.roster(reader, events.get_by_code(reader, code)))
        with db.session_scope() as writer:
            participants.join(writer, events.get_by_code(writer, code), Identity("Sam"))
        reader.expire_all()
        assert len(participants.roster(reader, events.get_by_code(reader, code))) == before == 0
    with db.read_scope() as s:
        assert len(participants.roster(s, events.get_by_code(s, code))) == 1
    db.dispose()


def test_a_connecting_phone_is_found_by_its_token_and_counted_in_one_statement(store):
    """participants.resume_connected: UPDATE ... RETURNING on both databases; the count is
    added to in SQL, and a token that is not this event's, or of someone taken off it, counts nobody."""
    with store.session_scope() as s:
        here, elsewhere = events.create_event(s, EventDetails("Here")), events.create_event(s, EventDetails("Elsewhere"))
        joined = participants.join(s, here, Identity(name="Ffion"))
        visitor = participants.join(s, elsewhere, Identity(name="Visitor"))
        ids, token, other = (here.id, elsewhere.id), joined.token, visitor.token
    for expected in (1, 2):
        with store.session_scope(durable=False) as s:
            event = s.get(Event, ids[0])
            person, changes = participants.resume_connected(s, event, token)
            assert (person.id, person.name, person.connections) == (joined.participant_id, "Ffion", expected)
            assert person.last_seen_at is not None and changes.people
    with store.session_scope(durable=False) as s:
        with pytest.raises(NotFound):
            participants.resume_connected(s, s.get(Event, ids[0]), other)
        with pytest.raises(NotFound):
            participants.resume_connected(s, s.get(Event, ids[0]), None)
        participants.remove(s, s.get(Event, ids[1]), visitor.participant_id)
    with store.session_scope(durable=False) as s:
        with pytest.raises(NotAllowed):
            participants.resume_connected(s, s.get(Event, ids[1]), other)
    with store.read_scope() as s:
        assert s.get(Participant, visitor.participant_id).connections == 0


def test_posters_are_read_as_rows_with_their_events_current_activity_and_without_those_taken_off(store):
    """What a card's post reads of its authors: as the ORM read (still_in_event_many) says, in rows."""
    with store.session_scope() as s:
        event = events.create_event(s, EventDetails("Gathering"), agenda=[{"kind": "cafe", "config": {"anyone_can_post": True}}])
        agenda.go_to(s, event, event.activities[-1].id)
        other = events.create_event(s, EventDetails("Elsewhere"))
        other.current_activity_id = None
        sam, ali, kim = (participants.join(s, event, Identity(n)).participant_id for n in ("Sam", "Ali", "Kim"))
        far = participants.join(s, other, Identity("Far")).participant_id
        participants.remove(s, event, kim)
    with store.read_scope() as s:
        found = participants.posters(s, [sam, ali, kim, far, 999_999])
        assert set(found) == {sam, ali, far} == set(participants.still_in_event_many(s, [sam, ali, kim, far, 999_999]))
        current = event.activities[-1]
        assert found[sam].event_id == event.id and found[sam].activity.id == current.id
        assert found[sam].activity.kind == "cafe" and found[sam].activity.config["anyone_can_post"] is True
        assert found[far].event_id == other.id and found[far].activity is None
        # The settings are decoded once while they stay the same: a burst's cards share them.
        assert found[sam].activity.config is found[ali].activity.config
        again = participants.posters(s, [sam])
        assert again[sam].activity.config is found[sam].activity.config
