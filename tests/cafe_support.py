"""Helpers for the café and harvest tests: an event with a café, people present, rounds."""
from __future__ import annotations

from facilitator.core import agenda, events, participants
from facilitator.core.participants import Identity
from facilitator.core.models import Participant


def cafe_event(db, *, tables=2, capacity=5, rounds=None, anyone_can_post=False, harvest=True):
    rounds = rounds or [{"question": "What helps you feel in control of your health?", "minutes": 20},
                        {"question": "Who could we reach together?", "minutes": 15}]
    agenda_items = [{"kind": "cafe", "config": {"tables": tables, "capacity": capacity, "rounds": rounds,
                                                 "anyone_can_post": anyone_can_post}}]
    if harvest:
        agenda_items.append({"kind": "harvest", "config": {}})
    with db.session_scope() as s:
        event = events.create_event(s, events.EventDetails(title="Café"), agenda=agenda_items)
        return event.code, event.id


def arrive(db, code, *names, online=True):
    """People who joined and whose phones are connected (present at seating time)."""
    ids = []
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        for name in names:
            person = participants.join(s, event, Identity(name=name), agreed=True).participant
            person.connections = 1 if online else 0
            ids.append(person.id)
    return ids


def go_to_harvest(db, code):
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        agenda.step(s, event, +1)


def person(s, pid) -> Participant:
    return s.get(Participant, pid)
