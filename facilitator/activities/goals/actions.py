"""Socket.IO action of the goals: each person's one goal, private unless shared."""
from __future__ import annotations

from facilitator.activities.goals import rules as goals
from facilitator.core import agenda
from facilitator.delivery.auth import PARTICIPANT, Actor
from facilitator.delivery.handling import Reply, action
from facilitator.delivery.lookup import me
from facilitator.delivery.payloads import CLIENT_ID, Bool, Schema, Text


@action(
    "goal.set",
    roles=PARTICIPANT,
    schema=Schema(text=Text(goals.GOAL_MAX * 2, required=True, min_len=1), shared=Bool(), cid=CLIENT_ID),
    limited=True,
)
def goal_set(s, actor: Actor, cmd):
    """Your one personal goal, private unless you share it; sending again replaces it."""
    person = me(s, actor)
    row, changes = goals.set_goal(s, agenda.current(person.event), person, cmd.text, cmd.shared)
    return Reply({"id": row.id}, [changes])
