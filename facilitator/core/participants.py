"""People in an event: joining, coming back, renaming, being removed, being online."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Text, bindparam, case, cast, func, insert, select, update
from sqlalchemy.orm import Session, contains_eager

from facilitator.core.models import Activity, Event, Participant, utcnow
from facilitator.core import group_agreement as confidentiality
from facilitator.core.errors import DomainError, NotAllowed, NotFound
from facilitator.core.kinds import load_kinds
from facilitator import i18n
from facilitator.i18n import N_
from facilitator.core.outbound import Changes, To
from facilitator.core.rows import ByIds, DriverStatement, settled_json
from facilitator.core.text import clean

if TYPE_CHECKING:
    from facilitator.core.events import EventToJoin

NAME_MAX = 60
PRONOUNS_MAX = 30


# Built once: every phone action starts here (a card burst is 250 a second),
# and a prebuilt statement skips building the query and its cache key.
_IN_EVENT = (
    select(Participant)
    .join(Participant.event)
    .outerjoin(Event.current_activity)
    .options(contains_eager(Participant.event).contains_eager(Event.current_activity))
)
_STILL_IN_EVENT = ByIds(_IN_EVENT.where, Participant.id)


def still_in_event(s: Session, participant_id: int) -> Participant:
    """The person behind a phone's connection, still in their event.

    Their event and its current activity come in the same query, so
    ``person.event`` and ``agenda.current(event)`` read nothing more: every
    card and every vote starts here, and a card burst is 250 a second.
    """
    person = still_in_event_many(s, [participant_id]).get(participant_id)
    if person is None:
        raise NotAllowed(N_("You are no longer in this event."))
    return person


def still_in_event_many(s: Session, participant_ids: list[int]) -> dict[int, Participant]:
    """:func:`still_in_event` for several people in one query; those no longer in their event are left out."""
    people = s.scalars(*_STILL_IN_EVENT.of(participant_ids)).unique()
    return {p.id: p for p in people if p.removed_at is None}


_PEOPLE_TABLE = Participant.__table__.c


class CurrentActivity(NamedTuple):
    """An event's current activity as a row: what posting to it reads (its settings included).

    ``state`` and ``config`` are shared between readers (core/rows.py ``settled_json``): never changed.
    """

    id: int
    kind: str
    state: dict
    config: dict


class Poster(NamedTuple):
    """Someone still in their event, as a row, with the activity they post to (None: none is current)."""

    id: int
    event_id: int
    activity: CurrentActivity | None


# Core, on the connection: a select of ORM attributes run by the session still went through
# the ORM's loading machinery.
_ACTIVITIES, _EVENTS = Activity.__table__.c, Event.__table__.c
_POSTER_COLUMNS = (
    # The activity's state and settings as text: decoded once while they stay the same (core/rows.py).
    select(_PEOPLE_TABLE.id, _PEOPLE_TABLE.event_id, _ACTIVITIES.id, _ACTIVITIES.kind,
           cast(_ACTIVITIES.state, Text), cast(_ACTIVITIES.config, Text))
    .join_from(Participant.__table__, Event.__table__, _EVENTS.id == _PEOPLE_TABLE.event_id)
    .outerjoin(Activity.__table__, _ACTIVITIES.id == _EVENTS.current_activity_id)
    .where(_PEOPLE_TABLE.removed_at.is_(None))
)
_POSTERS = ByIds(_POSTER_COLUMNS.where, _PEOPLE_TABLE.id)  # most groups are one card: one author


def posters(s: Session, participant_ids: list[int]) -> dict[int, Poster]:
    """:func:`still_in_event_many` as rows, for an action that only reads who posts and where:
    a card burst is 250 a second, and the three ORM objects of each poster (person, event,
    activity) were the largest of a card's own costs (bench/unit_costs.py)."""
    out: dict[int, Poster] = {}
    rows = _POSTERS.rows(s, participant_ids)
    for pid, event_id, activity_id, kind, state, config in rows:
        current = CurrentActivity(activity_id, kind, settled_json(state) or {}, settled_json(config) or {}) if activity_id is not None else None
        out[pid] = Poster(pid, event_id, current)
    return out


class RosterRow(NamedTuple):
    """What the roster shows of a person, read as a row (or taken from a :class:`Participant`)."""

    id: int
    name: str | None
    pronouns: str | None
    connections: int
    without_phone: bool
    joined_at: datetime
    agreed_at: datetime | None

    @classmethod
    def of(cls, p: Participant) -> "RosterRow":
        return cls(p.id, p.name, p.pronouns, p.connections, p.without_phone, p.joined_at, p.agreed_at)


def roster_entry(p: Participant | RosterRow) -> dict:
    r = p if isinstance(p, RosterRow) else RosterRow.of(p)
    return {
        "id": r.id,
        "label": r.name if r.name is not None else "Anonymous",
        "anonymous": r.name is None,
        "pronouns": r.pronouns,
        "online": r.connections > 0,
        "without_phone": r.without_phone,
        "joined_at": r.joined_at.isoformat(),
        "agreed_at": r.agreed_at.isoformat() if r.agreed_at else None,
    }


def screen_roster_entry(p: Participant | RosterRow) -> dict:
    """One person as the big screen shows them: the name they chose and whether they are here.

    The screen is in every photo of the room: no pronouns, no times. The id
    only keys later changes; nothing on the screen ties it to what anyone wrote.
    """
    return {"id": p.id, "label": p.name if p.name is not None else "Anonymous", "anonymous": p.name is None,
            "online": p.connections > 0}


def _roster_delta(p: Participant, changes: Changes | None = None, *, arrived: bool = False) -> Changes:
    """Tell the screen and the console about one person, not the whole roster again,
    and whoever else shows who is here (``Changes.people``). ``arrived``: the
    person is new here (the screen counts them; it holds only the latest arrivals)."""
    changes = changes or Changes(p.event_id)
    if p.removed_at is not None:
        changes.people = True
        return changes.send("roster.gone", {"id": p.id}, To.screen(p.event_id), To.console(p.event_id))
    return _present_delta(p.event_id, RosterRow.of(p), changes, arrived=arrived)


def _present_delta(event_id: int, r: RosterRow, changes: Changes | None = None, *, arrived: bool = False) -> Changes:
    """:func:`_roster_delta` for someone in the event, given as a row."""
    changes = changes or Changes(event_id)
    changes.people = True
    on_screen = screen_roster_entry(r)
    if arrived:
        on_screen["arrived"] = True
    changes.send("roster.person", on_screen, To.screen(event_id))
    return changes.send("roster.person", roster_entry(r), To.console(event_id))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()



class Someone(NamedTuple):
    """A person as a view needs them: read, never changed.

    A plain row, not a :class:`Participant`, for views that read everyone: a
    move of the talking piece reads the whole event, and 2,000 ORM objects were
    most of a move's cost (a tuple, since even a frozen dataclass's
    ``__init__`` cost a fifth of it). Built from ``SOMEONE_COLUMNS``.
    """

    id: int
    name: str | None
    without_phone: bool
    removed_at: datetime | None
    connections: int

    # Read as a Participant's are (the same properties, so the words are in one place).
    online = Participant.online
    label = Participant.label


SOMEONE_COLUMNS = (Participant.id, Participant.name, Participant.without_phone, Participant.removed_at, Participant.connections)


@dataclass(frozen=True)
class Identity:
    """How a person wants to be known: any name in any script, or none."""

    name: str | None = None
    pronouns: str | None = None
    anonymous: bool = False

    def cleaned(self) -> "Identity":
        if self.anonymous:
            return Identity(None, None, True)
        name = clean(self.name or "")
        pronouns = clean(self.pronouns or "") or None
        if not name:
            raise DomainError(N_("Type the name you would like to be known by, or choose to join anonymously."))
        if len(name) > NAME_MAX:
            raise DomainError(N_("That name is longer than {limit} characters; a shorter one, please."), limit=NAME_MAX)
        if pronouns and len(pronouns) > PRONOUNS_MAX:
            raise DomainError(N_("Pronouns can be at most {limit} characters."), limit=PRONOUNS_MAX)
        return Identity(name, pronouns, False)


@dataclass(frozen=True)
class Joined:
    participant_id: int
    token: str  # given to the phone once; only its hash is stored
    changes: Changes
    session: Session

    @property
    def participant(self) -> Participant:
        """The person as an ORM object, read when asked for, in the joining session (the join itself never needs it)."""
        if not self.session.in_transaction():
            raise RuntimeError("Joined.participant is read in the session that joined them; after it, use participant_id.")
        return self.session.get(Participant, self.participant_id)


# Built once, and a row, not an ORM object: a join storm is 100 of these a
# second, and the unit of work's flush cost a third of the join page's time.
# Every column is given (none left to a default): the driver runs it as it is.
_JOINED_COLUMNS = ("event_id", "token_hash", "name", "pronouns", "language", "without_phone", "joined_at",
                   "agreed_at", "removed_at", "connections", "last_seen_at")
_JOIN = DriverStatement(insert(Participant.__table__).returning(Participant.__table__.c.id), _JOINED_COLUMNS)


def join(s: Session, event: "Event | EventToJoin", identity: Identity, *, agreed: bool = False,
         language: str | None = None) -> Joined:
    """A new person in the event (``event``: its ``id``, ``locked`` and ``agreement_text`` are read)."""
    if event.locked:
        raise NotAllowed(N_("This event is not taking new people just now. Please ask the facilitator."))
    identity = identity.cleaned()
    if event.agreement_text and not agreed:
        raise DomainError(N_("Please read the group agreement and accept it to join."))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    agreed_at = now if agreed else None
    [(person_id,)] = _JOIN.rows(s, {
        "event_id": event.id, "token_hash": hash_token(token), "name": identity.name, "pronouns": identity.pronouns,
        "language": i18n.known(language), "without_phone": False, "joined_at": now, "agreed_at": agreed_at,
        "removed_at": None, "connections": 0, "last_seen_at": None,
    })
    person = RosterRow(person_id, identity.name, identity.pronouns, 0, False, now, agreed_at)
    if agreed:
        confidentiality.record_acceptance(s, event, person)
    return Joined(person_id, token, _present_delta(event.id, person, arrived=True), s)


def add_without_phone(s: Session, event: Event, name: str) -> tuple[Participant, Changes]:
    """Someone without a phone, added by the facilitator so they count and can be given turns."""
    identity = Identity(name=name).cleaned()
    person = Participant(
        event_id=event.id,
        token_hash=hash_token(secrets.token_urlsafe(32)),  # nobody holds this token
        name=identity.name,
        without_phone=True,
        agreed_at=utcnow(),
    )
    s.add(person)
    s.flush()
    return person, _roster_delta(person, Changes(event.id, all_participants=True), arrived=True)


def resume(s: Session, event: Event, token: str | None) -> Participant:
    """The person a phone's token belongs to, in this event."""
    if not token or not isinstance(token, str) or len(token) > 200:
        raise NotFound(N_("This phone has not joined the event yet."))
    person = s.scalar(select(Participant).where(Participant.token_hash == hash_token(token)))
    if person is None or person.event_id != event.id:
        raise NotFound(N_("This phone has not joined the event yet."))
    if person.removed_at is not None:
        raise NotAllowed(N_("The facilitator has taken you off this event. Please speak to them if this is a mistake."))
    return person


class PersonRow(NamedTuple):
    """A person as a row, read to be shown: what their own view, their rooms and the roster
    read of them. A join storm is 100 connects a second, and a round change sends 2,000
    people their own views: building an ORM object for each cost more than the statement."""

    id: int
    event_id: int
    name: str | None
    pronouns: str | None
    language: str | None
    without_phone: bool
    joined_at: datetime
    agreed_at: datetime | None
    removed_at: datetime | None
    connections: int
    last_seen_at: datetime | None

    # Read as a Participant's are (the same properties, so the words are in one place).
    anonymous = Participant.anonymous
    online = Participant.online
    label = Participant.label


# A phone connecting: the person its token belongs to, in this event and not
# taken off it, counted connected, in one statement (it was a read of the
# person, then the unit of work's UPDATE at the next flush). The count is
# added to in SQL, so two processes connecting the same person at once both
# count (a read, then a write of the sum, could lose one).
_PEOPLE = Participant.__table__.c
_CONNECT = DriverStatement(
    update(Participant.__table__)
    .where(
        _PEOPLE.token_hash == bindparam("hashed"),
        _PEOPLE.event_id == bindparam("event"),
        _PEOPLE.removed_at.is_(None),
    )
    .values(connections=_PEOPLE.connections + 1, last_seen_at=bindparam("seen_at"))
    .returning(*(getattr(_PEOPLE, field) for field in PersonRow._fields)),
    ("hashed", "event", "seen_at"),
)
PERSON_COLUMNS = tuple(getattr(Participant, field) for field in PersonRow._fields)


def resume_connected(s: Session, event: Event, token: str | None) -> tuple[PersonRow, Changes]:
    """:func:`resume` and :func:`connected` together: the person a connecting phone's token
    belongs to, now counted connected, and what to tell the screen and the console.
    Refused as :func:`resume` refuses, and then nobody is counted."""
    if token and isinstance(token, str) and len(token) <= 200:
        rows = _CONNECT.rows(s, {"hashed": hash_token(token), "event": event.id, "seen_at": utcnow()})
        if rows:
            person = PersonRow._make(rows[0])
            return person, _roster_delta(person)
    resume(s, event, token)  # why not: not joined, another event's, or taken off this one
    raise NotFound(N_("This phone has not joined the event yet."))  # pragma: no cover - resume has refused


def rename(s: Session, person: Participant, identity: Identity) -> Changes:
    identity = identity.cleaned()
    person.name = identity.name
    person.pronouns = identity.pronouns
    return _roster_delta(person, Changes(person.event_id, participants={person.id}))


def update_identity(
    s: Session, person: Participant, *, name: str | None = None, pronouns: str | None = None, anonymous: bool | None = None
) -> Changes:
    """Change only what is given: a field given as None is left as it is.

    Empty pronouns clear them; a name cannot be emptied (become anonymous
    instead). ``anonymous=True`` drops both; giving a name ends being anonymous.
    """
    if anonymous:
        return rename(s, person, Identity(anonymous=True))
    if name is None and pronouns is None and anonymous is None:
        return Changes(person.event_id)
    return rename(
        s,
        person,
        Identity(person.name if name is None else name, person.pronouns if pronouns is None else pronouns),
    )


def set_language(s: Session, person: Participant, language: str) -> None:
    """The language this person's phone is in from now on (one we ship)."""
    if not i18n.known(language):
        raise DomainError(N_("That language is not one this server has."))
    person.language = language


def must_accept_agreement(event: Event, person: Participant) -> bool:
    """True while the event has a group agreement this person has not accepted:
    until then they see nothing of the event and can do nothing but accept."""
    return bool(event.agreement_text) and person.agreed_at is None and not person.without_phone


def open_to(event: Event, persons: Iterable[Participant]) -> list[Participant]:
    """Those of ``persons`` who see the event: all of them when it has no group agreement
    (the event's agreement read once, not once a person: a round change asks it of 2,000)."""
    if not event.agreement_text:
        return list(persons)
    return [p for p in persons if not must_accept_agreement(event, p)]


def accept_agreement(s: Session, person: Participant) -> Changes:
    """This person accepts the group agreement as it is worded now; the record keeps who and when."""
    if person.agreed_at is None:
        person.agreed_at = utcnow()
        confidentiality.record_acceptance(s, person.event, person)
    return _roster_delta(person, Changes(person.event_id, console=True, participants={person.id}))


def get_in_event(s: Session, event: Event, participant_id: int) -> Participant:
    person = s.get(Participant, participant_id) if isinstance(participant_id, int) else None
    if person is None or person.event_id != event.id:
        raise NotFound(N_("That person is not in this event."))
    return person


def remove(s: Session, event: Event, participant_id: int, *, erase: bool = False) -> Changes:
    """Take someone off the event; with ``erase`` everything they posted goes too.

    Removed only, they can be let back in (:func:`let_back_in`) with all they
    posted; erased, they are gone for good: their row and their posts are deleted."""
    person = get_in_event(s, event, participant_id)
    person.removed_at = utcnow()
    person.connections = 0
    changes = _roster_delta(person, Changes.everything(event.id))
    if erase:
        # Deleting them would cascade to what the group made its own (agreements accepted from their proposals).
        for kind in load_kinds().values():
            kind.on_erase(s, person)
        s.delete(person)
    return changes


def let_back_in(s: Session, event: Event, participant_id: int) -> Changes:
    """Undo a removal: the person is in the event again as before, with everything they posted.

    Their phone's token opens the event again (it was never changed), so
    their phone comes back in as them when the page is reloaded.
    """
    person = get_in_event(s, event, participant_id)
    if person.removed_at is None:
        raise DomainError(N_("That person is in the event already."))
    person.removed_at = None
    return _roster_delta(person, Changes.everything(event.id))


def removed(s: Session, event: Event) -> list[dict]:
    """The people taken off this event (not erased), for the console: any of them may be let back in."""
    rows = s.scalars(
        select(Participant)
        .where(Participant.event_id == event.id, Participant.removed_at.is_not(None))
        .order_by(Participant.removed_at, Participant.id)
    )
    return [{**roster_entry(p), "removed_at": p.removed_at.isoformat()} for p in rows]


def connected(s: Session, person: Participant) -> Changes:
    person.connections += 1
    person.last_seen_at = utcnow()
    return _roster_delta(person)


# A phone's connection ended: one fewer counted, in one statement (as _CONNECT),
# never below none. When the Wi-Fi drops, every phone of the room ends at once:
# read as an ORM object and written back by the unit of work's flush, each cost
# the drop more than the rest of its leaving.
_DISCONNECT = (
    update(Participant.__table__)
    .where(_PEOPLE.id == bindparam("person"))
    .values(
        connections=case((_PEOPLE.connections > 0, _PEOPLE.connections - 1), else_=0),
        last_seen_at=bindparam("seen_at"),
    )
    .returning(*(getattr(_PEOPLE, field) for field in PersonRow._fields))
)


def disconnected(s: Session, participant_id: int) -> Changes | None:
    """One of someone's connections ended: counted off, and what to tell the screen and the console."""
    s.flush()  # this person's changes still pending in the session are written first, not overwritten after
    row = s.connection().execute(_DISCONNECT, {"person": participant_id, "seen_at": utcnow()}).first()
    return _roster_delta(PersonRow._make(row)) if row is not None else None


def connections_lost(s: Session, participant_id: int, count: int) -> Changes | None:
    """``count`` of someone's connections ended without a word (their server process died)."""
    person = s.get(Participant, participant_id)
    if person is None or count <= 0:
        return None
    person.connections = max(0, person.connections - count)
    return _roster_delta(person)


def connections_found(s: Session, participant_id: int, count: int) -> Changes | None:
    """``count`` of someone's connections, let go for a server process taken for dead, were alive after all."""
    person = s.get(Participant, participant_id)
    if person is None or count <= 0 or person.removed_at is not None:
        return None
    person.connections += count
    return _roster_delta(person)


def reset_connections(s: Session) -> None:
    """Nobody is connected to a server that has just started."""
    s.execute(update(Participant).where(Participant.connections != 0).values(connections=0))


# The roster's columns, read as rows: the console's roster of 2,000 people was
# 2,000 ORM objects built at every console snapshot, most of its cost.
_ROSTER = (
    select(Participant.id, Participant.name, Participant.pronouns, Participant.connections, Participant.without_phone,
           Participant.joined_at, Participant.agreed_at)
    .where(Participant.event_id == bindparam("event"), Participant.removed_at.is_(None))
)


def roster(s: Session, event: Event) -> list[dict]:
    """Everyone in the event, in the order they joined, as the console lists them."""
    return [roster_entry(RosterRow._make(row)) for row in s.execute(_ROSTER.order_by(Participant.id), {"event": event.id})]


def screen_roster(s: Session, event: Event, latest: int) -> tuple[list[dict], int, int]:
    """The ``latest`` to arrive (oldest first) as the big screen shows them, how many are in the event and how many online."""
    count, online = s.execute(
        select(func.count(), func.count().filter(Participant.connections > 0))
        .where(Participant.event_id == event.id, Participant.removed_at.is_(None))
    ).one()
    rows = s.execute(_ROSTER.order_by(Participant.id.desc()).limit(latest), {"event": event.id}).all()
    return [screen_roster_entry(RosterRow._make(row)) for row in reversed(rows)], count, online
