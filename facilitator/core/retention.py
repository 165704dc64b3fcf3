"""How long an event is kept: a retention date after which it is erased.

A date typed by the facilitator means "keep it through that day" (UTC): the
event is purged from the start of the following day.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Event, utcnow
from facilitator.core.events import delete_event
from facilitator.core.errors import DomainError
from facilitator.i18n import N_
from facilitator.core.outbound import Changes


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise DomainError(N_("Give the date as YYYY-MM-DD, for example 2030-12-31 (not {given})."), given=repr(str(text)[:20])) from None


def purge_moment(day: date) -> datetime:
    """The first moment after the kept day."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=timezone.utc)


def kept_through(event: Event) -> date | None:
    """The last day an event is kept, or None when it is kept until deleted by hand."""
    if event.retain_until is None:
        return None
    moment = event.retain_until if event.retain_until.tzinfo else event.retain_until.replace(tzinfo=timezone.utc)
    return (moment - timedelta(microseconds=1)).date()


def set_retention(s: Session, event: Event, day: date | None, *, now: datetime | None = None) -> Changes:
    """Keep the event through ``day`` and then erase it; ``None`` keeps it until deleted by hand."""
    if day is None:
        event.retain_until = None
        return Changes(event.id, console=True)
    moment = purge_moment(day)
    if moment <= (now or utcnow()):
        raise DomainError(N_("That day has already passed. Choose a later date, or delete the event now."))
    event.retain_until = moment
    return Changes(event.id, console=True)


def expired(s: Session, now: datetime | None = None) -> list[Event]:
    now = now or utcnow()
    return list(
        s.scalars(select(Event).where(Event.retain_until.is_not(None), Event.retain_until <= now).order_by(Event.id))
    )


def purge_expired(s: Session, now: datetime | None = None) -> tuple[list[str], list[Changes]]:
    """Erase every event whose retention date has passed; returns their codes."""
    codes, changes = [], []
    for event in expired(s, now):
        codes.append(event.code)
        changes.append(delete_event(s, event))
    return codes, changes
