"""Make events and people in a test's database with one line."""
from __future__ import annotations

from facilitator.domain import events, participants
from facilitator.domain.events import EventDetails
from facilitator.domain.participants import Identity


def make_event(db, title: str = "Health creation gathering", agenda=None, **details):
    with db.session_scope() as s:
        event = events.create_event(s, EventDetails(title=title, **details), agenda=agenda)
        return event.code, event.id


def make_participant(db, code: str, name: str | None = "Sam", **kw):
    """Returns (participant_id, token)."""
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        joined = participants.join(s, event, Identity(name=name, anonymous=name is None), agreed=kw.get("agreed", True))
        return joined.participant.id, joined.token


def phone(socket_clients, code: str, token: str):
    client = socket_clients({"role": "participant", "event": code, "token": token})
    assert client.is_connected(), "the phone could not connect"
    return client


def received(client, name: str) -> list:
    return [m["args"][0] if m["args"] else None for m in client.get_received() if m["name"] == name]
