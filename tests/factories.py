"""Make events and people in a test's database with one line."""
from __future__ import annotations

from facilitator.core import events, participants
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity


def make_event(db, title: str = "Health creation gathering", agenda=None, **details):
    with db.session_scope() as s:
        event = events.create_event(s, EventDetails(title=title, **details), agenda=agenda)
        return event.code, event.id


def make_participant(db, code: str, name: str | None = "Sam", **kw):
    """Returns (participant_id, token)."""
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        joined = participants.join(s, event, Identity(name=name, anonymous=name is None), agreed=kw.get("agreed", True))
        return joined.participant_id, joined.token


def phone(socket_clients, code: str, token: str):
    client = socket_clients({"role": "participant", "event": code, "token": token})
    assert client.is_connected(), "the phone could not connect"
    return client


def received(client, name: str) -> list:
    return [m["args"][0] if m["args"] else None for m in client.get_received() if m["name"] == name]


def ack(client, name: str, payload=None):
    """Send an action from a Socket.IO test client and return its acknowledgement."""
    return client.emit(name, payload or {}, callback=True)


class FrozenClock:
    """Time that moves only when the test says: refills of a rate limit are not left to luck."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def frozen_posting_limit(services) -> FrozenClock:
    """Swap the posting limit for the same one on a clock the test moves; returns the clock."""
    from facilitator.delivery.limits import RateLimiter

    clock = FrozenClock()
    old = services.post_limiter
    services.post_limiter = RateLimiter(rate=old.rate, burst=old.burst, message=old.message, clock=clock)
    return clock


def connect_error(client, auth: dict, monkeypatch) -> dict:
    """What the server refuses a connection with (``{"message", "code"}``): the test client keeps no
    connect_error, so this watches the packets the server sends on a second try with ``auth``."""
    from socketio import packet

    from facilitator.delivery import socketio

    sent = []
    deliver = socketio.server._send_packet
    with monkeypatch.context() as m:
        m.setattr(socketio.server, "_send_packet", lambda sid, pkt: (sent.append(pkt), deliver(sid, pkt)))
        client.connect(auth=auth)
    refusals = [p.data for p in sent if p.packet_type == packet.CONNECT_ERROR]
    assert refusals, sent
    return refusals[0]["data"] if "data" in refusals[0] else refusals[0]


def counting_statements(db):
    """Every SQL statement the app sends from now on (on its main and presence engines), collapsed
    to one line; returns ``(statements, stop)``: call ``stop()`` to stop counting."""
    from sqlalchemy import event as sa_event

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    engines = {db.engine, getattr(db, "presence_engine", None) or db.engine}
    for engine in engines:
        sa_event.listen(engine, "before_cursor_execute", count)

    def stop():
        for engine in engines:
            sa_event.remove(engine, "before_cursor_execute", count)

    return seen, stop
