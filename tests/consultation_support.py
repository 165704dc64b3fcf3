"""A group consultation made from its template, with questions of every kind and goals.

Every private item carries a marker that must never appear where it does not belong.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.core import agenda, events, participants
from facilitator.activities.goals import rules as goals
from facilitator.activities.questions import rules as questions
from facilitator.whole_event import templates
from facilitator.core.events import EventDetails
from facilitator.core.participants import Identity

PRIVATE_Q = "PRIVATE-QUESTION-Heron-11"
CLINICIAN_Q = "CLINICIAN-ONLY-QUESTION-Ibis-22"
SHARED_Q = "How do others manage their sugar levels at work?"
NAMED_Q = "What helps with tiredness in the afternoon?"
PRIVATE_GOAL = "PRIVATE-GOAL-Marten-33"
SHARED_GOAL = "Walk to the shops three times a week"


@dataclass
class Consult:
    code: str
    event_id: int
    people: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    activities: dict[str, int] = field(default_factory=dict)
    theme_id: int | None = None


def template_event(db, title="Diabetes group consultation", **details) -> tuple[str, int]:
    """An event made from the group consultation template, as the console makes it."""
    template = templates.get("group-consultation")
    with db.session_scope() as s:
        event = events.create_event(
            s, EventDetails(title, agreement_text=details.get("agreement_text") or template.agreement_text),
            agenda=template.agenda,
        )
        return event.code, event.id


def go(db, code, kind):
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        target = next(a for a in event.activities if a.kind == kind)
        return agenda.go_to(s, event, target.id)


def consultation_event(db, *, online=True) -> Consult:
    """Three people (two named, one anonymous) with private, clinician-only, shared and named questions,
    a theme (of a shared question) with a note, and one private and one shared goal."""
    code, eid = template_event(db)
    c = Consult(code, eid)
    with db.session_scope() as s:
        event = events.get_by_code(s, code)
        for key, identity in (("amara", Identity(name="Amara")), ("bao", Identity(name="Bao")), ("anon", Identity(anonymous=True))):
            joined = participants.join(s, event, identity, agreed=True)
            joined.participant.connections = 1 if online else 0
            c.people[key], c.tokens[key] = joined.participant_id, joined.token
        c.activities = {a.kind: a.id for a in event.activities}
        s.flush()
        p = {k: s.get(participants.Participant, v) for k, v in c.people.items()}
        questions.add(s, event, p["amara"], PRIVATE_Q, "private")
        questions.add(s, event, p["amara"], CLINICIAN_Q, "clinician")
        shared, _ = questions.add(s, event, p["bao"], SHARED_Q, "shared")
        questions.add(s, event, p["anon"], NAMED_Q, "shared", named=True)
        theme, _ = questions.add_theme(s, event, "Living with diabetes at work")
        questions.set_theme(s, event, shared.id, theme.id)
        questions.note_theme(s, event, theme.id, "Clinician to cover blood sugar monitoring at work.")
        c.theme_id = theme.id
        goals_act = next(a for a in event.activities if a.kind == "goals")
        goals.set_goal(s, goals_act, p["amara"], PRIVATE_GOAL, shared=False)
        goals.set_goal(s, goals_act, p["bao"], SHARED_GOAL, shared=True)
    return c
