"""One text each person keeps in an activity, shared with the group or kept private: a pledge, a goal.

Plain rules with nothing of the check-out circle in them, so that the goals
(and the core, which reads the check-out's tables) need not load the circle.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Participant
from facilitator.core.errors import DomainError
from facilitator.core.outbound import Changes
from facilitator.core.text import clean


def save_mine(
    s: Session, model: type, activity: Activity, person: Participant, text: str, shared: bool, *, limit: int, too_long: str, empty: str,
) -> tuple[Any, Changes]:
    """A person's one text in an activity (a pledge, a goal), shared or kept private; sending again replaces it.

    ``empty`` and ``too_long`` are the refusals, whole sentences marked with
    ``N_`` (``too_long`` has ``{limit}``), so each language words them.

    A private one changes nothing anybody else can see, so only its author's
    phone hears of it (and the screen and console when it stops being shared).
    """
    body = clean(text or "", multiline=True)
    if not body:
        raise DomainError(empty)
    if len(body) > limit:
        raise DomainError(too_long, limit=limit)
    row = s.scalar(select(model).where(model.activity_id == activity.id, model.participant_id == person.id))
    was_shared = bool(row and row.shared)
    if row is None:
        row = model(activity_id=activity.id, participant_id=person.id)
        s.add(row)
    row.text = body
    row.shared = bool(shared)
    s.flush()
    others = row.shared or was_shared
    return row, Changes(activity.event_id, screen=others, console=others, participants={person.id})
