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

from typing import Any

from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event
from facilitator.activities import circle, questions
# The link, apart so that the questions' console can say whether one was made (their names stay here too).
from facilitator.activities.consultation.clinician_link import SECRET_MAX, is_secret, link_made_at, link_path, rotate  # noqa: F401

CONSULTATION = "consultation"


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
    nxt = circle.next_up(seats, st["speaker"]) if st["phase"] != circle.DONE else None
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
