"""What the room needs on paper: table tents, the door's QR poster, the facilitator's run sheet,
and name-and-table cards for people without a phone.

Plain descriptions for the print pages (``web/printables.py``): no HTML here,
no I/O beyond reading the event.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Event, Participant
from facilitator.activities.cafe import rules as cafe
from facilitator.core.kinds import is_circle, kind_of
from facilitator import i18n
from facilitator.i18n import N_



@dataclass(frozen=True)
class Tent:
    table: str
    question: str
    # The question in a bilingual event's second language, when it has a version there (None: not).
    question_second: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a person sits in one round of the café: ``table`` is None until that round is seated."""

    round: int
    table: str | None
    hosting: bool = False


@dataclass(frozen=True)
class SeatCard:
    """A card to hand to someone without a phone: their name and their table in each round."""

    name: str
    places: list[Place]


@dataclass(frozen=True)
class TableHosts:
    table: str
    host: str | None


@dataclass(frozen=True)
class RunItem:
    """One activity on the run sheet: about how long it takes, and what the facilitator says or asks."""

    number: int
    title: str
    kind_label: str
    current: bool
    minutes: int | None  # an estimate; None when nothing in the settings says
    starts_after: int  # minutes from the start: the estimates of the activities before it, added up
    plus: bool  # some activity before it has no estimate, so it starts that much later
    lines: list[tuple[str, str]] = field(default_factory=list)  # (what, text): prompt, question, settings
    hosts: list[TableHosts] = field(default_factory=list)


def the_cafe(event: Event) -> Activity | None:
    """The café the tents are for: the one running, else the first on the agenda."""
    current = event.current_activity
    if current is not None and current.kind == cafe.KIND:
        return current
    return next((a for a in event.activities if a.kind == cafe.KIND), None)


def _question_now(s: Session, activity: Activity) -> tuple[int, str]:
    """The focus round's number and question, else the first round's."""
    focus = cafe.focus_round(s, activity)
    if focus is not None:
        return focus.number, focus.question
    rounds = activity.config.get("rounds") or []
    return 1, (rounds[0]["question"] if rounds else "")


def table_tents(s: Session, event: Event, language: str = i18n.SOURCE, second: str | None = None) -> list[Tent]:
    """One tent per table of the café (in the tables' order), with the current round's question
    (in ``language`` when it is an agenda template's) and, for a bilingual event, its version in
    the ``second`` language (the facilitator's, or the catalogue's for a template's question)."""
    activity = the_cafe(event)
    if activity is None:
        return []
    number, written = _question_now(s, activity)
    question = _as_written(written, language)
    in_second = None
    if second and written:
        versions = ((activity.texts_in or {}).get(second) or {}).get("rounds") or {}
        in_second = versions.get(str(number)) or _as_written(written, second)
        in_second = None if in_second == question else in_second
    rows = cafe.tables(s, activity)
    names = [t.name for t in rows] if rows else [t["name"] for t in activity.config.get("tables", [])]
    return [Tent(name, question, in_second) for name in names]


def event_texts_in(event: Event, second: str | None) -> dict[str, str]:
    """The event's title and purpose in a bilingual event's ``second`` language, where the
    facilitator wrote a version (for the poster, beneath the originals)."""
    versions = (event.texts_in or {}).get(second or "") or {}
    originals = {"title": event.title, "purpose": event.purpose}
    return {k: v for k, v in versions.items() if k in originals and v and originals[k] and v != originals[k]}


def seat_cards(s: Session, event: Event, *, everyone: bool = False) -> list[SeatCard]:
    """One card per person without a phone (or per person, ``everyone``), by name, with their
    table in every round of the café: a round not seated yet shows as such (print again then)."""
    activity = the_cafe(event)
    if activity is None:
        return []
    who = select(Participant).where(Participant.event_id == event.id, Participant.removed_at.is_(None))
    if not everyone:
        who = who.where(Participant.without_phone.is_(True))
    people = sorted(s.scalars(who), key=lambda p: (p.label.casefold(), p.id))
    names = {t.id: t.name for t in cafe.tables(s, activity, active_only=False)}
    seated = {
        r.number: {seat.participant_id: seat for seat in cafe.seats(s, r)} if r.seated else None
        for r in cafe.rounds(s, activity)
    }
    cards = []
    for person in people:
        places = []
        for number, seats in seated.items():
            seat = seats.get(person.id) if seats is not None else None
            places.append(Place(number, names.get(seat.table_id) if seat else None, bool(seat and seat.is_host)))
        cards.append(SeatCard(person.label, places))
    return cards


def _hosts(s: Session, activity: Activity) -> list[TableHosts]:
    """Who hosts each table: seated as host in the focus round, else chosen for the table."""
    rows = cafe.tables(s, activity)
    if not rows:
        return [TableHosts(t["name"], None) for t in activity.config.get("tables", [])]
    focus = cafe.focus_round(s, activity)
    seated = {seat.table_id: seat.participant_id for seat in cafe.seats(s, focus) if seat.is_host} if focus and focus.seated else {}
    wanted = {t.id: seated.get(t.id, t.host_id) for t in rows}
    ids = {p for p in wanted.values() if p}
    people = {p.id: p for p in s.scalars(select(Participant).where(Participant.id.in_(ids)))} if ids else {}
    out = []
    for t in rows:
        person = people.get(wanted[t.id])
        out.append(TableHosts(t.name, person.label if person is not None and person.removed_at is None else None))
    return out


def _present(s: Session, event: Event) -> int:
    return len(list(s.scalars(select(Participant.id).where(Participant.event_id == event.id, Participant.removed_at.is_(None)))))


def _circle_minutes(config: dict, people: int) -> int | None:
    turn = int(config.get("turn_seconds") or 0)
    if not turn or not people:
        return None
    return -(-(int(config.get("silence_seconds") or 0) + turn * people) // 60)


def _seconds(n: int, _) -> str:
    if n % 60 == 0:
        return _(N_("{minutes} min"), minutes=n // 60)
    return _(N_("{seconds} s"), seconds=n) if n < 60 else _(N_("{minutes} min {seconds} s"), minutes=n // 60, seconds=n % 60)


def _as_written(text: str, language: str) -> str:
    """A title, prompt or question in ``language`` when the toolkit wrote it (a kind's name, a default
    prompt, an agenda template's words: sentences of the catalogues), else as the facilitator typed it."""
    return i18n.gettext(language, text) if text in i18n.sentences() else text


def run_sheet(s: Session, event: Event, language: str = i18n.SOURCE) -> list[RunItem]:
    """The agenda in order, with estimated times, prompts, questions and who hosts where;
    its own words in ``language`` (the print page's: the event's), the toolkit's titles and prompts too."""
    _ = functools.partial(i18n.gettext, language)
    people = _present(s, event)
    items: list[RunItem] = []
    elapsed = 0
    unknown = False
    for number, activity in enumerate(event.activities, start=1):
        config = activity.config or {}
        lines: list[tuple[str, str]] = []
        hosts: list[TableHosts] = []
        minutes: int | None = None
        if is_circle(activity.kind):
            if config.get("prompt"):
                lines.append((_(N_("Prompt")), _as_written(config["prompt"], language)))
            if config.get("silence_seconds"):
                lines.append((_(N_("Opening silence")), _seconds(int(config["silence_seconds"]), _)))
            lines.append((_(N_("Time for each person")),
                          _seconds(int(config["turn_seconds"]), _) if config.get("turn_seconds") else _(N_("no time box"))))
            minutes = _circle_minutes(config, people)
        elif activity.kind == cafe.KIND:
            rounds = config.get("rounds") or []
            for i, r in enumerate(rounds, start=1):
                lines.append((_(N_("Round {round} ({minutes} min)"), round=i, minutes=r["minutes"]),
                              _as_written(r["question"], language)))
            minutes = sum(int(r["minutes"]) for r in rounds) or None
            hosts = _hosts(s, activity)
        elif activity.kind == "welcome":
            message = config.get("message") or event.welcome_text
            if message:
                lines.append((_(N_("Welcome")), message))
        elif config.get("prompt"):
            lines.append((_(N_("Prompt")), _as_written(config["prompt"], language)))
        if activity.kind == "harvest" and config.get("dots"):
            lines.append((_(N_("Dots each")), str(config["dots"])))
        items.append(RunItem(
            number=number,
            title=_as_written(activity.title, language),
            kind_label=kind_of(activity.kind).label,
            current=activity.id == event.current_activity_id,
            minutes=minutes,
            starts_after=elapsed,
            plus=unknown,
            lines=lines,
            hosts=hosts,
        ))
        elapsed += minutes or 0
        unknown = unknown or minutes is None
    return items
