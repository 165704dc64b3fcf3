"""Who is asking: resolved once when a socket connects, checked on every message.

Socket.IO handlers do not see HTTP sessions or ``before_request``
(Flask-SocketIO keeps one request context per connection), so each
connection carries an :class:`Actor` of its own.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from facilitator.i18n import N_
from facilitator.core.errors import NotAllowed

FACILITATOR = "facilitator"
PARTICIPANT = "participant"
SCREEN = "screen"
CLINICIAN = "clinician"
# A co-facilitator's phone, opened with the co-host link (core/cohost.py):
# the talking piece, the timer and the café's rounds of one event, nothing more.
COHOST = "cohost"
# Who runs the talking piece, the timer and the café's rounds: the console, and a co-host's phone.
LEADS = (FACILITATOR, COHOST)

# The cookies the pages set and the socket connections read: a phone's token,
# the console's secret, the clinician's secret (web/ sets them, delivery/ reads them).
PARTICIPANT_COOKIE = "fc_p_{code}"
CONSOLE_COOKIE = "fc_console"
CLINICIAN_COOKIE = "fc_clin_{code}"


@dataclass
class Actor:
    role: str
    sid: str
    event_id: int | None = None  # fixed at connect for participants, screens and co-hosts
    # A co-host's event code, canonical: the console's actions it may send name
    # their event, and it must be this one. And the nonce of the link it opened
    # (core/cohost.py): once the link is withdrawn or replaced, it acts no more.
    event_code: str | None = None
    link_nonce: str | None = None
    participant_id: int | None = None
    # Console connections follow one event at a time.
    watching_event_id: int | None = None
    # A participant who has not yet accepted the event's group agreement: they
    # are in no event room and may only accept it (or change their name).
    gated: bool = False
    # The language a participant chose (facilitator/i18n.py): their refusals are in it.
    language: str | None = None
    # Rooms an activity puts this phone in as well, at most one of each kind
    # (its café table: {"table": room}). Kept here so moving a phone to another
    # table touches its old room only, not every table's.
    extra_rooms: dict[str, str] = field(default_factory=dict)
    # For the console's list of the big screens showing an event: when and
    # from where each connected, so a screen nobody in the room opened stands out.
    connected_at: str | None = None
    address: str | None = None


class Connections:
    """The live connections of this process, by Socket.IO session id.

    Also by role and by person: asked for "the consoles", "this event's
    co-hosts" or "this person's phones" with a card, a publish or a phone
    connecting, a scan of every connection was a cost that grew with the room
    (and, for everyone accepting a new group agreement at once, with its
    square). An actor's role, person and event are fixed when it connects.
    """

    def __init__(self):
        self._by_sid: dict[str, Actor] = {}
        self._by_role: dict[str, dict[str, Actor]] = {}
        self._by_person: dict[int, dict[str, Actor]] = {}
        self._events: dict[str, Counter[int]] = {}  # by role: how many connections of each event
        self._lock = threading.Lock()

    def add(self, actor: Actor) -> None:
        with self._lock:
            self._forget(self._by_sid.get(actor.sid))
            self._by_sid[actor.sid] = actor
            self._by_role.setdefault(actor.role, {})[actor.sid] = actor
            if actor.participant_id is not None:
                self._by_person.setdefault(actor.participant_id, {})[actor.sid] = actor
            if actor.event_id is not None:
                self._events.setdefault(actor.role, Counter())[actor.event_id] += 1

    def pop(self, sid: str) -> Actor | None:
        with self._lock:
            actor = self._by_sid.pop(sid, None)
            self._forget(actor)
            return actor

    def _forget(self, actor: Actor | None) -> None:
        """Out of the indexes (under the lock)."""
        if actor is None:
            return
        if actor.event_id is not None:
            counts = self._events[actor.role]
            counts[actor.event_id] -= 1
            if counts[actor.event_id] <= 0:
                del counts[actor.event_id]
        for index, key in ((self._by_role, actor.role), (self._by_person, actor.participant_id)):
            of_key = index.get(key)
            if of_key is not None and of_key.get(actor.sid) is actor:
                del of_key[actor.sid]
                if not of_key:
                    del index[key]

    def get(self, sid: str) -> Actor | None:
        return self._by_sid.get(sid)

    def sids_of_participant(self, participant_id: int) -> list[str]:
        with self._lock:
            return list(self._by_person.get(participant_id, ()))

    def actors(self) -> list[Actor]:
        """Every live connection, as a list taken under the lock."""
        with self._lock:
            return list(self._by_sid.values())

    def of_role(self, role: str) -> list[Actor]:
        """The live connections of one role."""
        with self._lock:
            return list(self._by_role.get(role, {}).values())

    def sids_with_role(self, role: str) -> list[str]:
        with self._lock:
            return list(self._by_role.get(role, ()))

    def events_of(self, *roles: str) -> set[int]:
        """The events that connections of these roles belong to."""
        with self._lock:
            return {event_id for role in roles for event_id in self._events.get(role, ())}

    def of_event(self, role: str, event_id: int) -> list[Actor]:
        """The live connections of one role that belong to an event (its screens, its clinician views)."""
        with self._lock:
            return [a for a in self._by_role.get(role, {}).values() if a.event_id == event_id]


def require(actor: Actor | None, *roles: str) -> Actor:
    if actor is None:
        raise NotAllowed(N_("You are not connected to an event. Reload the page to join again."))
    if actor.role not in roles:
        if actor.role == PARTICIPANT:
            raise NotAllowed(N_("Only the facilitator can do that."))
        if actor.role == COHOST:
            raise NotAllowed(N_("A co-host can run the talking piece, the timer and the café's rounds; the rest is the lead facilitator's console."))
        raise NotAllowed(N_("This screen cannot do that."))
    return actor
