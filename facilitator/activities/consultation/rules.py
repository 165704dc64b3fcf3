"""The consultation round: each person in turn has their time with the clinician.

It is a circle (``facilitator.activities.circle.rules``): the same queue of turns, the
same pass, skip, pause and time box the facilitator keeps. One rule is
added: anyone may **ask to be seen last**. They move to the end of the queue
without it counting as a pass (they are still offered their time), and the
clinician's view shows the new order at once.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Participant, utcnow
from facilitator.activities import circle, goals, questions
from facilitator.activities.circle import CircleKind, personal_views
from facilitator.activities.consultation import clinician
from facilitator.core import codes
from facilitator.i18n import N_
from facilitator.core.errors import Conflict, DomainError, NotFound
from facilitator.core.outbound import Changes


def _round(activity: Activity | None) -> Activity:
    if activity is None or activity.kind != "consultation":
        raise DomainError(N_("There is no consultation round running just now."))
    return activity


def see_me_last(s: Session, activity: Activity | None, person: Participant) -> Changes:
    """Move this person to the end of the queue; not a pass.

    If they hold the piece, it moves on to the next person and they wait at
    the end; if they are waiting, they wait at the end.
    """
    activity = _round(activity)
    st = circle.state_of(activity)
    if st["phase"] == circle.DONE:
        raise Conflict(N_("The round is over; everyone has had their time."))
    turns = circle.sync_turns(s, activity)
    turn = next((t for t in turns if t.participant_id == person.id), None)
    if turn is None or turn.status not in (*circle.OPEN, circle.SPEAKING):
        raise NotFound(N_("You have had your time in this round already."))
    others = [t for t in turns if t.status in circle.OPEN and t.participant_id != person.id]
    if not others:
        raise Conflict(N_("Everyone else has been seen: it is your time now, or you may pass."))
    was_speaking = turn.status == circle.SPEAKING
    turn.position = max(t.position for t in turns) + 1
    touched = {person.id}
    if was_speaking:
        turn.status = circle.WAITING
        touched |= circle.advance(s, activity, turns, utcnow())
    last = [pid for pid in (activity.state or {}).get("seen_last", []) if pid != person.id] + [person.id]
    activity.state = {**circle.state_of(activity), "seen_last": last}
    s.flush()
    return Changes(activity.event_id, phones=True, screen=True, console=True, participants=touched)


def _with_last(activity: Activity, view: dict[str, Any]) -> dict[str, Any]:
    last = set((activity.state or {}).get("seen_last", []))
    if "queue" in view:
        view["queue"] = [{**q, "seen_last": q["id"] in last} for q in view["queue"]]
    return view


class Consultation(CircleKind):
    name = "consultation"
    label = N_("Consultation round")
    description = "The clinician talks with each person in turn while the others listen; anyone may pass or ask to be seen last."
    default_prompt = N_("Your time with the clinician: the others listen and learn.")

    def default_config(self) -> dict[str, Any]:
        return {**super().default_config(), "turn_seconds": 300}

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = super().public_view(s, activity)
        view["questions"] = questions.shared_view(s, activity.event_id)
        return view

    def participant_views(self, s, activity, participants):
        participants = list(participants)
        out = personal_views(s, activity, participants)
        last = set((activity.state or {}).get("seen_last", []))
        # Each person's own questions, to hand when their time comes.
        own = questions.mine(s, activity.event_id, [p.id for p in participants])
        for p in participants:
            out[p.id]["seen_last"] = p.id in last
            out[p.id]["questions"] = own.get(p.id, [])
        return out


    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return _with_last(activity, super().screen_view(s, activity))

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = _with_last(activity, super().console_view(s, activity))
        view["board"] = questions.facilitator_view(s, activity.event_id)
        view["clinician_link_made_at"] = clinician.link_made_at(s, activity.event)
        return view


def my_summary(s: Session, person: Participant) -> dict[str, Any]:
    """One person's take-home page: their own questions and goals, and the shared themes.

    Only this person's own private items, never anyone else's.
    """
    event = person.event
    return {
        "event": {"title": event.title, "display_code": codes.display(event.code), "created_at": event.created_at},
        "me": {"label": person.label},
        "questions": questions.mine(s, event.id, [person.id])[person.id],
        "goals": goals.goals_of(s, person),
        "shared": questions.shared_view(s, event.id),
        "visibility_words": questions.VISIBILITY_WORDS,
    }


def session_summary(s: Session, event) -> dict[str, Any]:
    """The organiser's record of a group consultation, for every export.

    Themes with the facilitator's notes and the **shared** questions under
    them (no names), shared goals (no names) and anonymous counts. Private
    and clinician-only questions and private goals never appear; neither
    does any health measurement (none is ever asked for).
    """
    kinds = {a.kind for a in event.activities}
    shared = questions.grouped(s, event.id, [questions.SHARED], notes=True)
    goal_activities = [a.id for a in event.activities if a.kind == "goals"]
    return {
        "present": bool(kinds & {"questions", "consultation", "goals"}),
        "themes": [
            {"name": t["name"], "note": t["note"], "questions": [q["text"] for q in t["questions"]]}
            for t in shared["themes"]
        ],
        "unthemed": [q["text"] for q in shared["unthemed"]],
        "shared_goals": goals.shared_goals(s, goal_activities),
        "counts": {**questions.counts(s, event.id), **goals.counts(s, event.id)},
    }
