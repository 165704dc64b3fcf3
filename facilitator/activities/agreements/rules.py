"""Working agreements: how this group wants to be together.

Anyone may propose one from their phone; the facilitator accepts it (perhaps
reworded), merges it into another proposal, or sets it aside. Accepted
agreements stay on the big screen during later activities
(:func:`screen_panel`) and are part of the event's record
(:func:`accepted_agreements`). Who proposed what is never shown to others.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, Participant, utcnow
from facilitator.activities.agreements.models import Agreement
from facilitator.core import agenda
from facilitator.core.kinds import ActivityKind, clean_prompt
from facilitator.i18n import N_
from facilitator.core.errors import Conflict, DomainError, NotFound
from facilitator.i18n import N_
from facilitator.core.outbound import Changes
from facilitator.core.text import clean

TEXT_MAX = 200
MAX_PER_PERSON = 20

PROPOSED = "proposed"
ACCEPTED = "accepted"
MERGED = "merged"
SET_ASIDE = "set_aside"


def _text(value: str) -> str:
    text = clean(value or "")
    if not text:
        raise DomainError(N_("Write the agreement you would like the group to keep."))
    if len(text) > TEXT_MAX:
        raise DomainError(N_("An agreement can be at most {limit} characters; a shorter one, please."), limit=TEXT_MAX)
    return text


def _everyone(event_id: int, *people: int | None) -> Changes:
    return Changes(event_id, phones=True, screen=True, console=True, participants={p for p in people if p})


def _running(event: Event) -> Activity:
    act = agenda.current(event)
    if act is None or act.kind != "agreements":
        raise DomainError(N_("Agreements are proposed while the working agreements activity is running."))
    return act


def propose(s: Session, event: Event, person: Participant, text: str) -> tuple[Agreement, Changes]:
    """A person proposes an agreement."""
    _running(event)
    text = _text(text)
    mine = list(s.scalars(select(Agreement.id).where(Agreement.participant_id == person.id)))
    if len(mine) >= MAX_PER_PERSON:
        raise DomainError(N_("You have proposed {count} agreements; talk with the group about the rest."), count=MAX_PER_PERSON)
    row = Agreement(event_id=event.id, participant_id=person.id, text=text)
    s.add(row)
    s.flush()
    return row, _everyone(event.id, person.id)


def add(s: Session, event: Event, text: str) -> tuple[Agreement, Changes]:
    """The facilitator writes an agreement the group has already agreed."""
    row = Agreement(event_id=event.id, text=_text(text), status=ACCEPTED, decided_at=utcnow())
    s.add(row)
    s.flush()
    return row, _everyone(event.id)


def _get(s: Session, event: Event, agreement_id: int) -> Agreement:
    row = s.get(Agreement, agreement_id)
    if row is None or row.event_id != event.id:
        raise NotFound(N_("That agreement is not in this event; it may have been removed."))
    return row


def accept(s: Session, event: Event, agreement_id: int, text: str | None = None) -> Changes:
    """Accept a proposal, optionally in the group's own rewording."""
    row = _get(s, event, agreement_id)
    if text is not None and clean(text):
        row.text = _text(text)
    row.status = ACCEPTED
    row.merged_into_id = None
    row.decided_at = utcnow()
    return _everyone(event.id, row.participant_id)


def merge(s: Session, event: Event, agreement_id: int, into_id: int) -> Changes:
    """Fold a proposal into another one that says the same thing."""
    row = _get(s, event, agreement_id)
    target = _get(s, event, into_id)
    if row.id == target.id:
        raise DomainError(N_("An agreement cannot be merged into itself."))
    if target.status in (MERGED, SET_ASIDE):
        raise Conflict(N_("Merge into a proposal that is still open or accepted."))
    row.status = MERGED
    row.merged_into_id = target.id
    row.decided_at = utcnow()
    for other in s.scalars(select(Agreement).where(Agreement.merged_into_id == row.id)):
        other.merged_into_id = target.id
    return _everyone(event.id, row.participant_id)


def set_aside(s: Session, event: Event, agreement_id: int) -> Changes:
    row = _get(s, event, agreement_id)
    row.status = SET_ASIDE
    row.merged_into_id = None
    row.decided_at = utcnow()
    return _everyone(event.id, row.participant_id)


def reopen(s: Session, event: Event, agreement_id: int) -> Changes:
    """Put a decided proposal back among the open ones."""
    row = _get(s, event, agreement_id)
    row.status = PROPOSED
    row.merged_into_id = None
    row.decided_at = None
    return _everyone(event.id, row.participant_id)


def erase_for(s: Session, person: Participant) -> int:
    """Take out what this person proposed, but not what the group made of it.

    An agreement the group accepted from their proposal is the group's now:
    it stays, no longer linked to them (as if the facilitator had written it),
    and what was merged into it stays merged. Their other proposals are
    deleted; anyone else's proposal that had been merged into one of those is
    open again, so nobody else's words vanish with theirs. Returns how many
    of their proposals were deleted.
    """
    rows = list(s.scalars(select(Agreement).where(Agreement.participant_id == person.id)))
    going = {row.id: row for row in rows if row.status != ACCEPTED}
    for row in rows:
        if row.status == ACCEPTED:
            row.participant_id = None
    if going:
        for other in s.scalars(select(Agreement).where(Agreement.merged_into_id.in_(list(going)))):
            if other.id not in going:
                other.status = PROPOSED
                other.merged_into_id = None
                other.decided_at = None
        for row in going.values():
            s.delete(row)
    s.flush()
    return len(going)


def _rows(s: Session, event: Event, *statuses: str) -> list[Agreement]:
    return list(
        s.scalars(
            select(Agreement)
            .where(Agreement.event_id == event.id, Agreement.status.in_(statuses))
            .order_by(Agreement.decided_at, Agreement.id)
        )
    )


def accepted_agreements(s: Session, event: Event) -> list[dict[str, Any]]:
    """The group's agreements, in the order they were accepted (for the event's record)."""
    return [
        {"id": a.id, "text": a.text, "accepted_at": a.decided_at.isoformat() if a.decided_at else None}
        for a in _rows(s, event, ACCEPTED)
    ]


def screen_panel(s: Session, event: Event) -> list[dict[str, Any]]:
    """"Our agreements" as any activity's screen view may show them: ``[{id, text}]``."""
    return [{"id": a["id"], "text": a["text"]} for a in accepted_agreements(s, event)]


def _proposals(s: Session, event: Event) -> list[Agreement]:
    return list(
        s.scalars(select(Agreement).where(Agreement.event_id == event.id).order_by(Agreement.id))
    )


class WorkingAgreements(ActivityKind):
    name = "agreements"
    label = N_("Working agreements")
    description = "People propose how they want to be together; the facilitator accepts, merges or sets aside."
    has_personal_view = True

    def on_erase(self, s: Session, person: Participant) -> None:
        erase_for(s, person)

    def default_config(self) -> dict[str, Any]:
        return {"prompt": N_("What do we need from each other to speak and listen well?")}

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().validate_config(config)
        cleaned["prompt"] = clean_prompt(cleaned.get("prompt"), self.default_config()["prompt"])
        return cleaned

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        rows = _proposals(s, activity.event)
        return {
            "prompt": activity.config.get("prompt") or "",
            "accepted": [{"id": a["id"], "text": a["text"]} for a in accepted_agreements(s, activity.event)],
            # Open proposals, without who made them.
            "proposed": [{"id": r.id, "text": r.text} for r in rows if r.status == PROPOSED],
        }

    def participant_views(self, s, activity, participants):
        participants = list(participants)
        ids = [p.id for p in participants]
        mine: dict[int, list[dict]] = {pid: [] for pid in ids}
        if ids:
            for r in s.scalars(
                select(Agreement)
                .where(Agreement.event_id == activity.event_id, Agreement.participant_id.in_(ids))
                .order_by(Agreement.id)
            ):
                mine[r.participant_id].append({"id": r.id, "text": r.text, "status": r.status})
        return {pid: {"proposals": rows} for pid, rows in mine.items()}


    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = self.public_view(s, activity)
        view["agreements"] = view["accepted"]
        return view

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = self.screen_view(s, activity)
        view["all"] = [
            {"id": r.id, "text": r.text, "status": r.status, "merged_into": r.merged_into_id,
             "from_facilitator": r.participant_id is None}
            for r in _proposals(s, activity.event)
        ]
        return view
