"""Events: created ahead or on the day, listed, reopened, locked, deleted."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable, NamedTuple

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session, contains_eager

from facilitator import i18n
from facilitator.i18n import N_
from facilitator.core.models import Activity, Event, Participant
from facilitator.core import agenda as agenda_mod, codes, group_agreement as confidentiality, other_languages
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.outbound import Changes
from facilitator.core.text import clean

TITLE_MAX = 200
TEXT_MAX = 4000
# Each of the facilitator's longer texts refused by name, a sentence each (for the catalogues).
TOO_LONG = {
    "purpose": N_("The purpose is too long: at most {limit} characters."),
    "welcome_text": N_("The welcome text is too long: at most {limit} characters."),
    "agreement_text": N_("The agreement text is too long: at most {limit} characters."),
}


@dataclass(frozen=True)
class EventDetails:
    """What a facilitator writes about an event."""

    title: str
    purpose: str = ""
    welcome_text: str = ""
    agreement_text: str = ""

    def cleaned(self) -> "EventDetails":
        title = clean(self.title)
        if not title:
            raise DomainError(N_("Give the event a title, so people know they are in the right place."))
        if len(title) > TITLE_MAX:
            raise DomainError(N_("The title is too long: at most {limit} characters."), limit=TITLE_MAX)
        fields = {}
        for name in ("purpose", "welcome_text", "agreement_text"):
            value = clean(getattr(self, name) or "", multiline=True)
            if len(value) > TEXT_MAX:
                raise DomainError(TOO_LONG[name], limit=TEXT_MAX)
            fields[name] = value
        return EventDetails(title=title, **fields)


def create_event(s: Session, details: EventDetails, *, agenda: list[dict] | None = None) -> Event:
    """A new event with a fresh code and its agenda (a welcome by default), at its first activity."""
    details = details.cleaned()
    event = Event(code=_unused_code(s), **details.__dict__)
    s.add(event)
    s.flush()
    confidentiality.current_version(s, event)
    for item in agenda or [{"kind": "welcome"}]:
        agenda_mod.add_activity(s, event, item["kind"], title=item.get("title"), config=item.get("config"))
    if event.activities:
        agenda_mod.go_to(s, event, event.activities[0].id)
    return event


def _unused_code(s: Session) -> str:
    while True:
        code = codes.new_code()
        if s.scalar(select(Event.id).where(Event.code == code)) is None:
            return code


NO_SUCH_EVENT = N_("No event has that code. Check the code on the big screen and try again.")

# Built once: every join and every phone's connect starts here, and a
# prebuilt statement skips building the query and its cache key each time.
_BY_CODE = select(Event).where(Event.code == bindparam("code"))
# The same, with the current activity and its settings (config, texts_in) in
# the same query: what a phone's snapshot reads next (agenda.current, the
# activity's public view), one statement instead of two when a phone connects.
_BY_CODE_WITH_CURRENT = (
    select(Event)
    .outerjoin(Event.current_activity)
    .options(contains_eager(Event.current_activity).undefer_group("settings"))
    .where(Event.code == bindparam("code"))
)


def get_by_code(s: Session, raw_code: str, *, with_current: bool = False) -> Event:
    """The event with this code; ``with_current``: its current activity loaded with it, settings and all."""
    code = codes.normalise(raw_code)
    event = s.scalar(_BY_CODE_WITH_CURRENT if with_current else _BY_CODE, {"code": code}) if code else None
    if event is None:
        raise NotFound(NO_SUCH_EVENT)
    return event


class EventToJoin(NamedTuple):
    """What joining and connecting read of an event, as a row: a join needs the first four,
    a connecting phone its current activity's id and kind (to build its own view)."""

    id: int
    code: str
    locked: bool
    agreement_text: str
    current_activity_id: int | None
    current_kind: str | None


_TO_JOIN = (
    select(Event.id, Event.code, Event.locked, Event.agreement_text, Event.current_activity_id, Activity.kind)
    .outerjoin(Activity, Activity.id == Event.current_activity_id)
    .where(Event.code == bindparam("code"))
)


def to_join(s: Session, raw_code: str) -> EventToJoin:
    """The event with this code, as :class:`EventToJoin` (refused as :func:`get_by_code` refuses)."""
    code = codes.normalise(raw_code)
    row = s.connection().execute(_TO_JOIN, {"code": code}).first() if code else None
    if row is None:
        raise NotFound(NO_SUCH_EVENT)
    return EventToJoin(*row)


def get_by_code_once(
    s: Session, raw_code: str, found: dict[str, "Event | EventToJoin | DomainError"], *, with_current: bool = False,
    read: Callable[[Session, str], "Event | EventToJoin"] | None = None,
) -> "Event | EventToJoin | DomainError":
    """:func:`get_by_code` (or ``read``) once per ``found`` (one group of requests): the event, or why there is none."""
    if raw_code not in found:
        try:
            found[raw_code] = read(s, raw_code) if read else get_by_code(s, raw_code, with_current=with_current)
        except DomainError as exc:
            found[raw_code] = exc
    return found[raw_code]


def list_events(s: Session) -> list[dict]:
    counts = dict(
        s.execute(
            select(Participant.event_id, func.count())
            .where(Participant.removed_at.is_(None))
            .group_by(Participant.event_id)
        ).all()
    )
    return [
        {
            "code": e.code,
            "display_code": codes.display(e.code),
            "title": e.title,
            "created_at": e.created_at.isoformat(),
            "locked": e.locked,
            "people": counts.get(e.id, 0),
        }
        for e in s.scalars(select(Event).order_by(Event.created_at.desc(), Event.id.desc()))
    ]


def edited(event: Event, **given: str | None) -> EventDetails:
    """The event's details with the given fields changed; a field given as None
    is left as it is, and an empty text clears it."""
    current = EventDetails(event.title, event.purpose, event.welcome_text, event.agreement_text)
    return replace(current, **{name: value for name, value in given.items() if value is not None})


def set_languages(event: Event, language: str, second: str | None) -> Changes:
    """The big screen's language, and a second one beside it (or None); the reports are in the first."""
    if i18n.known(language) is None or (second is not None and i18n.known(second) is None):
        raise DomainError(N_("Choose the big screen's languages from the list."), code="bad_request")
    event.language = language
    event.second_language = second if second != language else None
    return Changes(event.id, screen=True, console=True)


def update_event(s: Session, event: Event, details: EventDetails) -> tuple[Changes, list[int]]:
    """Change the event's details; returns the changes and the people who must
    accept the group agreement again because its text changed."""
    details = details.cleaned()
    confidentiality.check_agreement_text(event, details.agreement_text)
    agreement_changed = details.agreement_text != event.agreement_text
    changed = {name for name, value in details.__dict__.items() if getattr(event, name) != value}
    for name, value in details.__dict__.items():
        setattr(event, name, value)
    if changed and event.texts_in:
        event.texts_in = other_languages.without(event.texts_in, changed)
    # A new wording is kept beside the old ones: who accepted what stays on record.
    confidentiality.current_version(s, event)
    asked_again: list[int] = []
    if agreement_changed and details.agreement_text:
        people = s.scalars(
            select(Participant).where(
                Participant.event_id == event.id,
                Participant.removed_at.is_(None),
                Participant.without_phone.is_(False),
            )
        ).all()
        for person in people:
            person.agreed_at = None
            asked_again.append(person.id)
    return Changes.everything(event.id), asked_again


def set_locked(s: Session, event: Event, locked: bool) -> Changes:
    event.locked = bool(locked)
    return Changes(event.id, console=True, screen=True)


def set_retention(s: Session, event: Event, until: datetime | None) -> Changes:
    event.retain_until = until
    return Changes(event.id, console=True)


def delete_event(s: Session, event: Event) -> Changes:
    """Erase the event and everything in it (the database cascades); whoever is still connected is told it is gone."""
    event_id = event.id
    s.execute(delete(Event).where(Event.id == event_id))
    s.expunge(event)
    # The publisher finds no event and tells phones, screen and console it was deleted.
    return Changes(event_id, phones=True)
