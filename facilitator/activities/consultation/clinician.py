"""The clinician's view of a group consultation: a second secret link.

The clinician opens ``/e/<CODE>/clinician#key=<secret>`` on a laptop or a
tablet and sees the themed questions (shared and clinician-only, anonymous
unless shared-and-named) and the consultation queue (who is speaking, who is
next), and nothing else: no roster, cards, pledges or goals, and no actions.
The secret is per event and the facilitator can replace it from the console.
Only its hash is stored (like a phone's token): a copied database or an
archive opens no clinician view, and the console can show a link only when
it has just made it; afterwards it says one was made and offers a new one.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, utcnow
from facilitator.activities.consultation.models import ClinicianKey
from facilitator.activities.circle import rules as circle
from facilitator.activities.questions import rules as questions
from facilitator.core.outbound import Changes
from facilitator.core.participants import hash_token

CONSULTATION = "consultation"
SECRET_MAX = 200


def _key(s: Session, event: Event) -> ClinicianKey | None:
    return s.scalar(select(ClinicianKey).where(ClinicianKey.event_id == event.id))


def rotate(s: Session, event: Event) -> tuple[str, Changes]:
    """A new clinician secret for this event, returned this once; the old link stops working."""
    key = _key(s, event)
    if key is None:
        key = ClinicianKey(event_id=event.id, secret_hash="")
        s.add(key)
    secret = secrets.token_urlsafe(24)
    key.secret_hash = hash_token(secret)
    key.created_at = utcnow()
    s.flush()
    return secret, Changes(event.id, console=True)


def is_secret(s: Session, event: Event, candidate: Any) -> bool:
    key = _key(s, event)
    if key is None or not key.secret_hash or not isinstance(candidate, str) or not candidate or len(candidate) > SECRET_MAX:
        return False
    return hmac.compare_digest(key.secret_hash.encode(), hash_token(candidate).encode())


def link_path(event: Event, secret: str) -> str:
    """The clinician link's path, its secret in the fragment (never sent to the server in a URL)."""
    return f"/e/{event.code}/clinician#key={secret}"


def link_made_at(s: Session, event: Event) -> str | None:
    """When the current clinician link was made, or None before one is: the console cannot show the link itself."""
    key = _key(s, event)
    return key.created_at.isoformat() if key is not None else None


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
