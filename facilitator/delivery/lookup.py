"""What an action acts on, found the same way by every kind's actions: the person
asking, the event named or their own, the activity running now."""
from __future__ import annotations

from facilitator.core import agenda, events, participants
from facilitator.core.errors import DomainError
from facilitator.i18n import N_
from facilitator.core.kinds import is_circle
from facilitator.core.models import Activity, Event, Participant
from facilitator.delivery.auth import LEADS, Actor
from facilitator.delivery.payloads import PayloadError


def me(s, actor: Actor) -> Participant:
    """The person behind a phone, still in their event (``person.event`` costs no query)."""
    return participants.still_in_event(s, actor.participant_id)


def named_event(s, cmd) -> Event:
    """The event a console's action names by its code."""
    return events.get_by_code(s, cmd.event)


def event_of(s, actor: Actor, cmd) -> Event:
    """The console and a co-host name the event; a phone acts in its own."""
    if actor.role in LEADS:
        if not cmd.event:
            raise PayloadError(N_("'{name}' is required."), name="event")
        return named_event(s, cmd)
    return s.get(Event, actor.event_id)


def running_circle(s, actor: Actor, cmd) -> Activity:
    """The circle the agenda is on now (a check-in, a check-out, a consultation round)."""
    act = agenda.current(event_of(s, actor, cmd))
    if act is None or not is_circle(act.kind):
        raise DomainError(N_("There is no circle running just now."))
    return act
