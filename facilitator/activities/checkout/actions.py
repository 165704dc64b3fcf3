"""Socket.IO actions of the check-out: one word for the cloud, a pledge."""
from __future__ import annotations

from facilitator.activities.checkout import rules as checkout
from facilitator.core import agenda
from facilitator.delivery.auth import PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import event_of, me
from facilitator.delivery.payloads import CLIENT_ID, Bool, Schema, Text


@action("checkout.word", roles=PARTICIPANT, schema=Schema(text=Text(200, required=True, min_len=1), cid=CLIENT_ID), limited=True)
def checkout_word(s, actor: Actor, cmd):
    """Your one word (or short phrase) for the word cloud; sending again replaces it."""
    row, changes = checkout.send_word(s, agenda.current(event_of(s, actor, cmd)), me(s, actor), cmd.text)
    return Reply({"id": row.id}, [changes])


@action(
    "checkout.pledge",
    roles=PARTICIPANT,
    schema=Schema(text=Text(2000, required=True, min_len=1), shared=Bool(), cid=CLIENT_ID),
    limited=True,
)
def checkout_pledge(s, actor: Actor, cmd):
    """What you will do or offer next, shared with the group or kept private."""
    row, changes = checkout.send_pledge(s, agenda.current(event_of(s, actor, cmd)), me(s, actor), cmd.text, cmd.shared)
    return Reply({"id": row.id}, [changes])
