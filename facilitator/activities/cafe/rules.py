"""The world café: tables with hosts, rounds with a question and a timer, seating that mixes people.

The activity's settings say how many tables (or their names and capacity)
and the rounds (a question each, a length in minutes). Its rows
(:class:`CafeTable`, :class:`CafeRound`, :class:`Seat`) hold what happens.
The *focus round* is the one being seated or run: when a round ends, the
next one is seated at once so every phone can show where to go next.

Timers are deadlines: a running round stores when it ends; a paused one
stores what remained. Nothing ticks over the network.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.orm import Session, aliased, joinedload

from facilitator.core.reads import FEW, once_per_read, once_per_session
from facilitator.core.rows import ByIds, insert_rows, named_rows, plain_rows
from facilitator.core.models import Activity, Event, Participant, utcnow
from facilitator.activities.cafe.models import CafeRound, CafeTable, Seat
from facilitator.core import agenda
from facilitator.activities import board
from facilitator.activities.cafe import essences, seating
from facilitator.core.kinds import ActivityKind, kind_of
from facilitator.core.errors import Conflict, DomainError, NotFound
from facilitator.i18n import N_
from facilitator.core.outbound import Changes, To
from facilitator.core.participants import SOMEONE_COLUMNS, Someone
from facilitator.core.text import clean

KIND = "cafe"
# The part of the café's views that a round's start, pause, resumption or extension
# changes (``Changes.parts``): the round and its timer, not the plan or the board.
ROUND = "round"
TIMING = frozenset({ROUND})
# What a seating (and a round's end, which seats the next) changes: the rounds and who sits
# where, not the board. The screen and the console keep the 750 cards they hold.
SEATS = "seats"
SEATING = frozenset({ROUND, SEATS})
DEFAULT_MINUTES = 20
DEFAULT_CAPACITY = 5
# 5,000 people at tables of five (issue #22: 5,000 phones on one laptop, 625 tables of eight).
MAX_TABLES = 1000
MAX_ROUNDS = 12
QUESTION_MAX = 500
TABLE_NAME_MAX = 80
# The refusals of a number out of range, whole sentences (N_) with {lo} and {hi}.
CAPACITY_WRONG = N_("A table's capacity must be a whole number from {lo} to {hi}.")
LENGTH_WRONG = N_("A round's length must be a whole number from {lo} to {hi}.")


# --- settings -----------------------------------------------------------------


def _int(value: Any, lo: int, hi: int, wrong: str) -> int:
    # ``wrong`` is the whole refusal (N_), with {lo} and {hi}: each language words it.
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise DomainError(wrong, lo=lo, hi=hi)
    return value


def clean_tables(value: Any, capacity: int) -> list[dict[str, Any]]:
    """Tables as a number ("6") or a list of names or of {name, capacity}."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = [f"Table {i + 1}" for i in range(_int(value, 1, MAX_TABLES, N_("The number of tables must be a whole number from {lo} to {hi}.")))]
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_TABLES:
        raise DomainError(N_("Set between 1 and {limit} tables."), limit=MAX_TABLES)
    out = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise DomainError(N_("Each table needs a name (and may have a capacity)."))
        name = clean(str(item.get("name") or "")) or f"Table {i + 1}"
        if len(name) > TABLE_NAME_MAX:
            raise DomainError(N_("A table name can be at most {limit} characters."), limit=TABLE_NAME_MAX)
        cap = _int(item.get("capacity", capacity), 2, 20, CAPACITY_WRONG)
        out.append({"name": name, "capacity": cap})
    return out


def clean_rounds(value: Any, minutes: int) -> list[dict[str, Any]]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [{} for _ in range(_int(value, 1, MAX_ROUNDS, N_("The number of rounds must be a whole number from {lo} to {hi}.")))]
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_ROUNDS:
        raise DomainError(N_("Set between 1 and {limit} rounds."), limit=MAX_ROUNDS)
    out = []
    for item in value:
        if isinstance(item, str):
            item = {"question": item}
        if not isinstance(item, dict):
            raise DomainError(N_("Each round needs a question (and may have a length in minutes)."))
        question = clean(str(item.get("question") or ""), multiline=True)
        if len(question) > QUESTION_MAX:
            raise DomainError(N_("A question can be at most {limit} characters."), limit=QUESTION_MAX)
        out.append({"question": question, "minutes": _int(item.get("minutes", minutes), 1, 120, LENGTH_WRONG)})
    return out


# --- fitting the tables to the room ------------------------------------------

# A café table is 4 people, at most 5-6 (docs/METHOD); a spare seat takes a late arrival.
PEOPLE_PER_TABLE = 4
MOST_AT_TABLE = 5


@dataclass(frozen=True)
class Proposal:
    """Tables for the people here: how many, seats at each, and how they would sit."""

    people: int
    tables: int
    capacity: int
    sizes: tuple[int, ...]  # people at each table, largest first

    def text(self) -> str:
        counts: dict[int, int] = {}
        for size in self.sizes:
            counts[size] = counts.get(size, 0) + 1
        here = f"{self.people} {'person' if self.people == 1 else 'people'} here"
        if len(counts) == 1:
            (size, n), = counts.items()
            tables = f"{n} {'table' if n == 1 else 'tables'} of {size}"
        else:
            parts = [f"{n} of {size}" for size, n in sorted(counts.items())]
            tables = f"{self.tables} tables ({' and '.join(parts)})"
        return f"{here}: {tables} (suggested)"


def propose_tables(people: int) -> Proposal | None:
    """Tables of 4 for ``people`` (a few of 5 where they do not divide; 3 rather than 6), and a seat to spare.

    None when nobody is here. Mirrored in participant_ui/activities/cafe.js
    (``proposeTables``) so the console follows arrivals without a new view; a
    browser test checks the two agree.
    """
    if people <= 0:
        return None
    tables = min(MAX_TABLES, max(1, people // PEOPLE_PER_TABLE, -(-people // MOST_AT_TABLE)))
    base, extra = divmod(people, tables)
    sizes = tuple([base + 1] * extra + [base] * (tables - extra))
    capacity = min(20, max(DEFAULT_CAPACITY, sizes[0] + 1))
    return Proposal(people, tables, capacity, sizes)


def fit_warning(people: int, config_tables: list[dict[str, Any]]) -> str | None:
    """What stops the tables fitting the people here, in plain words with the fix (None when they fit).

    Mirrored in cafe.js (``fitWarning``), like :func:`propose_tables`."""
    if people <= 0:
        return None
    seats = sum(t["capacity"] for t in config_tables)
    n = len(config_tables)
    proposal = propose_tables(people)
    fix = f"Use {proposal.tables} tables of {proposal.capacity} seats (Use this), or change them in \"Set up tables and rounds\"."
    tables = f"{n} {'table' if n == 1 else 'tables'}"
    if people > seats:
        return f"{people} people are here but the {tables} seat {seats}: {people - seats} would have no seat. {fix}"
    if -(-people // n) > MOST_AT_TABLE + 1:
        return (f"{people} people at {tables} makes tables of {-(-people // n)}: too many to talk together "
                f"(a café table is 4, at most 5-6). {fix}")
    return None


# --- reading ------------------------------------------------------------------


def current_cafe(event: Event) -> Activity:
    act = agenda.current(event)
    if act is None or act.kind != KIND:
        raise DomainError(N_("The world café is not running now: move the agenda to it first."))
    return act


def tables(s: Session, activity: Activity, *, active_only: bool = True) -> list[CafeTable]:
    q = select(CafeTable).where(CafeTable.activity_id == activity.id)
    if active_only:
        q = q.where(CafeTable.active.is_(True))
    # A new list each time: a caller may reorder its own.
    return list(once_per_session(s, ("cafe.tables", activity.id, active_only), lambda: list(s.scalars(q.order_by(CafeTable.position)))))


def rounds(s: Session, activity: Activity) -> list[CafeRound]:
    return list(once_per_session(s, ("cafe.rounds", activity.id), lambda: list(
        s.scalars(select(CafeRound).where(CafeRound.activity_id == activity.id).order_by(CafeRound.number)))))


def focus_round(s: Session, activity: Activity) -> CafeRound | None:
    number = (activity.state or {}).get("round", 0)
    if not number:
        return None
    return once_per_session(s, ("cafe.round", activity.id, number), lambda: s.scalar(
        select(CafeRound).where(CafeRound.activity_id == activity.id, CafeRound.number == number)))


def _state(activity: Activity) -> dict[str, Any]:
    return dict(activity.state or {})


def _set_state(activity: Activity, **values: Any) -> None:
    # A new dict: SQLAlchemy notices a replaced JSON value, not a mutated one.
    activity.state = {**_state(activity), **values}


def links(activity: Activity) -> list[tuple[int, int]]:
    return [tuple(pair) for pair in _state(activity).get("links", [])]


def _here(event_id: int):
    """Who is here to be seated: not removed, and connected or without a phone."""
    return (Participant.event_id == event_id, Participant.removed_at.is_(None),
            (Participant.connections > 0) | Participant.without_phone.is_(True))


def present(s: Session, event_id: int) -> list[Participant]:
    """People to seat: not removed, and connected or without a phone."""
    return list(s.scalars(select(Participant).where(*_here(event_id)).order_by(Participant.id)))


def present_rows(s: Session, event_id: int) -> list[Someone]:
    """:func:`present` as plain rows, for views (2,000 ORM objects were most of a console snapshot)."""
    return [Someone._make(r) for r in plain_rows(s, select(*SOMEONE_COLUMNS).where(*_here(event_id)).order_by(Participant.id))]


def present_ids(s: Session, event_id: int) -> list[int]:
    """The ids of :func:`present`, in the same order, without loading each person."""
    return list(plain_rows(s, select(Participant.id).where(*_here(event_id)).order_by(Participant.id)).scalars())


def seats(s: Session, round_: CafeRound | None) -> list[Seat]:
    if round_ is None:
        return []
    return list(s.scalars(select(Seat).where(Seat.round_id == round_.id).order_by(Seat.table_id, Seat.id)))


def seat_of(s: Session, activity: Activity, participant_id: int) -> Seat | None:
    """Where this person sits in the focus round (None if not seated)."""
    return seat_in(s, focus_round(s, activity), participant_id)


def seat_in(s: Session, round_: CafeRound | None, participant_id: int) -> Seat | None:
    """Where this person sits in this round (None if not seated)."""
    if round_ is None or not round_.seated:
        return None
    # With its table, in the same query: a card needs the table's name.
    return s.scalar(
        select(Seat)
        .options(joinedload(Seat.table, innerjoin=True))
        .where(Seat.round_id == round_.id, Seat.participant_id == participant_id)
    )


def table_of_people(s: Session, activity: Activity) -> dict[int, int]:
    """participant id -> table id in the focus round: the table rooms phones belong in."""
    round_ = focus_round(s, activity)
    if round_ is None or not round_.seated:
        return {}
    return dict(plain_rows(s, select(Seat.participant_id, Seat.table_id).where(Seat.round_id == round_.id)).all())


def tables_of(s: Session, activity: Activity, participant_ids: list[int]) -> dict[int, int]:
    """participant id -> table id in the focus round, for these people (the seated among them)."""
    round_ = focus_round(s, activity)
    if round_ is None or not round_.seated or not participant_ids:
        return {}
    return dict(plain_rows(s, *_TABLES_OF.of(participant_ids, round=round_.id)).all())


# Phones connecting: one of them (most), or a group when many come back at once.
_TABLES_OF = ByIds(
    lambda who: select(Seat.participant_id, Seat.table_id).where(Seat.round_id == bindparam("round"), who),
    Seat.participant_id,
)


def met_before(s: Session, activity: Activity, before_number: int) -> dict[int, set[int]]:
    """Who each person has sat with in this café's earlier rounds (``seating.met_at``)."""
    rows = plain_rows(
        s,
        select(Seat.round_id, Seat.table_id, Seat.participant_id)
        .join(CafeRound, CafeRound.id == Seat.round_id)
        .where(CafeRound.activity_id == activity.id, CafeRound.number < before_number)
    ).all()
    groups: dict[tuple[int, int], list[int]] = {}
    for round_id, table_id, pid in rows:
        groups.setdefault((round_id, table_id), []).append(pid)
    return seating.met_at(groups.values())


@dataclass(frozen=True)
class SeatAt:
    """Where a person sits in one round, with the table's name (a card carries it)."""

    table_id: int
    table_name: str
    is_host: bool


@dataclass(frozen=True)
class CardPlace:
    """What a card written now needs: its round, and where its author sits.

    ``seat`` is in the card's round (the one under way, or the one just
    ended while the next is being seated); ``next_seat`` is in the focus
    round, which between rounds is already the next one.
    """

    round_id: int | None
    round_number: int | None
    seat: SeatAt | None
    next_seat: SeatAt | None


# One prebuilt statement for the focus round and the one before it, each with
# the authors' seats and tables: a card burst is 250 cards a second, handled
# in groups, and the three ORM queries per card it replaces cost far more.
# The rounds are those from the lowest number wanted to the highest (a range, not a list
# parameter: core/rows.py ByIds); a round between them that nobody asked for is read and
# never looked up. Most groups are one card: one author.
def _places(authors) -> Select:
    return (
        select(
            CafeRound.id, CafeRound.number, CafeRound.status, CafeRound.seated,
            Seat.participant_id, Seat.table_id, Seat.is_host, CafeTable.name,
        )
        .outerjoin(Seat, (Seat.round_id == CafeRound.id) & authors)
        .outerjoin(CafeTable, CafeTable.id == Seat.table_id)
        .where(CafeRound.activity_id == bindparam("activity_id"),
               CafeRound.number.between(bindparam("lowest"), bindparam("highest")))
    )


_PLACES = ByIds(_places, Seat.participant_id)

_NOWHERE = CardPlace(None, None, None, None)


def card_places(
    s: Session, activity: Activity, requests: Iterable[tuple[int, int | None]]
) -> dict[tuple[int, int | None], CardPlace]:
    """For each (author, round written in), the round a card belongs to and the author's seats, in one query.

    Without a round (``None``) the card's round is the one under way, or,
    while the next is being seated, the one just ended: a card belongs to
    where its author sat then. A phone that names the round it showed when
    the card was written (it may have been offline since) gets that round
    and the author's seat in it, once that round has begun; naming the focus
    round is the same as naming none. A round not yet begun has no place.
    """
    wanted = set(requests)
    people = sorted({pid for pid, _ in wanted})
    number = (activity.state or {}).get("round", 0)
    if not number or not people:
        return {key: _NOWHERE for key in wanted}
    numbers = {number, number - 1} | {n for _, n in wanted if n is not None and 0 < n < number}
    rounds: dict[int, Any] = {}
    seats: dict[tuple[int, int], SeatAt] = {}
    for row in _PLACES.rows(s, people, activity_id=activity.id, lowest=min(numbers), highest=max(numbers)):
        rounds[row.number] = row
        if row.seated and row.participant_id is not None:
            seats[(row.number, row.participant_id)] = SeatAt(row.table_id, row.name, bool(row.is_host))
    focus = rounds.get(number)
    if focus is None:
        return {key: _NOWHERE for key in wanted}
    # The card's round: the one under way, or the one just ended while the next is seated.
    card_round = focus if focus.status != "planned" or focus.number == 1 else rounds.get(number - 1)
    out: dict[tuple[int, int | None], CardPlace] = {}
    for pid, written in wanted:
        if written is not None and written != number:
            earlier = rounds.get(written) if written < number else None
            if earlier is None or earlier.status == "planned":
                out[(pid, written)] = _NOWHERE
            else:
                # Written in an earlier round and sent only now: filed where its author sat then.
                out[(pid, written)] = CardPlace(earlier.id, earlier.number, seats.get((earlier.number, pid)), None)
        elif card_round is None:
            out[(pid, written)] = CardPlace(None, None, None, seats.get((number, pid)))
        else:
            out[(pid, written)] = CardPlace(
                card_round.id, card_round.number, seats.get((card_round.number, pid)), seats.get((number, pid))
            )
    return out


# --- settings into rows -------------------------------------------------------


def sync(s: Session, activity: Activity) -> None:
    """Make the tables and rounds rows match the settings (past rounds are left as they were).

    Rows that already match are not touched: every round's seating syncs first, and 250
    tables set to what they were still cost the ORM's bookkeeping for each."""
    config = activity.config
    existing = tables(s, activity, active_only=False)
    for i, spec in enumerate(config["tables"]):
        if i < len(existing):
            row = existing[i]
            if (row.name, row.capacity, row.active) != (spec["name"], spec["capacity"], True):
                row.name, row.capacity, row.active = spec["name"], spec["capacity"], True
        else:
            s.add(CafeTable(activity_id=activity.id, position=i, name=spec["name"], capacity=spec["capacity"]))
    for row in existing[len(config["tables"]):]:
        if row.active:
            row.active = False
    have = {r.number: r for r in rounds(s, activity)}
    for i, spec in enumerate(config["rounds"], start=1):
        row = have.pop(i, None)
        if row is None:
            s.add(CafeRound(activity_id=activity.id, number=i, question=spec["question"], minutes=spec["minutes"]))
        elif row.status == "planned" and (row.question, row.minutes) != (spec["question"], spec["minutes"]):
            row.question, row.minutes = spec["question"], spec["minutes"]
    for row in have.values():
        if row.status == "planned" and row.number > (activity.state or {}).get("round", 0):
            s.delete(row)
    s.flush()


def setup(s: Session, activity: Activity, config: dict[str, Any]) -> tuple[Changes, bool]:
    """New settings for a café (tables, rounds, who may post), applied to its rows.

    Fewer tables must not quietly unseat anyone: while a round is under way,
    removing a table someone sits at is refused; a round seated but not yet
    started is seated again on the tables left. Returns the changes and
    whether that round was seated again.
    """
    config = kind_of(KIND).validate_config({**activity.config, **config})
    focus = focus_round(s, activity)
    leaving = {t.id: t.name for t in tables(s, activity)[len(config["tables"]):]}
    sitting = []
    if leaving and focus is not None and focus.seated and focus.status != "ended":
        sitting = [seat for seat in seats(s, focus) if seat.table_id in leaving]
    if sitting and focus.status in ("running", "paused"):
        where = sorted({leaving[seat.table_id] for seat in sitting})
        one = N_("Round {number} is under way and 1 person is sitting at {tables}: "
                 "end the round before removing tables. Adding or renaming tables and changing the questions works now.")
        many = N_("Round {number} is under way and {count} people are sitting at {tables}: "
                  "end the round before removing tables. Adding or renaming tables and changing the questions works now.")
        raise Conflict(one if len(sitting) == 1 else many, number=focus.number, count=len(sitting), tables=" and ".join(where))
    activity.config = config
    sync(s, activity)
    changes = Changes(activity.event_id, phones=True, screen=True, console=True, all_participants=True)
    if sitting:
        return changes.merge(seat_round(s, activity)), True
    return changes, False


# --- hosts and links ----------------------------------------------------------


def volunteer(s: Session, activity: Activity, person: Participant, on: bool) -> Changes:
    """A person offers (or stops offering) to host a table."""
    pid = person.id  # read once: an ORM attribute read for each earlier offer was most of this line
    volunteers = [p for p in _state(activity).get("volunteers", []) if p != pid]
    if on:
        volunteers.append(pid)
    _set_state(activity, volunteers=volunteers)
    # A delta, not a console snapshot: when a café is announced hundreds of
    # phones volunteer within seconds, and a snapshot of a 2,000-person café
    # costs tens of milliseconds each (one burst stalled the server for 20 s).
    # This one offer, not the whole list: the list read everyone who had offered
    # before, at every offer (quadratic in a hall where one in eight offers).
    # The person's own phones hear the same delta (their button turns), not
    # their personal view built again: that was most of an offer's cost.
    return Changes(activity.event_id).send(
        "cafe.volunteers", {"activity": activity.id, "id": person.id, "label": person.label, "on": on},
        To.console(activity.event_id), To.participant(person.id),
    )


def set_host(s: Session, activity: Activity, table_id: int, participant_id: int | None) -> tuple[Changes, str]:
    """The facilitator picks a table's host (or none). Says when it applies:

    ``"now"`` before the first seating, or between rounds (the coming round
    is seated again at once, so the chosen host hosts it); ``"next_round"``
    while a round is under way, or when the chosen host is not here (then
    the next seating decides).
    """
    table = _table(s, activity, table_id)
    if participant_id is not None:
        person = s.get(Participant, participant_id)
        if person is None or person.event_id != activity.event_id or person.removed_at is not None:
            raise NotFound(N_("That person is not in this event."))
        for other in tables(s, activity):
            if other.host_id == participant_id and other.id != table.id:
                other.host_id = None
    table.host_id = participant_id
    changes = Changes(activity.event_id, console=True)
    focus = focus_round(s, activity)
    if focus is None or not focus.seated:
        return changes, "now"
    here = participant_id is None or participant_id in set(present_ids(s, activity.event_id))
    if focus.status == "planned" and here:
        return changes.merge(seat_round(s, activity)), "now"
    return changes, "next_round"


def _table(s: Session, activity: Activity, table_id: int) -> CafeTable:
    table = s.get(CafeTable, table_id)
    if table is None or table.activity_id != activity.id or not table.active:
        raise NotFound(N_("There is no such table in this café."))
    return table


def _person_here(s: Session, activity: Activity, pid: int) -> Participant:
    person = s.get(Participant, pid)
    if person is None or person.event_id != activity.event_id:
        raise NotFound(N_("That person is not in this event."))
    return person


def apart(activity: Activity) -> list[tuple[int, int]]:
    return [tuple(pair) for pair in _state(activity).get("apart", [])]


def stays(activity: Activity) -> dict[int, int | None]:
    """person id -> the table they stay at all event (None: wherever they are seated next)."""
    return {int(pid): table for pid, table in _state(activity).get("stays", {}).items()}


def _together(activity: Activity, extra: tuple[int, int] | None = None) -> dict[int, int]:
    """Each linked person's group (people linked through others sit together too)."""
    pairs = links(activity) + ([extra] if extra else [])
    people = sorted({p for pair in pairs for p in pair})
    return {p: i for i, group in enumerate(seating._groups(people, pairs)) for p in group}


def link(s: Session, activity: Activity, a: int, b: int, on: bool = True) -> Changes:
    """Keep two people at the same table (a person and their supporter or interpreter)."""
    if a == b:
        raise DomainError(N_("Choose two different people to keep together."))
    first, second = (_person_here(s, activity, pid) for pid in (a, b))
    pair = sorted((a, b))
    kept = [p for p in _state(activity).get("links", []) if sorted(p) != pair]
    if on:
        group = _together(activity, (a, b))
        clash = next(((x, y) for x, y in apart(activity) if group.get(x, -1) == group.get(y, -2)), None)
        if clash is not None:
            names = _labels(s, clash)
            raise Conflict(
                N_("{apart_a} and {apart_b} are kept apart: keeping {first} and {second} together would seat them at one table. "
                   "Choose \"Let them meet\" for them first."),
                apart_a=names[clash[0]].label, apart_b=names[clash[1]].label, first=first.label, second=second.label,
            )
        kept.append(pair)
    _set_state(activity, links=kept)
    return Changes(activity.event_id, console=True)


def keep_apart(s: Session, activity: Activity, a: int, b: int, on: bool = True) -> Changes:
    """Never seat two people at the same table (or, with ``on`` false, let them meet again)."""
    if a == b:
        raise DomainError(N_("Choose two different people to keep apart."))
    first, second = (_person_here(s, activity, pid) for pid in (a, b))
    pair = sorted((a, b))
    kept = [p for p in _state(activity).get("apart", []) if sorted(p) != pair]
    if on:
        group = _together(activity)
        if a in group and group.get(a) == group.get(b):
            raise Conflict(
                N_("{first} and {second} are kept together: choose \"Let them part\" for them first."), first=first.label, second=second.label,
            )
        kept.append(pair)
    _set_state(activity, apart=kept)
    return Changes(activity.event_id, console=True)


def stay(s: Session, activity: Activity, participant_id: int, on: bool = True, table_id: int | None = None) -> Changes:
    """Keep a person at one table all event (they cannot move easily), or let them travel again.

    Without ``table_id`` it is the table they sit at now, or the one they are seated at next."""
    _person_here(s, activity, participant_id)
    if table_id is not None:
        _table(s, activity, table_id)
    kept = {str(p): t for p, t in stays(activity).items() if p != participant_id}
    if on:
        if table_id is None:
            seat = seat_of(s, activity, participant_id)
            table_id = seat.table_id if seat else None
        kept[str(participant_id)] = table_id
    _set_state(activity, stays=kept)
    return Changes(activity.event_id, console=True)


# --- seating ------------------------------------------------------------------


def _fill_hosts(s: Session, activity: Activity, table_rows: list[CafeTable], here: set[int]) -> None:
    """Tables without a host here take volunteers, in the order they offered.

    ``here`` is who is being seated: a host who left, or whose phone is gone,
    is not, and a volunteer who is takes their table.
    """
    hosting = {t.host_id for t in table_rows if t.host_id in here}
    volunteers = [p for p in _state(activity).get("volunteers", []) if p in here and p not in hosting]
    for table in table_rows:
        if table.host_id in here:
            continue
        if not volunteers:
            break
        table.host_id = volunteers.pop(0)


def seat_round(s: Session, activity: Activity) -> Changes:
    """Seat the focus round again (while it has not started) or the next round."""
    sync(s, activity)
    focus = focus_round(s, activity)
    all_rounds = rounds(s, activity)
    if focus is not None and focus.status in ("running", "paused"):
        raise Conflict(N_("A round is under way: end it before seating the next one."))
    if focus is not None and focus.status == "planned":
        target = focus
    else:
        number = focus.number + 1 if focus is not None else 1
        target = next((r for r in all_rounds if r.number == number), None)
        if target is None:
            raise DomainError(N_("That was the last round: there is no round left to seat."))
    table_rows = tables(s, activity)
    people = present_ids(s, activity.event_id)
    here = set(people)
    _fill_hosts(s, activity, table_rows, here)
    fixed = _fixed(s, activity, target, here, {t.id for t in table_rows})
    plan = seating.seat(
        [seating.Table(t.id, t.capacity, t.host_id) for t in table_rows],
        people,
        met=met_before(s, activity, target.number),
        pairs=links(activity),
        apart=apart(activity),
        fixed=fixed,
        seed=activity.id * 100 + target.number,
    )
    # Someone who stays "where they are seated next" stays where this seating put them.
    where = plan.table_of()
    kept = stays(activity)
    if any(table is None and pid in where for pid, table in kept.items()):
        _set_state(activity, stays={str(pid): table if table is not None else where.get(pid) for pid, table in kept.items()})
    s.execute(delete(Seat).where(Seat.round_id == target.id))
    hosts = {t.id: t.host_id for t in table_rows}
    round_id = target.id  # read once, not once a seat
    # 2,000 seats in one statement: as ORM objects their flush took 0.4 s.
    insert_rows(s, Seat.__table__, SEAT_COLUMNS, [
        (round_id, table_id, pid, hosts[table_id] == pid)
        for table_id, members in plan.tables.items()
        for pid in members
    ])
    target.seated = True
    target.repeats = plan.repeats
    # How good the plan is, for the console: no seating has fewer repeats than
    # ``least`` (kept in the state: the round's row has no column for it).
    quality = {**_state(activity).get("seating", {}), str(target.number): {"least": plan.lower_bound, "optimal": plan.optimal}}
    _set_state(activity, round=target.number, seating=quality)
    s.flush()
    return _round_changed(activity, phones=True, screen=True, console=True, all_participants=True, parts=SEATING)


def _round_changed(activity: Activity, parts: frozenset[str] | None = None, **audiences: bool | set[int]) -> Changes:
    """What seating or timing a round changes: the café's rounds, seats and tables, nothing of
    the event or its agenda (the phones' public patch carries the activity alone);
    ``parts=TIMING``: the round's timing alone (not its seats); ``SEATING``: the rounds and the
    seats (not the board)."""
    return Changes(activity.event_id, activity_only=True, parts=parts, **audiences)


def _fixed(s: Session, activity: Activity, target: CafeRound, here: set[int], table_ids: set[int]) -> dict[int, int]:
    """Who stays at which table this round: their chosen table, else where they sat last."""
    kept = {pid: table for pid, table in stays(activity).items() if pid in here}
    unknown = [pid for pid, table in kept.items() if table is None or table not in table_ids]
    if unknown:
        last = s.execute(
            select(Seat.participant_id, Seat.table_id)
            .join(CafeRound, CafeRound.id == Seat.round_id)
            .where(CafeRound.activity_id == activity.id, CafeRound.number < target.number,
                   Seat.participant_id.in_(unknown))
            .order_by(CafeRound.number)
        ).all()
        for pid, table in last:
            kept[pid] = table
    return {pid: table for pid, table in kept.items() if table in table_ids}


class NoRoom(DomainError):
    """Every table is full: someone who arrived after the seating waits for the facilitator to make room."""


def seat_late(s: Session, activity: Activity, person: Participant) -> Changes | None:
    """Someone who arrived (or came back) after the seating joins a table where people sit, the one with most room.

    Raises ``NoRoom`` when every table is full (nothing written)."""
    round_ = focus_round(s, activity)
    if round_ is None or not round_.seated or round_.status == "ended":
        return None
    if seat_of(s, activity, person.id) is not None:
        return None
    table_rows = tables(s, activity)
    seated: dict[int, list[int]] = {}
    for seat in seats(s, round_):
        seated.setdefault(seat.table_id, []).append(seat.participant_id)
    try:
        table_id = seating.place_late(
            [seating.Table(t.id, t.capacity, t.host_id) for t in table_rows],
            seated,
            person.id,
            met=met_before(s, activity, round_.number),
            pairs=links(activity),
            apart=apart(activity),
            fixed=_fixed(s, activity, round_, {person.id}, {t.id for t in table_rows}),
        )
    except seating.SeatingError as exc:  # place_late refuses only when no table has room
        raise NoRoom(exc.message, **exc.params) from None
    host_id = next(t.host_id for t in table_rows if t.id == table_id)
    s.add(Seat(round_id=round_.id, table_id=table_id, participant_id=person.id, is_host=host_id == person.id))
    s.flush()
    # The table's members see their new neighbour; the screen and console see the plan.
    others = set(seated.get(table_id, ()))
    return Changes(activity.event_id, screen=True, console=True, participants={person.id} | others)


def seat_everyone_late(s: Session, activity: Activity) -> Changes:
    """Seat everyone present who has no seat in the focus round (the facilitator's button)."""
    changes = Changes(activity.event_id, console=True)
    round_ = focus_round(s, activity)
    if round_ is None or not round_.seated:
        raise DomainError(N_("Seat the round first."))
    for person in present(s, activity.event_id):
        more = seat_late(s, activity, person)
        if more is not None:
            changes.merge(more)
    return changes


# --- running a round ----------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return now or utcnow()


def _aware(when: datetime | None) -> datetime | None:
    # Some backends hand back naive UTC; deadlines are always compared as UTC.
    if when is not None and when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when


def seats_before_start(s: Session, activity: Activity) -> bool:
    """Whether starting the round seats it first: nobody is seated for it yet (the round
    before it has ended, or none has begun). Otherwise the seats, and the phones' table
    rooms, stay as the last seating left them."""
    focus = focus_round(s, activity)
    return focus is None or focus.status == "ended"


def start_round(s: Session, activity: Activity, now: datetime | None = None) -> Changes:
    """Start the focus round's timer (seating it first if nobody has been seated yet)."""
    seats = seats_before_start(s, activity)
    changes = _round_changed(activity, phones=True, screen=True, console=True, parts=SEATING if seats else TIMING)
    if seats:
        changes.merge(seat_round(s, activity))
    focus = focus_round(s, activity)
    if focus.status != "planned":
        raise Conflict(N_("This round has already started."))
    # A round seated earlier changes, in anyone's own view, only the round card a host
    # may write: it moves from the round just ended to this one. Those hosts' views are
    # sent again, and everyone else hears the round start in the public patch (at
    # 2,000 people, 250 personal patches instead of 2,000).
    writing_before = essences.writable_round(s, activity, focus)
    now = _now(now)
    focus.status = "running"
    focus.started_at = now
    focus.deadline = now + timedelta(minutes=focus.minutes)
    focus.paused_remaining_ms = None
    return changes.merge(_round_changed(activity, parts=changes.parts, participants=_hosts_of(s, writing_before, focus)))


def _hosts_of(s: Session, *rounds_: CafeRound | None) -> set[int]:
    """Who hosts a table in these rounds."""
    ids = [r.id for r in rounds_ if r is not None]
    if not ids:
        return set()
    return set(s.scalars(select(Seat.participant_id).where(Seat.round_id.in_(ids), Seat.is_host.is_(True))))


def _running(s: Session, activity: Activity, *statuses: str) -> CafeRound:
    focus = focus_round(s, activity)
    if focus is None or focus.status not in statuses:
        raise Conflict(N_("No round is under way just now."))
    return focus


def pause_round(s: Session, activity: Activity, now: datetime | None = None) -> Changes:
    focus = _running(s, activity, "running")
    now = _now(now)
    focus.paused_remaining_ms = max(0, int((_aware(focus.deadline) - now).total_seconds() * 1000))
    focus.deadline = None
    focus.status = "paused"
    return _round_changed(activity, phones=True, screen=True, console=True, parts=TIMING)


def resume_round(s: Session, activity: Activity, now: datetime | None = None) -> Changes:
    focus = _running(s, activity, "paused")
    focus.deadline = _now(now) + timedelta(milliseconds=focus.paused_remaining_ms or 0)
    focus.paused_remaining_ms = None
    focus.status = "running"
    return _round_changed(activity, phones=True, screen=True, console=True, parts=TIMING)


def extend_round(s: Session, activity: Activity, minutes: int, now: datetime | None = None) -> Changes:
    """More time for the round under way (from now, if its time was already up)."""
    focus = _running(s, activity, "running", "paused")
    extra = timedelta(minutes=minutes)
    if focus.status == "paused":
        focus.paused_remaining_ms = (focus.paused_remaining_ms or 0) + int(extra.total_seconds() * 1000)
    else:
        focus.deadline = max(_aware(focus.deadline), _now(now)) + extra
    return _round_changed(activity, phones=True, screen=True, console=True, parts=TIMING)


def end_round(s: Session, activity: Activity, now: datetime | None = None) -> Changes:
    """End the round (early, or when its time is up) and seat the next so phones show where to go."""
    focus = _running(s, activity, "running", "paused")
    focus.status = "ended"
    focus.ended_at = _now(now)
    focus.deadline = None
    focus.paused_remaining_ms = None
    changes = _round_changed(activity, phones=True, screen=True, console=True, all_participants=True, parts=SEATING)
    if any(r.number == focus.number + 1 for r in rounds(s, activity)):
        try:
            changes.merge(seat_round(s, activity))
        except (seating.SeatingError, DomainError):
            pass  # the console offers "Seat the next round" and shows why it cannot
    return changes


# --- views --------------------------------------------------------------------


def _ms(when: datetime | None) -> int | None:
    return int(_aware(when).timestamp() * 1000) if when else None


def round_view(round_: CafeRound | None, total: int) -> dict[str, Any] | None:
    if round_ is None:
        return None
    return {
        "number": round_.number,
        "of": total,
        "question": round_.question,
        "minutes": round_.minutes,
        "status": round_.status,
        "seated": round_.seated,
        "deadline": _ms(round_.deadline),
        "remaining_ms": round_.paused_remaining_ms,
        "repeats": round_.repeats,
    }


def _labels(s: Session, ids: Iterable[int], event_id: int | None = None) -> dict[int, Someone]:
    """These people as plain rows (a round change's views read 2,000 of them, several times).

    ``event_id``: theirs; given, and more than ``FEW`` people, the event's people are read
    without a list of their ids (at a round change, about everyone in it anyway)."""
    ids = set(ids)
    if not ids:
        return {}
    if event_id is not None and len(ids) > FEW:
        rows = plain_rows(s, select(*SOMEONE_COLUMNS).where(Participant.event_id == event_id))
        return {r[0]: Someone._make(r) for r in rows if r[0] in ids}
    return {r[0]: Someone._make(r) for r in plain_rows(s, select(*SOMEONE_COLUMNS).where(Participant.id.in_(ids)))}


# A seat as the seating writes it (``insert_rows``), 2,000 at a round change.
SEAT_COLUMNS = ("round_id", "table_id", "participant_id", "is_host")

_SEAT_ROWS = (
    select(Seat.id, Seat.table_id, Seat.participant_id, Seat.is_host)
    .where(Seat.round_id == bindparam("round"))
    .order_by(Seat.table_id, Seat.id)
)


# The seats at the tables where these people sit in a round (theirs and their tablemates').
_SEATED = aliased(Seat)
_SEATS_BESIDE = ByIds(
    lambda who: _SEAT_ROWS.where(
        Seat.table_id.in_(select(_SEATED.table_id).where(_SEATED.round_id == bindparam("round"), who))
    ),
    _SEATED.participant_id,
)


def _table_names(s: Session, table_ids: set[int]) -> dict[int, str]:
    if not table_ids:
        return {}
    return dict(plain_rows(s, select(CafeTable.id, CafeTable.name).where(CafeTable.id.in_(table_ids))).all())


def seat_rows(s: Session, round_: CafeRound | None) -> list:
    """A round's seats as read-only rows, read once per publish (the phones', the screen's and the console's views)."""
    if round_ is None:
        return []
    return once_per_read(s, ("cafe.seats", round_.id), lambda: named_rows(s, _SEAT_ROWS, {"round": round_.id}))


def _plan(s: Session, activity: Activity, round_: CafeRound | None) -> list[dict[str, Any]]:
    table_rows = tables(s, activity)
    by_table: dict[int, list[Seat]] = {t.id: [] for t in table_rows}
    round_seats = seat_rows(s, round_) if round_ is not None and round_.seated else []
    for seat in round_seats:
        by_table.setdefault(seat.table_id, []).append(seat)
    people = _labels(s, [x.participant_id for x in round_seats] + [t.host_id for t in table_rows if t.host_id], activity.event_id)
    out = []
    seated = bool(round_seats)
    seated_people = {x.participant_id for x in round_seats}
    for t in table_rows:
        host_seat = next((x for x in by_table[t.id] if x.is_host), None)
        host = people.get(host_seat.participant_id) if host_seat else people.get(t.host_id)
        # A chosen host who is not at the table (not seated, left, phone gone) is shown as away.
        # (A host seated at another table is not away: their table is not used this round.)
        away = host is not None and (
            (seated and host.id not in seated_people)
            or host.removed_at is not None
            or (host.connections <= 0 and not host.without_phone)
        )
        chosen = people.get(t.host_id)
        out.append({
            "id": t.id,
            "name": t.name,
            "capacity": t.capacity,
            "host": host.label if host else None,
            "host_id": host.id if host else None,
            "host_away": away,
            # Too few people for every table: this one is not used this round.
            "in_use": not seated or bool(by_table[t.id]),
            # The host picked for the table; unlike ``host`` (who hosts this round) it may
            # be someone else while a round is under way: they host from the next round.
            "chosen_host": chosen.label if chosen else None,
            "chosen_host_id": t.host_id,
            "members": [
                {"id": x.participant_id, "label": people[x.participant_id].label, "host": x.is_host}
                for x in sorted(by_table[t.id], key=lambda x: (not x.is_host, x.id))
            ],
        })
    return out


def _public(s: Session, activity: Activity) -> dict[str, Any]:
    all_rounds = rounds(s, activity)
    focus = focus_round(s, activity)
    config = activity.config
    return {
        "round": round_view(focus, len(all_rounds)),
        "rounds": len(all_rounds),
        "tables": len(config["tables"]),
        "anyone_can_post": config["anyone_can_post"],
        "themes": board.theme_list(s, activity.event_id),
        "tags": list(board.TAGS),
    }


def _screen(s: Session, activity: Activity, *, for_console: bool = False, with_board: bool = True) -> dict[str, Any]:
    """``with_board=False``: without the board (a seating's part, ``SEATING``)."""
    focus = focus_round(s, activity)
    view = {
        **_public(s, activity),
        # The screen's plan and the console's are the same: built once per publish
        # (250 tables and 2,000 people at a round change).
        "plan": once_per_read(s, ("cafe.plan", activity.id, focus.id if focus is not None else None),
                              lambda: _plan(s, activity, focus)),
    }
    if with_board:
        # The whole board, so the screen groups it live (by table, round or theme).
        view["group_by"] = _state(activity).get("group_by") or "table"
        # The console also sees hidden cards, and who wrote each.
        view["cards"] = board.cards_for(s, activity.event_id, for_console=for_console)
    return view


def _console(s: Session, activity: Activity, *, with_board: bool = True) -> dict[str, Any]:
    focus = focus_round(s, activity)
    state = _state(activity)
    here = present_rows(s, activity.event_id)
    # From the seats the plan read (once per publish), not a second read of 2,000 of them.
    seated = {x.participant_id for x in seat_rows(s, focus)} if focus is not None and focus.seated else set()
    kept_apart = apart(activity)
    staying = stays(activity)
    people = _labels(s, [p for pair in links(activity) + kept_apart for p in pair] + state.get("volunteers", []) + list(staying))
    names = {t.id: t.name for t in tables(s, activity)}
    harvest = {
        "merged": board.merged_cards(s, activity.event_id),
        "essences": essences.for_activity(s, activity),
    } if with_board else {}
    return {
        **_screen(s, activity, for_console=True, with_board=with_board),
        **harvest,
        "config": activity.config,
        "all_rounds": [round_view(r, 0) for r in rounds(s, activity)],
        # {round number: {least, optimal}}: the fewest repeats any seating could have had.
        "seating": state.get("seating", {}),
        "volunteers": [{"id": p, "label": people[p].label} for p in state.get("volunteers", []) if p in people],
        "links": [[{"id": p, "label": people[p].label} for p in pair] for pair in links(activity) if all(p in people for p in pair)],
        "apart": [[{"id": p, "label": people[p].label} for p in pair] for pair in kept_apart if all(p in people for p in pair)],
        # table: null until they are seated (they stay wherever that is).
        "stays": [{"id": p, "label": people[p].label, "table": t, "table_name": names.get(t)}
                  for p, t in staying.items() if p in people],
        # How many are here now, and what the console's warning and proposal start from
        # (the console recounts from the roster as people arrive: cafe.js mirrors these rules).
        "present": len(here),
        "sizing": {"per_table": PEOPLE_PER_TABLE, "most": MOST_AT_TABLE, "default_capacity": DEFAULT_CAPACITY,
                   "max_tables": MAX_TABLES, "min_at_table": seating.MIN_AT_TABLE},
        "unseated": [{"id": p.id, "label": p.label} for p in here if p.id not in seated]
        if focus is not None and focus.seated else [],
    }


def personal_views(s: Session, activity: Activity, persons: list[Participant]) -> dict[int, dict[str, Any]]:
    """Each person's seat, table, neighbours and their table's cards: a few queries for all.

    Everyone at a table sees this round's cards there (read-only unless they may
    post), so each person can check their point was captured; the table's room
    already carries every new card to all its phones."""
    focus = focus_round(s, activity)
    volunteers = set(_state(activity).get("volunteers", []))
    wanted = {p.id for p in persons}
    many = len(wanted) > FEW
    if focus is None or not focus.seated:
        seats_now = []
    elif many:
        seats_now = seat_rows(s, focus)
    else:
        # A phone connecting (most views built one or a few at a time): its table's seats,
        # not the whole room's (2,000 rows read for every phone that woke up).
        seats_now = named_rows(s, *_SEATS_BESIDE.of(wanted, round=focus.id))
    tables_needed = {x.table_id for x in seats_now if x.participant_id in wanted}
    if many:
        # Everyone's own cards and their tables' from one read of the café's cards.
        authored, cards = board.cards_of_people_and_tables(s, activity, wanted, tables_needed)
    else:
        authored, cards = board.cards_by_authors(s, activity, wanted), None
    # The round card a host may write now (the round under way, or the one just ended).
    writing = essences.round_cards(s, activity, focus, wanted)
    base = {
        p.id: {"volunteered": p.id in volunteers, "seat": None, "previous": None, "my_cards": authored.get(p.id, []),
               "round_card": writing.get(p.id)}
        for p in persons
    }
    if focus is None or not focus.seated:
        return base
    round_seats = seats_now
    mine = {x.participant_id: x for x in round_seats if x.participant_id in wanted}
    at_table: dict[int, list[Seat]] = {}
    for x in round_seats:
        if x.table_id in tables_needed:
            at_table.setdefault(x.table_id, []).append(x)
    # Most tablemates are among ``persons`` (a round change sends everyone's view).
    known = {p.id: p for p in persons}
    mates = {x.participant_id for xs in at_table.values() for x in xs}
    people = {**_labels(s, mates - known.keys()), **{pid: known[pid] for pid in mates & known.keys()}}
    previous: dict[int, int] = {}
    handed_on: dict[int, dict[str, Any]] = {}
    if focus.number > 1:
        before = s.scalar(select(CafeRound).where(CafeRound.activity_id == activity.id, CafeRound.number == focus.number - 1))
        # What the last group at each table left for the people sitting down there now
        # (for a few people, at their tables only: a phone waking up needs its own).
        handed_on = essences.of_round(s, before, None if many else tables_needed)
        if before is not None:
            where_before = select(Seat.participant_id, Seat.table_id).where(Seat.round_id == before.id)
            if many:  # the whole round: the same rows, without a list of 2,000 ids to build
                previous = {pid: table for pid, table in plain_rows(s, where_before) if pid in wanted}
            else:
                previous = dict(plain_rows(s, where_before.where(Seat.participant_id.in_(wanted))).all())
    anyone = activity.config["anyone_can_post"]
    if cards is None:
        cards = board.table_cards(s, tables_needed)
    if many:
        names = {t.id: t.name for t in tables(s, activity, active_only=False)}
    else:
        names = _table_names(s, tables_needed | set(previous.values()))

    def seat_view(table_id: int, host_label: str | None, members: list, is_host: bool, shown: list) -> dict[str, Any]:
        return {
            "table": table_id,
            "name": names[table_id],
            "host": host_label,
            "is_host": is_host,
            "can_post": is_host or anyone,
            "members": members,
            "cards": shown,
            "handed_on": handed_on.get(table_id),
        }

    # What everyone at a table is shown is built once per table, not once per person (2,000
    # at a round change): its host's seat, and one seat for everyone else there, the same
    # dict for each of them (views are only sent, never changed).
    guest_seat: dict[int, dict[str, Any]] = {}
    host_seat: dict[int, dict[str, Any]] = {}
    for table_id, xs in at_table.items():
        members = sorted(xs, key=lambda x: (not x.is_host, x.id))
        host = next((people[x.participant_id] for x in members if x.is_host), None)
        label = host.label if host else None
        member_views = [
            {"id": x.participant_id, "label": people[x.participant_id].label,
             "host": x.is_host, "without_phone": people[x.participant_id].without_phone}
            for x in members
        ]
        every_round = cards.get(table_id, [])
        # Hosts brief newcomers with every round's cards; the others follow this round's.
        guest_seat[table_id] = seat_view(table_id, label, member_views, False,
                                         [c for c in every_round if c["round"] == focus.number])
        host_seat[table_id] = seat_view(table_id, label, member_views, True, every_round)
    came_from: dict[int, dict[str, Any] | None] = {}
    for pid, seat in mine.items():
        base[pid]["seat"] = (host_seat if seat.is_host else guest_seat)[seat.table_id]
        if pid in previous:
            table_id = previous[pid]
            if table_id not in came_from:
                came_from[table_id] = {"table": table_id, "name": names[table_id]} if table_id in names else None
            base[pid]["previous"] = came_from[table_id]
    return base


class Cafe(ActivityKind):
    name = KIND
    label = N_("World café")
    description = "Tables with hosts; people move between rounds to meet others; hosts harvest insights."
    has_personal_view = True

    def default_config(self) -> dict[str, Any]:
        return {
            "tables": 4,
            "capacity": DEFAULT_CAPACITY,
            "rounds": 3,
            "minutes": DEFAULT_MINUTES,
            "anyone_can_post": False,
        }

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().validate_config(config)
        cleaned["capacity"] = _int(cleaned["capacity"], 2, 20, CAPACITY_WRONG)
        cleaned["minutes"] = _int(cleaned["minutes"], 1, 120, LENGTH_WRONG)
        cleaned["tables"] = clean_tables(cleaned["tables"], cleaned["capacity"])
        cleaned["rounds"] = clean_rounds(cleaned["rounds"], cleaned["minutes"])
        if not isinstance(cleaned["anyone_can_post"], bool):
            raise DomainError(N_("Say yes or no to letting anyone add cards for their table."))
        return cleaned

    board_groupings = board.CAFE_GROUPINGS

    def on_enter(self, s: Session, activity: Activity) -> None:
        sync(s, activity)

    def card_places(self, s, activity, requests):
        return card_places(s, activity, requests)

    def hosts_table(self, s: Session, activity: Activity, participant_id: int, table_id: int) -> bool:
        seat = seat_of(s, activity, participant_id)
        return seat is not None and seat.is_host and seat.table_id == table_id

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return _public(s, activity)


    def participant_views(self, s, activity, participants):
        return personal_views(s, activity, list(participants))

    def view_parts(self, s: Session, activity: Activity, audience: str, parts: frozenset[str]) -> dict[str, Any] | None:
        """The round and its timer alone (``TIMING``: what its start, pause or extension changes),
        or the view without the board (``SEATING``: a seating, a round's end)."""
        if parts == SEATING:
            return _console(s, activity, with_board=False) if audience == "console" else _screen(s, activity, with_board=False)
        if parts != TIMING:
            return None
        all_rounds = rounds(s, activity)
        out: dict[str, Any] = {"round": round_view(focus_round(s, activity), len(all_rounds))}
        if audience == "console":
            out["all_rounds"] = [round_view(r, 0) for r in all_rounds]
        return out

    def participant_view_parts(self, s, activity, participants, parts):
        """At a round's start, in anyone's own view, only the round card a host may write moves."""
        if parts != TIMING:
            return None
        people = {p.id for p in participants}
        writing = essences.round_cards(s, activity, focus_round(s, activity), people)
        return {pid: {"round_card": writing.get(pid)} for pid in people}

    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return _screen(s, activity)

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return _console(s, activity)

    def report_summary(self, s: Session, activity: Activity) -> dict[str, Any]:
        """How many tables, and each round as the console showed it (its number, question, length and status)."""
        shown = ("number", "question", "minutes", "status")
        return {"tables": len(tables(s, activity)), "rounds": [{k: round_view(r, 0)[k] for k in shown} for r in rounds(s, activity)]}

