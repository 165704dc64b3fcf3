"""Socket.IO actions of the circles (check-in, check-out, the consultation
round): the talking piece. Thin: authorise, validate, call the kind's rules.

A participant acts only for themselves (their event and person come from
their token); the facilitator names the event and may act for the speaker.
A co-host (core/cohost.py) runs the talking piece like the facilitator,
in its own event only, but neither arranges, restarts nor skips.
"""
from __future__ import annotations

from facilitator.activities.circle import rules as circle
from facilitator.core.errors import NotAllowed
from facilitator.i18n import N_
from facilitator.delivery.auth import FACILITATOR, LEADS, PARTICIPANT, Actor
from facilitator.delivery.handling import action
from facilitator.delivery.lookup import me, running_circle
from facilitator.delivery.payloads import EVENT_CODE, Choice, Int, IntList, Schema, Text

PERSON = Int(1, 2**31)
TURN = Schema(event=Text(20), participant=PERSON)


def _for_self_only(actor: Actor, cmd) -> None:
    if actor.role == PARTICIPANT and (cmd.event is not None or cmd.participant is not None):
        raise NotAllowed(N_("You can only pass or finish your own turn."))


@action("circle.done", roles=(PARTICIPANT, *LEADS), schema=TURN)
def circle_done(s, actor: Actor, cmd):
    """The speaker is done; the piece moves on. The facilitator may say so for the speaker."""
    _for_self_only(actor, cmd)
    act = running_circle(s, actor, cmd)
    if actor.role in LEADS:
        return circle.finish_for_speaker(s, act, cmd.participant)
    return circle.finish(s, act, me(s, actor).id)


@action("circle.pass", roles=(PARTICIPANT, *LEADS), schema=TURN)
def circle_pass(s, actor: Actor, cmd):
    """The speaker passes: offered another turn after the others. The facilitator may pass for the speaker."""
    _for_self_only(actor, cmd)
    act = running_circle(s, actor, cmd)
    if actor.role in LEADS:
        return circle.pass_for_speaker(s, act, cmd.participant)
    return circle.pass_turn(s, act, me(s, actor).id)


@action("circle.volunteer", roles=PARTICIPANT, schema=Schema())
def circle_volunteer(s, actor: Actor, cmd):
    """'I'll go first': the round starts with this person."""
    return circle.volunteer(s, running_circle(s, actor, cmd), me(s, actor))


@action("circle.guardian", roles=PARTICIPANT, schema=Schema())
def circle_guardian(s, actor: Actor, cmd):
    """Ask for a pause; the big screen shows it and the facilitator resumes."""
    return circle.ask_for_pause(s, running_circle(s, actor, cmd), me(s, actor))


@action("circle.silence", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_silence(s, actor: Actor, cmd):
    """Begin the opening silence (its length is in the activity's settings)."""
    return circle.begin_silence(s, running_circle(s, actor, cmd))


@action("circle.start", roles=LEADS, schema=Schema(event=EVENT_CODE, participant=PERSON))
def circle_start(s, actor: Actor, cmd):
    """Start the round, with this person or the first in the order."""
    return circle.start(s, running_circle(s, actor, cmd), cmd.participant)


@action("circle.next", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_next(s, actor: Actor, cmd):
    """Move the piece on: the speaker's turn ends (or the round starts)."""
    return circle.move_on(s, running_circle(s, actor, cmd))


@action("circle.skip", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, participant=Int(1, 2**31, required=True)))
def circle_skip(s, actor: Actor, cmd):
    """Skip someone who has left."""
    return circle.skip(s, running_circle(s, actor, cmd), cmd.participant)


@action("circle.pause", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_pause(s, actor: Actor, cmd):
    """Pause the circle: the speaker's clock stops."""
    return circle.pause(s, running_circle(s, actor, cmd))


@action("circle.resume", roles=LEADS, schema=Schema(event=EVENT_CODE))
def circle_resume(s, actor: Actor, cmd):
    """Carry on after a pause."""
    return circle.resume(s, running_circle(s, actor, cmd))


@action("circle.add_time", roles=LEADS, schema=Schema(event=EVENT_CODE, seconds=Int(1, circle.MAX_ADD, required=True)))
def circle_add_time(s, actor: Actor, cmd):
    """Give the speaker more time."""
    return circle.add_time(s, running_circle(s, actor, cmd), cmd.seconds)


@action(
    "circle.arrange",
    roles=FACILITATOR,
    schema=Schema(event=EVENT_CODE, how=Choice("join", "shuffle", "arranged", required=True), order=IntList(500, 1)),
)
def circle_arrange(s, actor: Actor, cmd):
    """Reorder the people still waiting: join order, shuffled, or the given order."""
    return circle.arrange(s, running_circle(s, actor, cmd), cmd.how, cmd.order)


@action("circle.restart", roles=FACILITATOR, schema=Schema(event=EVENT_CODE))
def circle_restart(s, actor: Actor, cmd):
    """Begin the round again, everyone waiting."""
    return circle.restart(s, running_circle(s, actor, cmd))
