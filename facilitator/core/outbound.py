"""What a domain change means for the people in the room.

Domain functions say *who* needs to hear about a change (the phones of an
event, its big screen, the console, one participant, one table); the realtime
layer turns that into Socket.IO rooms after the commit. The domain never
emits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class To:
    """An audience: every phone of an event, its screen, its console, a person, a table."""

    kind: str
    id: int
    sub: int | None = None

    @classmethod
    def phones(cls, event_id: int) -> "To":
        return cls("event", event_id)

    @classmethod
    def screen(cls, event_id: int) -> "To":
        return cls("screen", event_id)

    @classmethod
    def console(cls, event_id: int) -> "To":
        return cls("console", event_id)

    @classmethod
    def participant(cls, participant_id: int) -> "To":
        return cls("participant", participant_id)

    @classmethod
    def table(cls, event_id: int, table_id: int) -> "To":
        return cls("table", event_id, table_id)

    @classmethod
    def clinician(cls, event_id: int) -> "To":
        return cls("clinician", event_id)


@dataclass(frozen=True)
class Message:
    """A small delta for clients that already hold a snapshot (a new card, a vote count)."""

    name: str
    payload: dict[str, Any]
    to: tuple[To, ...]


@dataclass
class Changes:
    """Which views of one event a change makes stale, plus any deltas to send."""

    event_id: int
    phones: bool = False  # the public part of the current activity, on every phone
    screen: bool = False
    console: bool = False
    roster: bool = False  # who is here and who is connected (screen and console)
    # Someone joined, was added or removed, connected, disconnected or was
    # renamed. Not an audience: the publisher resends whichever views of the
    # current activity show who is here (ActivityKind.views_showing_people).
    people: bool = False
    participants: set[int] = field(default_factory=set)  # personal views to resend
    all_participants: bool = False  # every connected person's personal view
    clinician: bool = False  # the clinician's view (a console change refreshes it too)
    # Only the current activity's state changed: not the event's details, its
    # languages, nor its agenda. The phones' public patch then carries the
    # activity alone (a phone keeps what a patch leaves out): at a move of the
    # talking piece the event and the agenda were two thirds of what every
    # phone was sent, unchanged. Said only where it is sure; merged with any
    # change that does not say it, it no longer holds.
    activity_only: bool = False
    # Only these parts of the current activity changed (a café round's start,
    # pause or extension: ``{"round"}``). The screen, the console and the
    # people named are sent those parts alone, to merge one level into what
    # they hold (a patch's ``inside``), where the kind builds them
    # (``ActivityKind.view_parts``); else whole views, as ever. At 2,000
    # people the café's whole views carry a plan of 250 tables and the board.
    # Said only where it is sure; merged with a change that does not say it,
    # it no longer holds.
    parts: frozenset[str] | None = None
    messages: list[Message] = field(default_factory=list)

    @classmethod
    def everything(cls, event_id: int) -> "Changes":
        return cls(event_id, phones=True, screen=True, console=True, roster=True, all_participants=True)

    def send(self, name: str, payload: dict[str, Any], *to: To) -> "Changes":
        self.messages.append(Message(name, payload, tuple(to)))
        return self

    def merge(self, other: "Changes") -> "Changes":
        if other.event_id != self.event_id:
            raise ValueError("cannot merge changes of two events")
        self.phones |= other.phones
        self.screen |= other.screen
        self.console |= other.console
        self.roster |= other.roster
        self.people |= other.people
        self.participants |= other.participants
        self.all_participants |= other.all_participants
        self.clinician |= other.clinician
        self.activity_only = self.activity_only and other.activity_only
        self.parts = self.parts | other.parts if self.parts is not None and other.parts is not None else None
        self.messages.extend(other.messages)
        return self
