"""Helpers for the circle tests (and the kinds run in a circle): a circle with people in it, reading the round,
and checking an action's reply."""
from __future__ import annotations

from facilitator.core import agenda, events, participants
from facilitator.activities.circle.rules import state_of
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity
from facilitator.core.models import Participant
from facilitator.activities.circle.models import Turn
from sqlalchemy import select


def circle_event(db, names=("Amara", "Bao", "Chen"), kind="checkin", config=None, online=True, agenda_items=None):
    """An event whose current activity is a circle; returns (code, event_id, activity_id, {name: id})."""
    with db.session_scope() as s:
        event = events.create_event(
            s, EventDetails("Circle evening"), agenda=agenda_items or [{"kind": "welcome"}, {"kind": kind, "config": config or {}}]
        )
        ids = {}
        for name in names:
            person = participants.join(s, event, Identity(name=name), agreed=True).participant
            person.connections = 1 if online else 0
            ids[name] = person.id
        s.flush()
        target = next(a for a in event.activities if a.kind == kind)
        agenda.go_to(s, event, target.id)
        return event.code, event.id, target.id, ids


def round_of(db, activity_id):
    """[(participant id, status, passes)] in queue order, and the activity's state."""
    from facilitator.core.models import Activity

    with db.read_scope() as s:
        turns = s.scalars(select(Turn).where(Turn.activity_id == activity_id).order_by(Turn.position, Turn.id)).all()
        act = s.get(Activity, activity_id)
        return [(t.participant_id, t.status, t.passes) for t in turns], state_of(act)


def set_online(db, participant_id, online: bool):
    with db.session_scope() as s:
        s.get(Participant, participant_id).connections = 1 if online else 0


def ok(reply):
    assert reply["ok"] is True, reply
    return reply


def refused(reply, code):
    assert reply["ok"] is False and reply["code"] == code, reply
    return reply
