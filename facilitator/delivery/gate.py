"""The door every inbound Socket.IO frame passes before it is decoded: floods stop here.

A script on one phone can write frames faster than any handler can answer
them. Decoding each one, starting a task for it and acknowledging it with
``rate_limited`` costs the server as much as doing the work: one phone
sending 200,000 frames in 5 s froze the room for half a minute and left
400 MB behind. So the count is kept before any of that: a frame over its
sender's allowance is dropped as it is read (a dictionary look-up and a
little arithmetic), never decoded, never answered; and a connection that
keeps sending far past its allowance is disconnected.

Our own phones never come near the allowance (their outbox sends one message
at a time and waits for its answer), so nobody real is dropped; if a phone
ever were, its outbox would hear no answer and send the message again later,
and its client id makes that safe.

Engine.IO hands every message to one handler on the connection's reading
task; :func:`install` wraps that handler (Flask-SocketIO keeps the
python-socketio server as ``socketio.server``; there is no earlier hook).
"""
from __future__ import annotations

from typing import Callable

from facilitator.delivery.auth import PARTICIPANT, Connections
from facilitator.delivery.limits import RateLimiter

ADMIT, DROP, CUT_OFF = "admit", "drop", "cut off"

# Socket.IO packet types 5 and 6 announce binary attachments. Our protocol is
# JSON text only; an attachment would be held in memory until its count is
# reached, so a binary frame is never from our client and is not accepted.
_BINARY_TYPES = ("5", "6")

# How often a reading task that keeps dropping frames lets the others run: a
# socket with data waiting never blocks, so under eventlet or gevent the task
# reading a flood would otherwise hold the loop until its sender stopped.
_YIELD_EVERY = 32


class FrameGate:
    """Which inbound frames are handled: a rule in plain Python, no sockets.

    ``messages`` is the allowance, keyed by who sends (a person, whatever
    number of connections they open; any other connection by itself).
    ``strikes`` counts frames dropped per connection: when a connection has
    no strikes left it is far over its allowance (more than twice its rate
    for a few seconds) and is cut off.
    """

    def __init__(self, messages: RateLimiter, strikes: RateLimiter):
        self.messages = messages
        self.strikes = strikes
        self._cut: set[str] = set()

    def decide(self, connection: str, sender: object, frame: str | bytes) -> str:
        if connection in self._cut:
            return DROP
        if isinstance(frame, bytes) or frame[:1] in _BINARY_TYPES:
            self._cut.add(connection)
            return CUT_OFF
        if self.messages.allow(sender):
            return ADMIT
        if self.strikes.allow(connection):
            return DROP
        self._cut.add(connection)
        return CUT_OFF

    def forget(self, connection: str) -> None:
        """The connection is gone: its strikes with it (a person's allowance stays theirs)."""
        self._cut.discard(connection)
        self.strikes.forget(connection)
        self.messages.forget(("connection", connection))


def sender_of(connections: Connections, sid: str | None, connection: str) -> object:
    """Whose allowance a frame spends: the person's, if a participant sent it."""
    actor = connections.get(sid) if sid else None
    if actor is not None and actor.role == PARTICIPANT and actor.participant_id is not None:
        return ("participant", actor.participant_id)
    return ("connection", connection)


def install(socketio, gate: FrameGate, connections: Connections) -> None:
    """Put ``gate`` in front of the Socket.IO server bound to ``socketio`` (call after ``init_app``)."""
    server = socketio.server
    eio = server.eio
    handle: Callable = eio.handlers["message"]
    gone: Callable = eio.handlers["disconnect"]
    refused = 0

    def on_message(eio_sid, data):
        nonlocal refused
        sid = server.manager.sid_from_eio_sid(eio_sid, "/")
        verdict = gate.decide(eio_sid, sender_of(connections, sid, eio_sid), data)
        if verdict == ADMIT:
            return handle(eio_sid, data)
        if verdict == CUT_OFF:
            # On its own task: closing waits for the connection's writer.
            socketio.start_background_task(eio.disconnect, eio_sid)
        refused += 1
        if refused % _YIELD_EVERY == 0:
            socketio.sleep(0)
        return None

    def on_disconnect(eio_sid, *args):
        try:
            return gone(eio_sid, *args)
        finally:
            gate.forget(eio_sid)

    eio.on("message", on_message)
    eio.on("disconnect", on_disconnect)
