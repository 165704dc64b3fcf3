"""Socket.IO actions of the circle kinds: the talking piece, agreements,
check-out words and pledges, and the 3Cs pulse. Thin: authorise, validate,
call the domain.

A participant acts only for themselves (their event and person come from
their token); the facilitator names the event and may act for the speaker.
A co-host (core/cohost.py) runs the talking piece like the facilitator,
in its own event only, but neither arranges, restarts nor skips.
"""
from __future__ import annotations

from facilitator.core import agenda, events, participants
from facilitator.activities.agreements import rules as agreements
from facilitator.activities.checkout import rules as checkout
from facilitator.activities.circle import rules as circle
from facilitator.activities.pulse import rules as pulse
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.core.kinds import is_circle
from facilitator.core.models import Activity, Event, Participant
from facilitator.delivery.auth import COHOST, FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.payloads import (
    CLIENT_ID, PayloadError, EVENT_CODE, Bool, Choice, Int, IntList, Schema, Text
)

PERSON = Int(1, 2**31)
RATING = Int(1, 5)


def _me(s, actor: Actor) -> Participant:
    return participants.still_in_event(s, actor.participant_id)


# Who runs the talking piece: the console, and a co-host's phone.
LEADS = (FACILITATOR, COHOST)


def _event(s, actor: Actor, cmd) -> Event:
    if actor.role in LEADS:
        if not cmd.event:
            raise PayloadError("'event' is required.")
        return events.get_by_code(s, cmd.event)
    return s.get(Event, actor.event_id)


def _activity(s, actor: Actor, cmd) -> Activity | None:
    return agenda.current(_event(s, actor, cmd))


def _circle(s, actor: Actor, cmd) -> Activity:
    act = _activity(s, actor, cmd)
    if act is None or not is_circle(act.kind):
        raise DomainError("There is no circle running just now.")
    return act


def _for_self_only(actor: Actor, cmd) -> None:
    if actor.role == PARTICIPANT and (cmd.event is not None or cmd.participant is not None):
        raise NotAllowed("You can only pass or finish your own turn.")


# --- the talking piece ------------------------------------------------------------

TURN = Schema(event=Text(20), participant=PERSON)


@action("circle.done", roles=(PARTICIPANT, *LEADS), schema=TURN)
def circle_done(s, actor: Actor, cmd):
    """The speaker is done; the piece moves on. The facilitator may say so for the speaker."""
    _for_self_only(actor, cmd)
    act = _circle(s, actor, cmd)
    if actor.role in LEADS:
        return circle.finish_for_speaker(s, act, cmd.participant)
    return circle.finish(s, act, _me(s, actor).id)


@action("circle.pass", roles=(PARTICIPANT, *LEADS), schema=TURN)
def circle_pass(s, actor: Actor, cmd):
    """The speaker passes: offered another turn after the others. The facilitator may pass for the speaker."""
    _for_self_only(actor, cmd)
    act = _circle(s, actor, cmd)
    if actor.role in LEADS:
        return circle.pass_for_speaker(s, act, cmd.participant)
    return circle.pass_turn(s, act, _me(s, actor).id)


@action("circle.volunteer", roles=PARTICIPANT, schema=Schema())
def circle_volunteer(s, actor: Actor, cmd):
    """'I'll go first': the round starts with this person."""
    return circle.volunteer(s, _circle(s, actor, cmd), _me(s, actor))


@action("circle.guardian", roles=PARTICIPANT, schema=Schema())
def circle_guardian(s, actor: Actor, cmd):
    """Ask for a pause; the big screen shows it and the facilitator resumes."""
    return circle.ask_for_pause(s, _circle(s, actor, cmd), _me(s, actor))


@action("circle.silence", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_silence(s, actor: Actor, cmd):
    """Begin the opening silence (its length is in the activity's settings)."""
    return circle.begin_silence(s, _circle(s, actor, cmd))


@action("circle.start", roles=LEADS, schema=Schema(event=EVENT_CODE, participant=PERSON))
def circle_start(s, actor: Actor, cmd):
    """Start the round, with this person or the first in the order."""
    return circle.start(s, _circle(s, actor, cmd), cmd.participant)


@action("circle.next", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_next(s, actor: Actor, cmd):
    """Move the piece on: the speaker's turn ends (or the round starts)."""
    return circle.move_on(s, _circle(s, actor, cmd))


@action("circle.skip", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, participant=Int(1, 2**31, required=True)))
def circle_skip(s, actor: Actor, cmd):
    """Skip someone who has left."""
    return circle.skip(s, _circle(s, actor, cmd), cmd.participant)


@action("circle.pause", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_pause(s, actor: Actor, cmd):
    """Pause the circle: the speaker's clock stops."""
    return circle.pause(s, _circle(s, actor, cmd))


@action("circle.resume", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_resume(s, actor: Actor, cmd):
    """Carry on after a pause."""
    return circle.resume(s, _circle(s, actor, cmd))


@action("circle.add_time", roles=LEADS, schema=Schema(event=EVENT_CODE, seconds=Int(1, circle.MAX_ADD, required=True)))
def circle_add_time(s, actor: Actor, cmd):
    """Give the speaker more time."""
    return circle.add_time(s, _circle(s, actor, cmd), cmd.seconds)


@action(
    "circle.arrange",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, how=Choice("join", "shuffle", "arranged", required=True), order=IntList(500, 1)),
)
def circle_arrange(s, actor: Actor, cmd):
    """Reorder the people still waiting: join order, shuffled, or the given order."""
    return circle.arrange(s, _circle(s, actor, cmd), cmd.how, cmd.order)


@action("circle.restart", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def circle_restart(s, actor: Actor, cmd):
    """Begin the round again, everyone waiting."""
    return circle.restart(s, _circle(s, actor, cmd))


# --- the 3Cs pulse ------------------------------------------------------------------


@action(
    "pulse.answer",
    roles=PARTICIPANT,
    schema=Schema(control=RATING, contact=RATING, confidence=RATING, cid=CLIENT_ID),
    limited=True,
)
def pulse_answer(s, actor: Actor, cmd):
    """Rate Control, Contact and Confidence (1-5), anonymously, once."""
    person = _me(s, actor)
    _, changes = pulse.answer(
        s, _circle(s, actor, cmd), person, {"control": cmd.control, "contact": cmd.contact, "confidence": cmd.confidence}
    )
    # The reply says only that an answer is on record, never what it was.
    return Reply({"answered": True}, [changes])


# --- check-out closings -----------------------------------------------------------


@action("checkout.word", roles=PARTICIPANT, schema=Schema(text=Text(200, required=True, min_len=1), cid=CLIENT_ID), limited=True)
def checkout_word(s, actor: Actor, cmd):
    """Your one word (or short phrase) for the word cloud; sending again replaces it."""
    row, changes = checkout.send_word(s, _activity(s, actor, cmd), _me(s, actor), cmd.text)
    return Reply({"id": row.id}, [changes])


@action(
    "checkout.pledge",
    roles=PARTICIPANT,
    schema=Schema(text=Text(2000, required=True, min_len=1), shared=Bool(), cid=CLIENT_ID),
    limited=True,
)
def checkout_pledge(s, actor: Actor, cmd):
    """What you will do or offer next, shared with the group or kept private."""
    row, changes = checkout.send_pledge(s, _activity(s, actor, cmd), _me(s, actor), cmd.text, cmd.shared)
    return Reply({"id": row.id}, [changes])


# --- working agreements -------------------------------------------------------------

AGREEMENT = Int(1, 2**31, required=True)


@action("agreements.propose", roles=PARTICIPANT, schema=Schema(text=Text(1000, required=True, min_len=1), cid=CLIENT_ID), limited=True)
def agreements_propose(s, actor: Actor, cmd):
    """Propose a working agreement for the group."""
    row, changes = agreements.propose(s, _event(s, actor, cmd), _me(s, actor), cmd.text)
    return Reply({"id": row.id}, [changes])


@action("agreements.add", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, text=Text(1000, required=True, min_len=1)))
def agreements_add(s, actor: Actor, cmd):
    """Write an agreement the group has already agreed (accepted at once)."""
    row, changes = agreements.add(s, _event(s, actor, cmd), cmd.text)
    return Reply({"id": row.id}, [changes])


@action("agreements.accept", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT, text=Text(1000)))
def agreements_accept(s, actor: Actor, cmd):
    """Accept a proposal, optionally reworded."""
    return agreements.accept(s, _event(s, actor, cmd), cmd.agreement, cmd.text)


@action("agreements.merge", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT, into=AGREEMENT))
def agreements_merge(s, actor: Actor, cmd):
    """Merge a proposal into another that says the same."""
    return agreements.merge(s, _event(s, actor, cmd), cmd.agreement, cmd.into)


@action("agreements.set_aside", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT))
def agreements_set_aside(s, actor: Actor, cmd):
    """Set a proposal aside."""
    return agreements.set_aside(s, _event(s, actor, cmd), cmd.agreement)


@action("agreements.reopen", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT))
def agreements_reopen(s, actor: Actor, cmd):
    """Put a decided proposal back among the open ones."""
    return agreements.reopen(s, _event(s, actor, cmd), cmd.agreement)
