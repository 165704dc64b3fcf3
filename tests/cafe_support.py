"""Helpers for the café and harvest tests: an event with a café, people present, a round under way."""
from __future__ import annotations

from facilitator.activities.cafe import rules as cafe
from facilitator.core import agenda, events, participants
from facilitator.core.participants import Identity
from facilitator.core.models import Participant
from tests.factories import ack, make_participant, phone


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


def cafe_in_round_one(db, socket_clients, console, anyone_can_post=False):
    """A café of two tables with six phones (Sam and Ada host), its first round started and every phone's
    messages so far read; returns (code, {name: (participant id, phone)})."""
    code, _ = cafe_event(db, tables=2, anyone_can_post=anyone_can_post)
    phones = {}
    for name in ("Sam", "Ada", "Bo", "Cy", "Di", "Ed"):
        pid, token = make_participant(db, code, name)
        phones[name] = (pid, phone(socket_clients, code, token))
    assert ack(phones["Sam"][1], "cafe.volunteer", {"host": True})["ok"]
    assert ack(phones["Ada"][1], "cafe.volunteer", {"host": True})["ok"]
    assert ack(console, "cafe.round.start", {"event": code}) == {"ok": True, "round": 1}
    for _, client in phones.values():
        client.get_received()
    return code, phones


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


def hosts_at_two_tables(db, *, anyone_can_post=False):
    """A café of two tables, Sam and Ada hosting, round 1 under way with six people:
    (event code, event id, (Sam, Ada, Bo, Cy) ids, (table 1, table 2) ids, where each person sits)."""
    code, eid = cafe_event(db, tables=2, anyone_can_post=anyone_can_post)
    # Six: with fewer, everyone would sit at one table (nobody sits in a pair).
    sam, ada, bo, cy, *_ = arrive(db, code, "Sam", "Ada", "Bo", "Cy", "Di", "Ed")
    with db.session_scope() as s:
        act = cafe.current_cafe(events.get_by_code(s, code))
        t1, t2 = cafe.tables(s, act)
        cafe.set_host(s, act, t1.id, sam)
        cafe.set_host(s, act, t2.id, ada)
        cafe.start_round(s, act)
        where = cafe.table_of_people(s, act)
        return code, eid, (sam, ada, bo, cy), (t1.id, t2.id), where
