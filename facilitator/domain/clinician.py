"""The clinician's view of a group consultation: a second secret link.

The clinician opens ``/e/<CODE>/clinician#key=<secret>`` on a laptop or a
tablet and sees the themed questions (shared and clinician-only, anonymous
unless shared-and-named) and the consultation queue (who is speaking, who is
next), and nothing else: no roster, cards, pledges or goals, and no actions.
The secret is per event and the facilitator can replace it from the console.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Activity, ClinicianKey, Event
from . import circle, questions
from .outbound import Changes

CONSULTATION = "consultation"


def secret_of(s: Session, event: Event) -> str | None:
    key = s.scalar(select(ClinicianKey).where(ClinicianKey.event_id == event.id))
    return key.secret if key else None


def rotate(s: Session, event: Event) -> tuple[str, Changes]:
    """A new clinician secret for this event; the old link stops working."""
    key = s.scalar(select(ClinicianKey).where(ClinicianKey.event_id == event.id))
    if key is None:
        key = ClinicianKey(event_id=event.id, secret="")
        s.add(key)
    key.secret = secrets.token_urlsafe(24)
    s.flush()
    return key.secret, Changes(event.id, console=True)


def is_secret(s: Session, event: Event, candidate: Any) -> bool:
    expected = secret_of(s, event)
    if not expected or not isinstance(candidate, str) or not candidate:
        return False
    return hmac.compare_digest(expected.encode(), candidate.encode())


def link_path(s: Session, event: Event) -> str | None:
    """The clinician link's path with its secret in the fragment (console only), or None before one is made."""
    secret = secret_of(s, event)
    return f"/e/{event.code}/clinician#key={secret}" if secret else None


def _round(event: Event) -> Activity | None:
    """The consultation round to show: the running one, else the first on the agenda."""
    current = next((a for a in event.activities if a.id == event.current_activity_id), None)
    if current is not None and current.kind == CONSULTATION:
        return current
    return next((a for a in event.activities if a.kind == CONSULTATION), None)


def queue(s: Session, activity: Activity | None) -> dict[str, Any] | None:
    """Who is speaking, who is next, and the order still to come (names as people chose them)."""
    if activity is None:
        return None
    st = circle.state_of(activity)
    seats = circle.lineup(s, activity)
    speaker = next((x for x in seats if x.person.id == st["speaker"]), None)
    waiting = [x for x in sorted(seats, key=lambda x: (x.position, x.person.id)) if x.status in circle.OPEN and x.person.id != st["speaker"]]
    nxt = circle._next_up(seats, st["speaker"]) if st["phase"] != circle.DONE else None
    return {
        "id": activity.id,
        "title": activity.title,
        "running": activity.id == activity.event.current_activity_id,
        "phase": st["phase"],
        "paused": st["paused"],
        "speaker": {"id": speaker.person.id, "label": speaker.person.label} if speaker else None,
        "turn_started_at": st["turn_started_at"] if speaker else None,
        "turn_ends_at": st["turn_ends_at"] if speaker else None,
        "paused_at": st["paused_at"],
        "next": {"id": nxt.person.id, "label": nxt.person.label} if nxt else None,
        "waiting": [{"id": x.person.id, "label": x.person.label} for x in waiting],
        "seen": sum(1 for x in seats if x.status == circle.SPOKEN),
    }


def snapshot(s: Session, event: Event) -> dict[str, Any]:
    """Everything the clinician's view holds, and nothing more."""
    return {
        "event": {"code": event.code, "title": event.title},
        "questions": questions.clinician_view(s, event.id),
        "consultation": queue(s, _round(event)),
    }
