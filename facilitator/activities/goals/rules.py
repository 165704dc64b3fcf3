"""The check-out with goals: reflection round, then one personal goal each.

The talking piece goes round once more (a circle, like the check-out); each
person also records one personal goal, private by default. A private goal is
only ever shown to its author (their phone and their own summary); a shared
goal is shown on the big screen without a name.
"""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Participant
from facilitator.activities.goals.models import Goal
from facilitator.activities.checkout import save_mine
from facilitator.activities.circle import CircleKind, personal_views
from facilitator.i18n import N_
from facilitator.core.errors import DomainError
from facilitator.i18n import N_
from facilitator.core.kinds import rows_of
from facilitator.core.outbound import Changes

GOAL_MAX = 500


def set_goal(s: Session, activity: Activity | None, person: Participant, text: str, shared: bool = False) -> tuple[Goal, Changes]:
    """This person's one goal; sending again replaces it."""
    if activity is None or activity.kind != "goals":
        raise DomainError(N_("Goals are set during the check-out."))
    return save_mine(s, Goal, activity, person, text, shared, limit=GOAL_MAX,
                     too_long=N_("A goal can be at most {limit} characters."),
                     empty=N_("Write one thing you will do, or leave it for now."))


def shared_goals(s: Session, activity_ids: Iterable[int]) -> list[str]:
    """Goals their authors chose to share, without names."""
    ids = list(activity_ids)
    if not ids:
        return []
    rows = s.execute(
        select(Goal.text)
        .join(Participant, Participant.id == Goal.participant_id)
        .where(Goal.activity_id.in_(ids), Goal.shared.is_(True), Participant.removed_at.is_(None))
        .order_by(Goal.id)
    )
    return [text for (text,) in rows]


def goals_of(s: Session, person: Participant) -> list[dict[str, Any]]:
    """A person's own goals in their event (private ones included: they are theirs)."""
    rows = s.scalars(
        select(Goal).join(Activity, Activity.id == Goal.activity_id)
        .where(Goal.participant_id == person.id, Activity.event_id == person.event_id)
        .order_by(Goal.id)
    )
    return [{"text": g.text, "shared": g.shared} for g in rows]


def counts(s: Session, event_id: int) -> dict[str, int]:
    rows = s.execute(
        select(Goal.shared).join(Activity, Activity.id == Goal.activity_id).where(Activity.event_id == event_id)
    ).all()
    return {"goals": len(rows), "shared_goals": sum(1 for (shared,) in rows if shared)}


def erase_for(s: Session, person: Participant) -> int:
    rows = list(s.scalars(select(Goal).where(Goal.participant_id == person.id)))
    for row in rows:
        s.delete(row)
    return len(rows)


class Goals(CircleKind):
    name = "goals"
    label = N_("Check-out with goals")
    description = "Reflection: the talking piece goes round once more, and each person sets one personal goal (private unless shared)."
    default_prompt = N_("What will you take away today?")

    def held_contributions(self, s: Session, activity: Activity) -> int:
        return super().held_contributions(s, activity) + rows_of(s, activity, Goal)

    def participant_views(self, s, activity, participants):
        participants = list(participants)
        out = personal_views(s, activity, participants)
        ids = [p.id for p in participants]
        mine = {
            g.participant_id: g
            for g in s.scalars(select(Goal).where(Goal.activity_id == activity.id, Goal.participant_id.in_(ids)))
        } if ids else {}
        for p in participants:
            goal = mine.get(p.id)
            out[p.id]["goal"] = {"text": goal.text, "shared": goal.shared} if goal else None
        return out


    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = super().public_view(s, activity)
        view["goal_max"] = GOAL_MAX
        return view

    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = super().screen_view(s, activity)
        view["shared_goals"] = shared_goals(s, [activity.id])
        return view

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = super().console_view(s, activity)
        view["goal_counts"] = counts(s, activity.event_id)
        return view
