"""The 3Cs pulse: anonymous, counted once, shown only as aggregates from three answers."""
import pytest
from sqlalchemy import inspect, select

from facilitator.domain import agenda, pulse
from facilitator.domain.errors import DomainError
from facilitator.models import Activity, Event, Participant, PulseResponder, PulseTally
from tests.circle_support import circle_event

AGENDA = [{"kind": "checkin", "config": {"pulse": True}}, {"kind": "checkout", "config": {"pulse": True}}]


def rate(db, activity_id, participant_id, **ratings):
    with db.session_scope() as s:
        return pulse.answer(s, s.get(Activity, activity_id), s.get(Participant, participant_id), ratings)[0]


def test_no_table_of_the_pulse_holds_both_a_person_and_a_rating(db):
    tally = {c.name for c in inspect(PulseTally).columns}
    marker = {c.name for c in inspect(PulseResponder).columns}
    assert "participant_id" not in tally
    assert not marker & {"control", "contact", "confidence", "score", "dimension", "created_at"}


def test_a_person_is_counted_once(db):
    _, _, aid, ids = circle_event(db, kind="checkin", config={"pulse": True})
    assert rate(db, aid, ids["Amara"], control=5) is True
    assert rate(db, aid, ids["Amara"], control=1) is False
    with db.read_scope() as s:
        counts = {(t.dimension, t.score): t.count for t in s.scalars(select(PulseTally))}
    assert counts[("control", 5)] == 1 and counts[("control", 1)] == 0
    assert len(counts) == 15  # every counter made at once: row order tells nothing


def test_aggregates_appear_only_from_three_answers_and_show_the_change_since_check_in(db):
    code, eid, checkin_id, ids = circle_event(db, names=("A", "B", "C", "D"), kind="checkin", agenda_items=AGENDA)
    for pid, score in zip(ids.values(), (2, 3, 4)):
        rate(db, checkin_id, pid, control=score, contact=score)
    rate(db, checkin_id, ids["D"], confidence=5)
    with db.session_scope() as s:
        event = s.get(Event, eid)
        checkout_id = event.activities[1].id
        agenda.go_to(s, event, checkout_id)
    for pid in list(ids.values())[:3]:
        rate(db, checkout_id, pid, control=4, contact=2)
    with db.read_scope() as s:
        result = pulse.pulse_aggregates(s, s.get(Event, eid))
    assert result["checkin"]["control"] == {"label": "Control", "count": 3, "mean": 3.0, "shown": True}
    assert result["checkin"]["confidence"] == {"label": "Confidence", "count": None, "mean": None, "shown": False}
    assert result["checkout"]["control"]["mean"] == 4.0
    assert result["change"] == {"control": 1.0, "contact": -1.0, "confidence": None}


def test_ratings_are_from_one_to_five_and_only_where_the_circle_has_a_pulse(db):
    _, _, aid, ids = circle_event(db, kind="checkin", config={"pulse": True})
    with pytest.raises(DomainError):
        rate(db, aid, ids["Amara"], control=6)
    with pytest.raises(DomainError):
        rate(db, aid, ids["Amara"])
    _, _, plain, others = circle_event(db, kind="checkin")
    with pytest.raises(DomainError):
        rate(db, plain, others["Amara"], control=3)


def screen_pulse(db, eid):
    from facilitator.domain import views

    with db.read_scope() as s:
        activity = views.screen_snapshot(s, s.get(Event, eid), "http://x")["activity"]
    return activity["pulse_results"]["scores"], activity.get("pulse_change")


def test_one_more_answer_cannot_be_read_from_two_screen_views_in_a_row(db):
    names = tuple(f"P{i}" for i in range(8))
    _, eid, aid, ids = circle_event(db, names=names, kind="checkin", config={"pulse": True})
    before, _ = screen_pulse(db, eid)
    for pid, score in zip(ids.values(), (2, 5, 3, 1, 4, 4, 2, 5)):
        rate(db, aid, pid, control=score, contact=score)
        after, _ = screen_pulse(db, eid)
        for c in pulse.DIMENSIONS:
            if after[c] != before[c]:
                # Whatever moved holds at least three new ratings together: none can be picked out.
                assert after[c]["count"] - (before[c]["count"] or 0) >= pulse.MIN_ANSWERS
        before = after
    # Eight answers: the screen shows the first six together, not each new one.
    assert before["control"] == {"label": "Control", "count": 6, "mean": 3.2, "shown": True}
    assert before["confidence"]["shown"] is False
    # The event's record still counts every answer.
    with db.read_scope() as s:
        assert pulse.pulse_aggregates(s, s.get(Event, eid))["checkin"]["control"]["count"] == 8


def test_the_fourth_answer_leaves_the_screen_and_the_change_since_check_in_as_they_were(db):
    code, eid, checkin_id, ids = circle_event(db, names=("A", "B", "C", "D"), kind="checkin", agenda_items=AGENDA)
    for pid in ids.values():
        rate(db, checkin_id, pid, control=3)
    with db.session_scope() as s:
        event = s.get(Event, eid)
        checkout_id = event.activities[1].id
        agenda.go_to(s, event, checkout_id)
    for pid, score in zip(list(ids.values())[:3], (4, 4, 4)):
        rate(db, checkout_id, pid, control=score)
    shown, change = screen_pulse(db, eid)
    assert shown["control"]["mean"] == 4.0 and change["control"] == 1.0
    rate(db, checkout_id, ids["D"], control=1)
    assert screen_pulse(db, eid) == (shown, change)


def test_beginning_the_round_again_keeps_what_the_screen_shows_of_the_pulse(db):
    from facilitator.domain import circle

    _, eid, aid, ids = circle_event(db, names=("A", "B", "C", "D"), kind="checkin", config={"pulse": True})
    for pid, score in zip(ids.values(), (2, 3, 4)):
        rate(db, aid, pid, control=score)
    shown, _ = screen_pulse(db, eid)
    with db.session_scope() as s:
        circle.restart(s, s.get(Activity, aid))
    # Were the shown step forgotten, the next answer would show four ratings against the three seen before.
    rate(db, aid, ids["D"], control=5)
    assert screen_pulse(db, eid)[0] == shown
