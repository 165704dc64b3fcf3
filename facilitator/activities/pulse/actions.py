"""Socket.IO action of the 3Cs pulse: an anonymous answer, once, in a circle."""
from __future__ import annotations

from facilitator.activities.pulse import rules as pulse
from facilitator.delivery.auth import PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import me, running_circle
from facilitator.delivery.payloads import CLIENT_ID, Int, Schema

RATING = Int(1, 5)


@action(
    "pulse.answer",
    roles=PARTICIPANT,
    schema=Schema(control=RATING, contact=RATING, confidence=RATING, cid=CLIENT_ID),
    limited=True,
)
def pulse_answer(s, actor: Actor, cmd):
    """Rate Control, Contact and Confidence (1-5), anonymously, once."""
    person = me(s, actor)
    _, changes = pulse.answer(
        s, running_circle(s, actor, cmd), person, {"control": cmd.control, "contact": cmd.contact, "confidence": cmd.confidence}
    )
    # The reply says only that an answer is on record, never what it was.
    return Reply({"answered": True}, [changes])
