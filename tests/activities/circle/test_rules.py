"""The talking piece goes round: the rules of the check-in circle, with no server."""
import random
from datetime import datetime, timedelta, timezone

import pytest

from facilitator.db import Database
from facilitator.activities.circle import rules as circle
from facilitator.core import participants
from facilitator.core.errors import Conflict, DomainError, NotAllowed
from facilitator.core.models import Activity, Event, Participant
from sqlalchemy import select
from tests.circle_support import circle_event, round_of, set_online

T0 = datetime(2026, 5, 1, 10, 0, tzinfo=timezone.utc)


def act(db, activity_id, fn, *args, **kw):
    with db.session_scope() as s:
        return fn(s, s.get(Activity, activity_id), *args, **kw)


def speaker(db, activity_id):
    return round_of(db, activity_id)[1]["speaker"]


def statuses(db, activity_id):
    return {pid: status for pid, status, _ in round_of(db, activity_id)[0]}


def test_entering_the_circle_puts_everyone_in_join_order_and_nobody_holds_the_piece(db):
    _, _, aid, ids = circle_event(db)
    order, state = round_of(db, aid)
    assert [pid for pid, _, _ in order] == [ids["Amara"], ids["Bao"], ids["Chen"]]
    assert state["phase"] == "ready" and state["speaker"] is None


def test_the_round_goes_in_order_and_ends_when_everyone_has_spoken(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    assert speaker(db, aid) == ids["Amara"]
    for name, nxt in (("Amara", "Bao"), ("Bao", "Chen")):
        act(db, aid, circle.finish, ids[name], now=T0)
        assert speaker(db, aid) == ids[nxt]
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    order, state = round_of(db, aid)
    assert state["phase"] == "done" and state["speaker"] is None
    assert {s for _, s, _ in order} == {"spoken"}


def test_a_person_who_passes_is_offered_another_turn_after_the_others(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.pass_turn, ids["Amara"], now=T0)
    assert speaker(db, aid) == ids["Bao"]
    assert statuses(db, aid)[ids["Amara"]] == "passed_once"
    act(db, aid, circle.finish, ids["Bao"], now=T0)
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    assert speaker(db, aid) == ids["Amara"]
    act(db, aid, circle.finish, ids["Amara"], now=T0)
    assert round_of(db, aid)[1]["phase"] == "done"
    assert statuses(db, aid)[ids["Amara"]] == "spoken"


def test_passing_twice_ends_that_persons_part_in_the_round(db):
    _, _, aid, ids = circle_event(db, names=("Amara", "Bao"))
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.pass_turn, ids["Amara"], now=T0)
    act(db, aid, circle.finish, ids["Bao"], now=T0)
    assert speaker(db, aid) == ids["Amara"]
    act(db, aid, circle.pass_turn, ids["Amara"], now=T0)
    order, state = round_of(db, aid)
    assert state["phase"] == "done"
    assert (ids["Amara"], "passed_twice", 2) in order


def test_only_the_holder_of_the_piece_can_finish_or_pass(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    with pytest.raises(NotAllowed):
        act(db, aid, circle.finish, ids["Bao"], now=T0)
    with pytest.raises(NotAllowed):
        act(db, aid, circle.pass_turn, ids["Chen"], now=T0)
    assert speaker(db, aid) == ids["Amara"]


def test_a_late_arrival_joins_the_end_of_the_queue(db):
    code, eid, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    with db.session_scope() as s:
        late = participants.join(s, s.get(Event, eid), participants.Identity(name="Dara"), agreed=True).participant
        late.connections = 1
        s.flush()
        late_id = late.id
    with db.read_scope() as s:
        queue = circle.screen_queue(s, s.get(Activity, aid))
        assert [q["id"] for q in queue][-1] == late_id
    for name in ("Amara", "Bao", "Chen"):
        act(db, aid, circle.finish, ids[name], now=T0)
    assert speaker(db, aid) == late_id


def test_someone_who_disconnects_keeps_their_place_if_back_in_time(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    set_online(db, ids["Bao"], False)
    set_online(db, ids["Bao"], True)
    act(db, aid, circle.finish, ids["Amara"], now=T0)
    assert speaker(db, aid) == ids["Bao"]


def test_someone_still_away_is_passed_over_then_offered_the_piece_on_return(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    set_online(db, ids["Bao"], False)
    act(db, aid, circle.finish, ids["Amara"], now=T0)
    assert speaker(db, aid) == ids["Chen"]
    assert statuses(db, aid)[ids["Bao"]] == "waiting"
    set_online(db, ids["Bao"], True)
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    assert speaker(db, aid) == ids["Bao"]


def test_someone_away_both_times_is_skipped_and_the_round_ends(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    set_online(db, ids["Bao"], False)
    act(db, aid, circle.finish, ids["Amara"], now=T0)
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    order, state = round_of(db, aid)
    assert state["phase"] == "done"
    assert statuses(db, aid)[ids["Bao"]] == "skipped"


def test_people_without_a_phone_are_given_turns_and_the_facilitator_passes_for_them(db):
    _, eid, aid, ids = circle_event(db, names=("Amara",))
    with db.session_scope() as s:
        person, _ = participants.add_without_phone(s, s.get(Event, eid), "Grandad Joe")
        joe = person.id
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.finish, ids["Amara"], now=T0)
    assert speaker(db, aid) == joe
    act(db, aid, circle.pass_for_speaker, joe, now=T0)
    assert speaker(db, aid) == joe  # the only one left: offered the piece again
    act(db, aid, circle.finish_for_speaker, now=T0)
    assert round_of(db, aid)[1]["phase"] == "done"


def test_the_facilitator_skips_someone_who_left(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.skip, ids["Bao"], now=T0)
    act(db, aid, circle.finish, ids["Amara"], now=T0)
    assert speaker(db, aid) == ids["Chen"]
    act(db, aid, circle.skip, ids["Chen"], now=T0)  # skipping the speaker moves the piece on
    order, state = round_of(db, aid)
    assert state["phase"] == "done"
    assert statuses(db, aid) == {ids["Amara"]: "spoken", ids["Bao"]: "skipped", ids["Chen"]: "skipped"}


def test_a_volunteer_goes_first_and_the_round_carries_on_from_them(db):
    _, _, aid, ids = circle_event(db)
    with db.session_scope() as s:
        circle.volunteer(s, s.get(Activity, aid), s.get(circle.Participant, ids["Bao"]), now=T0)
    assert speaker(db, aid) == ids["Bao"]
    act(db, aid, circle.finish, ids["Bao"], now=T0)
    assert speaker(db, aid) == ids["Chen"]
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    assert speaker(db, aid) == ids["Amara"]
    with pytest.raises(Conflict):
        with db.session_scope() as s:
            circle.volunteer(s, s.get(Activity, aid), s.get(circle.Participant, ids["Chen"]), now=T0)


def test_the_facilitator_moves_the_piece_on(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.move_on, now=T0)
    assert speaker(db, aid) == ids["Amara"]
    act(db, aid, circle.move_on, now=T0)
    assert speaker(db, aid) == ids["Bao"]
    assert statuses(db, aid)[ids["Amara"]] == "spoken"


def test_a_pause_stops_the_speakers_clock_and_resume_carries_it_on(db):
    _, _, aid, ids = circle_event(db, config={"turn_seconds": 120})
    act(db, aid, circle.start, now=T0)
    state = round_of(db, aid)[1]
    assert state["turn_ends_at"] == (T0 + timedelta(seconds=120)).isoformat()
    act(db, aid, circle.pause, now=T0 + timedelta(seconds=30))
    state = round_of(db, aid)[1]
    assert state["paused"] and state["pause_by"] == "facilitator"
    act(db, aid, circle.resume, now=T0 + timedelta(seconds=90))
    state = round_of(db, aid)[1]
    assert not state["paused"]
    # 60 seconds paused: the turn began and ends 60 seconds later.
    assert state["turn_started_at"] == (T0 + timedelta(seconds=60)).isoformat()
    assert state["turn_ends_at"] == (T0 + timedelta(seconds=180)).isoformat()
    with pytest.raises(Conflict):
        act(db, aid, circle.resume, now=T0 + timedelta(seconds=95))


def test_anyone_may_ask_for_a_pause_and_the_facilitator_resumes(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    with db.session_scope() as s:
        circle.ask_for_pause(s, s.get(Activity, aid), s.get(circle.Participant, ids["Chen"]), now=T0)
    state = round_of(db, aid)[1]
    assert state["paused"] and state["pause_by"] == "guardian"
    act(db, aid, circle.resume, now=T0 + timedelta(seconds=10))
    assert not round_of(db, aid)[1]["paused"]


def test_adding_time_moves_the_time_box_and_never_cuts_anyone_off(db):
    _, _, aid, ids = circle_event(db, config={"turn_seconds": 60})
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.add_time, 30, now=T0 + timedelta(seconds=50))
    assert round_of(db, aid)[1]["turn_ends_at"] == (T0 + timedelta(seconds=90)).isoformat()
    # Long past the time box, the speaker still holds the piece.
    assert speaker(db, aid) == ids["Amara"]


def test_adding_time_without_a_time_box_starts_one(db):
    _, _, aid, _ = circle_event(db)
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.add_time, 60, now=T0 + timedelta(seconds=10))
    assert round_of(db, aid)[1]["turn_ends_at"] == (T0 + timedelta(seconds=70)).isoformat()


def test_the_opening_silence_is_a_deadline(db):
    _, _, aid, _ = circle_event(db, config={"silence_seconds": 60})
    act(db, aid, circle.begin_silence, now=T0)
    assert round_of(db, aid)[1]["silence_ends_at"] == (T0 + timedelta(seconds=60)).isoformat()


def test_a_circle_without_a_silence_refuses_to_start_one(db):
    _, _, aid, _ = circle_event(db)
    with pytest.raises(DomainError):
        act(db, aid, circle.begin_silence, now=T0)


def test_the_facilitator_arranges_the_order(db):
    _, _, aid, ids = circle_event(db)
    act(db, aid, circle.arrange, "arranged", [ids["Chen"], ids["Amara"]])
    assert [pid for pid, _, _ in round_of(db, aid)[0]] == [ids["Chen"], ids["Amara"], ids["Bao"]]
    act(db, aid, circle.arrange, "join")
    assert [pid for pid, _, _ in round_of(db, aid)[0]] == [ids["Amara"], ids["Bao"], ids["Chen"]]


def test_a_shuffled_circle_holds_everyone_once(db):
    names = tuple(f"P{i}" for i in range(8))
    _, _, aid, ids = circle_event(db, names=names, config={"order": "shuffle"})
    assert sorted(pid for pid, _, _ in round_of(db, aid)[0]) == sorted(ids.values())


def test_shuffling_the_order_leaves_the_shared_random_generator_alone(db):
    """The order is drawn from its own source: a seeded ``random`` elsewhere (a test, a seating
    made reproducible) is not moved by a facilitator pressing "shuffle"."""
    names = tuple(f"P{i}" for i in range(8))
    _, _, aid, ids = circle_event(db, names=names, config={"order": "shuffle"})
    state = random.getstate()
    for _ in range(3):
        act(db, aid, circle.arrange, "shuffle")
    assert random.getstate() == state
    assert sorted(pid for pid, _, _ in round_of(db, aid)[0]) == sorted(ids.values())


def test_the_settings_are_checked(db):
    kind = circle.CheckIn()
    assert kind.validate_config({})["prompt"] == "What brings you here today?"
    assert kind.validate_config({})["chime"] is False
    assert kind.validate_config({"chime": True})["chime"] is True
    for bad in ({"silence_seconds": -1}, {"turn_seconds": "long"}, {"order": "height"}, {"pulse": "yes"}, {"colour": 1},
                {"chime": "yes"}, {"chime": 1}):
        with pytest.raises(DomainError):
            kind.validate_config(bad)


def test_a_restarted_server_finds_the_round_exactly_as_it_was(database_url):
    first = Database(database_url)
    first.upgrade()
    _, _, aid, ids = circle_event(first)
    act(first, aid, circle.start, now=T0)
    act(first, aid, circle.pass_turn, ids["Amara"], now=T0)
    before = round_of(first, aid)
    first.dispose()
    second = Database(database_url)
    assert round_of(second, aid) == before
    act(second, aid, circle.finish, ids["Bao"], now=T0)
    assert speaker(second, aid) == ids["Chen"]
    second.dispose()


# --- the opening silence and a volunteer -------------------------------------------


def public(db, activity_id):
    with db.read_scope() as s:
        return circle.public_view(s, s.get(Activity, activity_id))


def volunteer(db, activity_id, participant_id, now):
    with db.session_scope() as s:
        return circle.volunteer(s, s.get(Activity, activity_id), s.get(circle.Participant, participant_id), now=now)


def test_a_volunteer_during_the_silence_is_noted_and_the_silence_is_kept(db):
    _, _, aid, ids = circle_event(db, config={"silence_seconds": 60})
    act(db, aid, circle.begin_silence, now=T0)
    volunteer(db, aid, ids["Bao"], T0 + timedelta(seconds=10))
    view = public(db, aid)
    assert view["phase"] == "ready" and view["speaker"] is None
    assert view["silence_ends_at"] == (T0 + timedelta(seconds=60)).isoformat()
    assert view["volunteer"]["id"] == ids["Bao"] and view["next"]["id"] == ids["Bao"]
    with pytest.raises(Conflict):
        volunteer(db, aid, ids["Chen"], T0 + timedelta(seconds=20))
    # The facilitator starts the round when the silence ends: the volunteer has the piece.
    act(db, aid, circle.start, now=T0 + timedelta(seconds=61))
    assert speaker(db, aid) == ids["Bao"]
    assert public(db, aid)["volunteer"] is None
    act(db, aid, circle.finish, ids["Bao"], now=T0 + timedelta(seconds=90))
    assert speaker(db, aid) == ids["Chen"]


def test_a_paused_silence_is_still_kept_when_someone_offers_to_go_first(db):
    _, _, aid, ids = circle_event(db, config={"silence_seconds": 60})
    act(db, aid, circle.begin_silence, now=T0)
    act(db, aid, circle.pause, now=T0 + timedelta(seconds=5))
    # Long after the silence would have ended, but it is held by the pause.
    volunteer(db, aid, ids["Chen"], T0 + timedelta(seconds=300))
    assert public(db, aid)["speaker"] is None
    act(db, aid, circle.resume, now=T0 + timedelta(seconds=305))
    assert public(db, aid)["silence_ends_at"] == (T0 + timedelta(seconds=360)).isoformat()
    act(db, aid, circle.move_on, now=T0 + timedelta(seconds=361))
    assert speaker(db, aid) == ids["Chen"]


def test_a_volunteer_who_left_before_the_start_is_not_waited_for(db):
    _, _, aid, ids = circle_event(db, config={"silence_seconds": 60})
    act(db, aid, circle.begin_silence, now=T0)
    volunteer(db, aid, ids["Chen"], T0 + timedelta(seconds=1))
    set_online(db, ids["Chen"], False)
    act(db, aid, circle.start, now=T0 + timedelta(seconds=61))
    assert speaker(db, aid) == ids["Amara"]


# --- edges of the queue ---------------------------------------------------------------


def test_being_away_once_no_longer_counts_once_the_person_has_had_the_piece(db):
    _, _, aid, ids = circle_event(db, names=("Amara", "Bao", "Chen", "Dara"))
    set_online(db, ids["Amara"], False)
    set_online(db, ids["Bao"], False)
    act(db, aid, circle.start, now=T0)  # both passed over: Chen has the piece
    set_online(db, ids["Amara"], True)
    set_online(db, ids["Bao"], True)
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    act(db, aid, circle.finish, ids["Dara"], now=T0)
    assert speaker(db, aid) == ids["Amara"]
    act(db, aid, circle.pass_turn, ids["Amara"], now=T0)
    assert speaker(db, aid) == ids["Bao"]
    set_online(db, ids["Amara"], False)
    act(db, aid, circle.pass_turn, ids["Bao"], now=T0)
    # Away when the piece came back: passed over once more, not skipped.
    assert statuses(db, aid)[ids["Amara"]] == "passed_once"
    assert speaker(db, aid) == ids["Bao"]
    set_online(db, ids["Amara"], True)
    act(db, aid, circle.pass_turn, ids["Bao"], now=T0)
    assert speaker(db, aid) == ids["Amara"]


def test_a_late_arrival_goes_before_people_who_passed(db):
    _, eid, aid, ids = circle_event(db)
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.pass_turn, ids["Amara"], now=T0)
    with db.session_scope() as s:
        late = participants.join(s, s.get(Event, eid), participants.Identity(name="Dara"), agreed=True).participant
        late.connections = 1
        s.flush()
        dara = late.id
    with db.read_scope() as s:
        queue = circle.screen_queue(s, s.get(Activity, aid))
    assert [q["id"] for q in queue] == [ids["Bao"], ids["Chen"], dara, ids["Amara"]]
    act(db, aid, circle.finish, ids["Bao"], now=T0)
    assert public(db, aid)["next"]["id"] == dara
    act(db, aid, circle.finish, ids["Chen"], now=T0)
    assert speaker(db, aid) == dara
    act(db, aid, circle.finish, dara, now=T0)
    assert speaker(db, aid) == ids["Amara"]


def test_a_shuffled_order_can_differ_from_join_order(db, monkeypatch):
    import random

    monkeypatch.setattr(circle, "random", random.Random(20261123))
    names = tuple(f"P{i}" for i in range(6))
    _, _, aid, ids = circle_event(db, names=names, config={"order": "shuffle"})
    order = [pid for pid, _, _ in round_of(db, aid)[0]]
    assert sorted(order) == sorted(ids.values())
    assert order != list(ids.values())


def test_someone_else_may_offer_to_go_first_once_the_volunteer_has_left(db):
    _, _, aid, ids = circle_event(db, config={"silence_seconds": 60})
    act(db, aid, circle.begin_silence, now=T0)
    volunteer(db, aid, ids["Chen"], T0 + timedelta(seconds=1))
    set_online(db, ids["Chen"], False)
    assert public(db, aid)["volunteer"] is None
    volunteer(db, aid, ids["Bao"], T0 + timedelta(seconds=2))
    assert public(db, aid)["volunteer"]["id"] == ids["Bao"]
    act(db, aid, circle.start, now=T0 + timedelta(seconds=61))
    assert speaker(db, aid) == ids["Bao"]


def test_a_waiting_persons_own_view_stays_true_while_the_piece_moves_between_others(db):
    """Only the people whose turn changes get a personal patch at a move, so a
    personal view must hold nothing that a move between others makes stale."""
    _, _, aid, ids = circle_event(db, names=("Amara", "Bao", "Chen", "Dara"))

    def dara_view():
        with db.read_scope() as s:
            activity = s.get(Activity, aid)
            person = s.get(participants.Participant, ids["Dara"])
            return circle.personal_views(s, activity, [person])[ids["Dara"]]

    act(db, aid, circle.start, now=T0)
    before = dara_view()
    changes = act(db, aid, circle.finish, ids["Amara"], now=T0)
    assert ids["Dara"] not in changes.participants
    assert dara_view() == before


def test_a_few_peoples_own_views_read_their_own_turns_and_say_what_the_line_up_says(db, monkeypatch):
    """A connecting phone reads its own turn, not 2,000 people's; it must see what a move shows it."""
    _, eid, aid, ids = circle_event(db, names=("Amara", "Bao", "Chen", "Dee", "Ezra"))
    act(db, aid, circle.start, now=T0)
    act(db, aid, circle.pass_turn, ids["Amara"], now=T0)  # passed once
    act(db, aid, circle.finish, ids["Bao"], now=T0)  # spoken
    with db.session_scope() as s:
        event = s.get(Event, eid)
        late = participants.join(s, event, participants.Identity(name="Late"), agreed=True).participant_id  # no turn yet
        gone_late = participants.join(s, event, participants.Identity(name="Gone"), agreed=True).participant_id
        for pid in (ids["Bao"], ids["Dee"], gone_late):  # removed: spoken, waiting, and with no turn
            participants.remove(s, event, pid)
    with db.session_scope(durable=False) as s:  # as a connecting phone's (a publish's reads share the line-up)
        activity = s.get(Activity, aid)
        people = s.scalars(select(Participant).where(Participant.event_id == eid)).all()
        own = circle.personal_views(s, activity, people[:circle.FEW])
        monkeypatch.setattr(circle, "FEW", 0)
        from_line_up = circle.personal_views(s, activity, people)
    assert len(people) == 7
    assert own == from_line_up
    assert own[ids["Amara"]]["status"] == "passed_once" and own[ids["Bao"]]["status"] == "spoken"
    assert own[late]["status"] == "waiting" and own[ids["Dee"]]["status"] is None and own[gone_late]["status"] is None
