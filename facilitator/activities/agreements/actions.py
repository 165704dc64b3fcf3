"""Socket.IO actions of the working agreements: anyone proposes, the facilitator decides."""
from __future__ import annotations

from facilitator.activities.agreements import rules as agreements
from facilitator.delivery.auth import FACILITATOR, PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import event_of, me
from facilitator.delivery.payloads import CLIENT_ID, EVENT_CODE, Int, Schema, Text

AGREEMENT = Int(1, 2**31, required=True)


@action("agreements.propose", roles=PARTICIPANT, schema=Schema(text=Text(1000, required=True, min_len=1), cid=CLIENT_ID), limited=True)
def agreements_propose(s, actor: Actor, cmd):
    """Propose a working agreement for the group."""
    row, changes = agreements.propose(s, event_of(s, actor, cmd), me(s, actor), cmd.text)
    return Reply({"id": row.id}, [changes])


@action("agreements.add", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, text=Text(1000, required=True, min_len=1)))
def agreements_add(s, actor: Actor, cmd):
    """Write an agreement the group has already agreed (accepted at once)."""
    row, changes = agreements.add(s, event_of(s, actor, cmd), cmd.text)
    return Reply({"id": row.id}, [changes])


@action("agreements.accept", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT, text=Text(1000)))
def agreements_accept(s, actor: Actor, cmd):
    """Accept a proposal, optionally reworded."""
    return agreements.accept(s, event_of(s, actor, cmd), cmd.agreement, cmd.text)


@action("agreements.merge", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT, into=AGREEMENT))
def agreements_merge(s, actor: Actor, cmd):
    """Merge a proposal into another that says the same."""
    return agreements.merge(s, event_of(s, actor, cmd), cmd.agreement, cmd.into)


@action("agreements.set_aside", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT))
def agreements_set_aside(s, actor: Actor, cmd):
    """Set a proposal aside."""
    return agreements.set_aside(s, event_of(s, actor, cmd), cmd.agreement)


@action("agreements.reopen", roles=FACILITATOR, schema=Schema(event=EVENT_CODE, agreement=AGREEMENT))
def agreements_reopen(s, actor: Actor, cmd):
    """Put a decided proposal back among the open ones."""
    return agreements.reopen(s, event_of(s, actor, cmd), cmd.agreement)
