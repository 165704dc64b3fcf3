"""Working agreements: proposed by anyone, decided by the facilitator, kept in the event's record."""
import pytest

from facilitator.activities.agreements import rules as agreements
from facilitator.core.errors import Conflict, DomainError
from facilitator.core.models import Event, Participant
from tests.circle_support import circle_event


def propose(db, eid, pid, text):
    with db.session_scope() as s:
        return agreements.propose(s, s.get(Event, eid), s.get(Participant, pid), text)[0].id


def decide(db, eid, fn, *args):
    with db.session_scope() as s:
        return fn(s, s.get(Event, eid), *args)


def record(db, eid):
    with db.read_scope() as s:
        return [a["text"] for a in agreements.accepted_agreements(s, s.get(Event, eid))]


def test_accepted_agreements_make_the_events_record_in_the_order_accepted(db):
    _, eid, _, ids = circle_event(db, kind="agreements")
    listen = propose(db, eid, ids["Amara"], "Listen with attention")
    same = propose(db, eid, ids["Bao"], "Really listen")
    phones = propose(db, eid, ids["Chen"], "Phones on silent")
    decide(db, eid, agreements.accept, phones)
    decide(db, eid, agreements.accept, listen, "Listen with attention, speak with intention")
    decide(db, eid, agreements.merge, same, listen)
    assert record(db, eid) == ["Phones on silent", "Listen with attention, speak with intention"]
    decide(db, eid, agreements.set_aside, phones)
    assert record(db, eid) == ["Listen with attention, speak with intention"]


def test_a_proposal_cannot_be_merged_into_itself_or_into_one_set_aside(db):
    _, eid, _, ids = circle_event(db, kind="agreements")
    a = propose(db, eid, ids["Amara"], "Be kind")
    b = propose(db, eid, ids["Bao"], "Kindness")
    with pytest.raises(DomainError):
        decide(db, eid, agreements.merge, a, a)
    decide(db, eid, agreements.set_aside, b)
    with pytest.raises(Conflict):
        decide(db, eid, agreements.merge, a, b)


def test_proposals_are_made_during_the_agreements_activity_and_need_words(db):
    _, eid, _, ids = circle_event(db, kind="agreements")
    with pytest.raises(DomainError):
        propose(db, eid, ids["Amara"], "   ")
    with pytest.raises(DomainError):
        propose(db, eid, ids["Amara"], "x" * 201)
    _, other, _, people = circle_event(db, kind="checkin")
    with pytest.raises(DomainError):
        propose(db, other, people["Amara"], "Be kind")


@pytest.mark.parametrize("later", ["welcome", "cafe"])
def test_accepted_agreements_stay_in_every_screen_snapshot(db, later):
    from facilitator.core import agenda
    from facilitator.whole_event import views

    _, eid, _, ids = circle_event(db, kind="agreements", agenda_items=[{"kind": "agreements"}, {"kind": later}])
    kept = propose(db, eid, ids["Amara"], "It's OK to pass")
    propose(db, eid, ids["Bao"], "Not yet decided")
    decide(db, eid, agreements.accept, kept)
    decide(db, eid, agreements.add, "Listen with attention")
    with db.session_scope() as s:
        event = s.get(Event, eid)
        agenda.go_to(s, event, event.activities[1].id)
    with db.read_scope() as s:
        snap = views.screen_snapshot(s, s.get(Event, eid), "http://x", with_roster=False)
    assert snap["activity"]["kind"] == later
    assert [a["text"] for a in snap["agreements"]] == ["It's OK to pass", "Listen with attention"]


def _agreement(db, aid):
    from facilitator.activities.agreements.models import Agreement

    with db.read_scope() as s:
        row = s.get(Agreement, aid)
        return None if row is None else (row.status, row.participant_id, row.merged_into_id)


def _two_of_amaras_proposals_with_bao_folded_into_each(db):
    _, eid, _, ids = circle_event(db, kind="agreements")
    listen = propose(db, eid, ids["Amara"], "Listen with attention")
    really = propose(db, eid, ids["Bao"], "Really listen")
    early = propose(db, eid, ids["Amara"], "Start on time")
    on_time = propose(db, eid, ids["Bao"], "Be on time")
    decide(db, eid, agreements.accept, listen)
    decide(db, eid, agreements.merge, really, listen)
    decide(db, eid, agreements.merge, on_time, early)
    return eid, ids, listen, really, early, on_time


def test_withdrawing_everything_leaves_the_groups_accepted_agreement_without_the_persons_name(db):
    from facilitator.whole_event import erasure

    eid, ids, listen, really, early, on_time = _two_of_amaras_proposals_with_bao_folded_into_each(db)
    with db.session_scope() as s:
        removed, _ = erasure.withdraw_all(s, s.get(Participant, ids["Amara"]))
    assert record(db, eid) == ["Listen with attention"]
    assert _agreement(db, listen) == ("accepted", None, None), "the group's, no longer Amara's"
    assert _agreement(db, really) == ("merged", ids["Bao"], listen), "still folded into it"
    assert _agreement(db, early) is None and removed["agreements"] == 1, "her open proposal goes"
    assert _agreement(db, on_time) == ("proposed", ids["Bao"], None), "what was folded into it is open again"


def test_a_person_removed_and_erased_leaves_the_groups_accepted_agreement_too(db):
    from facilitator.core import participants

    eid, ids, listen, really, early, on_time = _two_of_amaras_proposals_with_bao_folded_into_each(db)
    with db.session_scope() as s:
        participants.remove(s, s.get(Event, eid), ids["Amara"], erase=True)
    assert record(db, eid) == ["Listen with attention"]
    assert _agreement(db, listen) == ("accepted", None, None)
    assert _agreement(db, really) == ("merged", ids["Bao"], listen)
    assert _agreement(db, on_time) == ("proposed", ids["Bao"], None)
