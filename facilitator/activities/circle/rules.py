"""Check-in and check-out circles: a talking piece goes round and anyone may pass.

The rules, as circle practitioners keep them:

* The round goes in order (join order, shuffled, or as the facilitator
  arranges it) and may start with a volunteer; the order then carries on
  round the circle from them.
* Only the holder of the piece speaks. They say when they are done, or pass.
* A person who passes goes to the end of the queue and is offered another
  turn after the others; they may pass again. The round ends when everyone
  has spoken or passed twice.
* A time box is a gentle signal, never a cut-off; the facilitator may add
  time, pause and resume, skip someone who left, and move the piece on.
* Anyone may ask for a pause (the guardian's call); the facilitator resumes.
* Late arrivals join the queue after everyone still waiting for a first
  turn, so before anyone who passed. Someone who disconnects keeps their
  place and is passed over only if still away when the piece reaches them;
  they are offered it again at the end, and skipped if still away then.
* "I'll go first" during the opening silence does not break the silence:
  the offer is noted and the volunteer gets the piece when the round starts.

Each person's place is a :class:`~facilitator.activities.circle.models.Turn` row; the piece's
timing is on ``Activity.state``. Nothing lives in process memory.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from facilitator.core.reads import READ_ONLY, once_per_read
from facilitator.core.rows import ByIds
from facilitator.core.models import Activity, Participant, utcnow
from facilitator.activities.circle.models import Turn
from facilitator.activities import pulse
from facilitator.core.kinds import ActivityKind, clean_prompt, is_circle
from facilitator.core.errors import Conflict, DomainError, NotAllowed, NotFound
from facilitator.i18n import N_
from facilitator.core.outbound import Changes
from facilitator.core.participants import SOMEONE_COLUMNS, Someone

# A shuffled speaking order is drawn from the operating system's randomness: nobody can
# foresee it from the server's state, and drawing it leaves the interpreter's shared
# generator alone (code and tests that seed that one stay reproducible).
_ORDER = random.SystemRandom()

WAITING = "waiting"
SPEAKING = "speaking"
SPOKEN = "spoken"
PASSED_ONCE = "passed_once"
PASSED_TWICE = "passed_twice"
SKIPPED = "skipped"
# Still to be offered the piece.
OPEN = (WAITING, PASSED_ONCE)

READY = "ready"  # gathered; the piece has not started going round
ROUND = "round"
DONE = "done"

ORDERS = ("join", "shuffle", "arranged")
MAX_SILENCE = 600
MAX_TURN = 3600
MAX_ADD = 1800

def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _fresh_state() -> dict[str, Any]:
    return {
        "phase": READY,
        "silence_ends_at": None,
        "speaker": None,
        "turn_started_at": None,
        "turn_ends_at": None,
        "paused": False,
        "paused_at": None,
        "pause_by": None,
        # Who said "I'll go first" during the opening silence: the piece goes
        # to them when the round starts, not while the room is still quiet.
        "volunteer": None,
    }


def state_of(activity: Activity) -> dict[str, Any]:
    return {**_fresh_state(), **(activity.state or {})}


def _set(activity: Activity, **changes: Any) -> None:
    # A new dict, so SQLAlchemy sees the JSON column change.
    activity.state = {**state_of(activity), **changes}


def _changes(activity: Activity, *people: int | None) -> Changes:
    # A circle's actions change its own state and nothing of the event or its agenda.
    return Changes(
        activity.event_id, phones=True, screen=True, console=True, participants={p for p in people if p},
        activity_only=True,
    )


def is_here(person: Participant) -> bool:
    """Can the piece be given to this person now?"""
    return person.removed_at is None and (person.online or person.without_phone)


# --- the queue -----------------------------------------------------------------


def _turns(s: Session, activity: Activity) -> list[Turn]:
    return list(s.scalars(select(Turn).where(Turn.activity_id == activity.id).order_by(Turn.position, Turn.id)))


_PEOPLE = (
    select(*SOMEONE_COLUMNS)
    .where(Participant.event_id == bindparam("event"))
    .order_by(Participant.id)
)
_TURN_ROWS = (
    select(Turn.participant_id, Turn.status, Turn.passes, Turn.missed)
    .where(Turn.activity_id == bindparam("activity"))
    .order_by(Turn.position, Turn.id)
)


def _people(s: Session, activity: Activity) -> dict[int, Someone]:
    # Session.execute, not the bare connection: pending changes are flushed first.
    return {r[0]: Someone._make(r) for r in s.execute(_PEOPLE, {"event": activity.event_id})}


def _offered_before(status: str, passes: int, missed: int) -> bool:
    """Passed, or passed over while away: offered the piece again only after
    everyone who has not yet been offered it."""
    return status in OPEN and bool(passes or missed)


def sync_turns(s: Session, activity: Activity) -> list[Turn]:
    """The round's turns in order, with late arrivals added after everyone
    waiting for a first turn (so before anyone who passed) and people the
    facilitator removed marked skipped."""
    return _sync(s, activity)[0]


def _sync(s: Session, activity: Activity) -> tuple[list[Turn], dict[int, Someone]]:
    """:func:`sync_turns`, and the people it read (for :func:`_advance`: read once per action)."""
    turns = _turns(s, activity)
    people = _people(s, activity)
    have = {t.participant_id for t in turns}
    newcomers = [p for p in people.values() if p.id not in have and p.removed_at is None]
    if not turns and activity.config.get("order") == "shuffle":
        _ORDER.shuffle(newcomers)
    at = min((t.position for t in turns if _offered_before(t.status, t.passes, t.missed)), default=None)
    if at is None:
        at = (turns[-1].position + 1) if turns else 0
    elif newcomers:
        for turn in turns:
            if turn.position >= at:
                turn.position += len(newcomers)
    for i, person in enumerate(newcomers):
        turn = Turn(activity_id=activity.id, participant_id=person.id, position=at + i, status=WAITING)
        s.add(turn)
        turns.append(turn)
    for turn in turns:
        person = people.get(turn.participant_id)
        if person is not None and person.removed_at is not None and turn.status in OPEN:
            turn.status = SKIPPED
    s.flush()
    turns.sort(key=lambda t: (t.position, t.id))
    return turns, people


@dataclass(frozen=True)
class Seat:
    """A person's place in the round, as views show it."""

    person: Someone
    status: str
    passes: int
    position: int
    missed: int = 0

    def entry(self) -> dict[str, Any]:
        return {"id": self.person.id, "label": self.person.label, "status": self.status, "passes": self.passes}


def lineup(s: Session, activity: Activity) -> list[Seat]:
    """The round as it stands, read-only: people who arrived since the last
    change are shown where they will be added, at the end."""
    return once_per_read(s, ("circle.lineup", activity.id), lambda: _lineup(s, activity))


def _lineup(s: Session, activity: Activity) -> list[Seat]:
    people = _people(s, activity)
    seats = []
    have = set()
    for participant_id, status, passes, missed in s.execute(_TURN_ROWS, {"activity": activity.id}):
        have.add(participant_id)
        person = people.get(participant_id)
        if person is None or (person.removed_at is not None and status != SPOKEN):
            continue
        seats.append(Seat(person, status, passes, 0, missed))
    # Where sync_turns will put them: before the first person offered the piece already.
    at = next((i for i, x in enumerate(seats) if _offered_before(x.status, x.passes, x.missed)), len(seats))
    newcomers = [Seat(p, WAITING, 0, 0) for p in people.values() if p.id not in have and p.removed_at is None]
    seats[at:at] = newcomers
    return [Seat(x.person, x.status, x.passes, i, x.missed) for i, x in enumerate(seats)]


def _turn_of(turns: Iterable[Turn], participant_id: int) -> Turn | None:
    return next((t for t in turns if t.participant_id == participant_id), None)


def _current(s: Session, activity: Activity) -> Activity:
    if not is_circle(activity.kind):
        raise DomainError(N_("There is no circle running just now."))
    return activity


def _give(s: Session, activity: Activity, turn: Turn, now: datetime) -> None:
    st = state_of(activity)
    turn.status = SPEAKING
    # Being away counts towards a skip only until they are here for the piece.
    turn.missed = 0
    seconds = int(activity.config.get("turn_seconds") or 0)
    _set(
        activity,
        phase=ROUND,
        speaker=turn.participant_id,
        turn_started_at=_iso(now),
        turn_ends_at=_iso(now + timedelta(seconds=seconds)) if seconds else None,
        silence_ends_at=None,
        paused_at=_iso(now) if st["paused"] else None,
        volunteer=None,
    )


def _advance(
    s: Session, activity: Activity, turns: list[Turn], now: datetime, people: dict[int, Someone] | None = None
) -> set[int]:
    """Give the piece to the next person who is here; returns whose turns changed.

    ``people`` as :func:`_sync` read them in the same action, or read here.
    """
    if people is None:
        people = _people(s, activity)
    touched: set[int] = set()
    while True:
        waiting = sorted((t for t in turns if t.status in OPEN), key=lambda t: (t.position, t.id))
        if not waiting:
            _set(activity, phase=DONE, speaker=None, turn_started_at=None, turn_ends_at=None,
                 paused=False, paused_at=None, pause_by=None)
            return touched
        turn = waiting[0]
        person = people.get(turn.participant_id)
        if person is not None and is_here(person):
            _give(s, activity, turn, now)
            touched.add(turn.participant_id)
            return touched
        # Away when the piece reached them: offered again at the end, then skipped.
        turn.missed += 1
        touched.add(turn.participant_id)
        if turn.missed >= 2 or person is None or person.removed_at is not None:
            turn.status = SKIPPED
        else:
            turn.position = max(t.position for t in turns) + 1


def _rotate_to(turns: list[Turn], participant_id: int) -> None:
    """Carry on round the circle from this person: those before them go after."""
    open_turns = sorted((t for t in turns if t.status in OPEN), key=lambda t: (t.position, t.id))
    index = next((i for i, t in enumerate(open_turns) if t.participant_id == participant_id), None)
    if index is None:
        return
    ordered = open_turns[index:] + open_turns[:index]
    base = min(t.position for t in turns)
    for i, t in enumerate(ordered):
        t.position = base - len(ordered) + i


def _speaker_turn(turns: list[Turn], activity: Activity) -> Turn | None:
    speaker = state_of(activity)["speaker"]
    return _turn_of(turns, speaker) if speaker else None


# --- what the facilitator and the people do -------------------------------------


def begin_silence(s: Session, activity: Activity, *, now: datetime | None = None) -> Changes:
    """Start the opening silence: a calm countdown on the screen and phones."""
    _current(s, activity)
    now = now or utcnow()
    seconds = int(activity.config.get("silence_seconds") or 0)
    if seconds <= 0:
        raise DomainError(N_("This circle has no opening silence; set its length in the activity's settings."))
    if state_of(activity)["phase"] != READY:
        raise Conflict(N_("The round has already started."))
    _set(activity, silence_ends_at=_iso(now + timedelta(seconds=seconds)))
    return _changes(activity)


def _silence_running(st: dict[str, Any], now: datetime) -> bool:
    """Is the opening silence still being kept? A pause holds it where it was."""
    ends = _parse(st["silence_ends_at"])
    if ends is None or st["phase"] != READY:
        return False
    at = (_parse(st["paused_at"]) or now) if st["paused"] else now
    return at < ends


def _standing_volunteer(s: Session, turns: list[Turn], st: dict[str, Any]) -> int | None:
    """Who offered to go first, if they are still here and waiting; a volunteer who has left is not waited for."""
    if not st["volunteer"]:
        return None
    turn = _turn_of(turns, st["volunteer"])
    person = s.get(Participant, st["volunteer"])
    if turn is None or turn.status not in OPEN or person is None or not is_here(person):
        return None
    return turn.participant_id


def start(s: Session, activity: Activity, participant_id: int | None = None, *, now: datetime | None = None) -> Changes:
    """Start the round: with this person, with whoever offered to go first
    during the silence, or with the first in the order."""
    _current(s, activity)
    now = now or utcnow()
    st = state_of(activity)
    if st["phase"] != READY:
        raise Conflict(N_("The round has already started."))
    turns, people = _sync(s, activity)
    if participant_id is None:
        participant_id = _standing_volunteer(s, turns, st)
    if participant_id is not None:
        turn = _turn_of(turns, participant_id)
        if turn is None or turn.status not in OPEN:
            raise NotFound(N_("That person is not waiting for a turn in this circle."))
        _rotate_to(turns, participant_id)
    touched = _advance(s, activity, turns, now, people)
    return _changes(activity, *touched)


def volunteer(s: Session, activity: Activity, person: Participant, *, now: datetime | None = None) -> Changes:
    """'I'll go first': the round starts with this person.

    During the opening silence the offer is only noted, so the silence is
    kept; the piece goes to them when the facilitator starts the round.
    """
    _current(s, activity)
    now = now or utcnow()
    st = state_of(activity)
    if st["phase"] != READY:
        raise Conflict(N_("The round has already started; the piece will come to you in turn."))
    turns = sync_turns(s, activity)
    if _standing_volunteer(s, turns, st) not in (None, person.id):
        raise Conflict(N_("Someone has already offered to go first; the piece will come to you in turn."))
    if not _silence_running(st, now):
        return start(s, activity, person.id, now=now)
    turn = _turn_of(turns, person.id)
    if turn is None or turn.status not in OPEN:
        raise NotFound(N_("You are not waiting for a turn in this circle."))
    _set(activity, volunteer=person.id)
    return _changes(activity, person.id)


def _own_turn(s: Session, activity: Activity, participant_id: int):
    """The circle's turns and people, and the speaker's turn: theirs, or a refusal."""
    _current(s, activity)
    turns, people = _sync(s, activity)
    turn = _speaker_turn(turns, activity)
    if turn is None or turn.participant_id != participant_id:
        raise NotAllowed(N_("It is not your turn just now; the piece will come to you."))
    return turns, people, turn


def finish(s: Session, activity: Activity, participant_id: int, *, now: datetime | None = None) -> Changes:
    """The speaker is done: the piece moves on."""
    now = now or utcnow()
    turns, people, turn = _own_turn(s, activity, participant_id)
    turn.status = SPOKEN
    touched = _advance(s, activity, turns, now, people)
    return _changes(activity, participant_id, *touched)


def pass_turn(s: Session, activity: Activity, participant_id: int, *, now: datetime | None = None) -> Changes:
    """The speaker passes: offered another turn after the others (once more)."""
    now = now or utcnow()
    turns, people, turn = _own_turn(s, activity, participant_id)
    turn.passes += 1
    if turn.passes >= 2:
        turn.status = PASSED_TWICE
    else:
        turn.status = PASSED_ONCE
        turn.position = max(t.position for t in turns) + 1
    touched = _advance(s, activity, turns, now, people)
    return _changes(activity, participant_id, *touched)


def move_on(s: Session, activity: Activity, *, now: datetime | None = None) -> Changes:
    """The facilitator moves the piece on: starts the round, or ends the speaker's turn."""
    _current(s, activity)
    st = state_of(activity)
    if st["phase"] == READY:
        return start(s, activity, now=now)
    if st["phase"] == DONE:
        raise Conflict(N_("Everyone has had their turn; the round is over."))
    if st["speaker"]:
        # One small query, not the round's 2,000 turns: finish reads them anyway.
        held = s.scalar(select(Turn.id).where(Turn.activity_id == activity.id, Turn.participant_id == st["speaker"]))
        if held is not None:
            return finish(s, activity, st["speaker"], now=now)
    # The speaker's record was erased: carry on with the next person.
    touched = _advance(s, activity, sync_turns(s, activity), now or utcnow())
    return _changes(activity, *touched)


def pass_for_speaker(s: Session, activity: Activity, participant_id: int | None = None, *, now: datetime | None = None) -> Changes:
    """The facilitator passes on behalf of the speaker (someone without a phone)."""
    speaker = state_of(_current(s, activity))["speaker"]
    if speaker is None:
        raise Conflict(N_("Nobody holds the talking piece just now."))
    if participant_id is not None and participant_id != speaker:
        raise Conflict(N_("That person does not hold the talking piece just now."))
    return pass_turn(s, activity, speaker, now=now)


def finish_for_speaker(s: Session, activity: Activity, participant_id: int | None = None, *, now: datetime | None = None) -> Changes:
    speaker = state_of(_current(s, activity))["speaker"]
    if speaker is None:
        raise Conflict(N_("Nobody holds the talking piece just now."))
    if participant_id is not None and participant_id != speaker:
        raise Conflict(N_("That person does not hold the talking piece just now."))
    return finish(s, activity, speaker, now=now)


def skip(s: Session, activity: Activity, participant_id: int, *, now: datetime | None = None) -> Changes:
    """Skip someone who has left: they are not offered the piece again."""
    _current(s, activity)
    now = now or utcnow()
    turns, people = _sync(s, activity)
    turn = _turn_of(turns, participant_id)
    if turn is None:
        raise NotFound(N_("That person is not in this circle."))
    if turn.status not in (*OPEN, SPEAKING):
        raise Conflict(N_("That person has already had their turn."))
    was_speaking = turn.status == SPEAKING
    turn.status = SKIPPED
    touched = {participant_id}
    if was_speaking:
        touched |= _advance(s, activity, turns, now, people)
    return _changes(activity, *touched)


def pause(s: Session, activity: Activity, *, by: str = "facilitator", now: datetime | None = None) -> Changes:
    """Pause the circle: the speaker's clock stops until the facilitator resumes."""
    _current(s, activity)
    st = state_of(activity)
    if st["phase"] == DONE:
        raise Conflict(N_("The round is over; there is nothing to pause."))
    if st["paused"]:
        if by == "facilitator" and st["pause_by"] != "facilitator":
            _set(activity, pause_by="facilitator")
            return _changes(activity)
        return Changes(activity.event_id)
    _set(activity, paused=True, paused_at=_iso(now or utcnow()), pause_by=by)
    return _changes(activity)


def ask_for_pause(s: Session, activity: Activity, person: Participant, *, now: datetime | None = None) -> Changes:
    """Anyone may ask for a pause (the guardian's call); it shows on the big screen."""
    return pause(s, activity, by="guardian", now=now)


def resume(s: Session, activity: Activity, *, now: datetime | None = None) -> Changes:
    """Carry on: the speaker's clock and time box continue where they stopped."""
    _current(s, activity)
    st = state_of(activity)
    if not st["paused"]:
        raise Conflict(N_("The circle is not paused."))
    now = now or utcnow()
    paused_at = _parse(st["paused_at"]) or now
    gap = now - paused_at
    started = _parse(st["turn_started_at"])
    ends = _parse(st["turn_ends_at"])
    silence = _parse(st["silence_ends_at"])
    _set(
        activity,
        paused=False,
        paused_at=None,
        pause_by=None,
        turn_started_at=_iso(started + gap) if started else None,
        turn_ends_at=_iso(ends + gap) if ends else None,
        silence_ends_at=_iso(silence + gap) if silence and silence > paused_at else st["silence_ends_at"],
    )
    return _changes(activity)


def add_time(s: Session, activity: Activity, seconds: int, *, now: datetime | None = None) -> Changes:
    """Give the speaker more time: the time box moves on by ``seconds``."""
    _current(s, activity)
    st = state_of(activity)
    if not st["speaker"]:
        raise Conflict(N_("Nobody holds the talking piece just now."))
    if not 1 <= seconds <= MAX_ADD:
        raise DomainError(N_("Add between 1 second and {minutes} minutes."), minutes=MAX_ADD // 60)
    now = now or utcnow()
    ends = _parse(st["turn_ends_at"])
    if ends is None:
        # No time box yet: one starts now, measured from the time already spoken.
        ends = _parse(st["paused_at"]) if st["paused"] else now
    _set(activity, turn_ends_at=_iso(ends + timedelta(seconds=seconds)))
    return _changes(activity)


def arrange(s: Session, activity: Activity, how: str, order: list[int] | None = None) -> Changes:
    """Reorder the people still waiting: by join order, shuffled, or as given."""
    _current(s, activity)
    turns = sync_turns(s, activity)
    waiting = sorted((t for t in turns if t.status in OPEN), key=lambda t: (t.position, t.id))
    if how == "join":
        ordered = sorted(waiting, key=lambda t: t.participant_id)
    elif how == "shuffle":
        ordered = waiting[:]
        _ORDER.shuffle(ordered)
    elif how == "arranged":
        order = list(order or [])
        if len(set(order)) != len(order):
            raise DomainError(N_("Each person can appear only once in the order."))
        by_id = {t.participant_id: t for t in waiting}
        unknown = [pid for pid in order if pid not in by_id]
        if unknown:
            raise DomainError(N_("Some of those people are not waiting for a turn; refresh and try again."))
        ordered = [by_id[pid] for pid in order] + [t for t in waiting if t.participant_id not in set(order)]
    else:
        raise DomainError(N_("Arrange the order by join order, shuffled, or as you list it."))
    base = max((t.position for t in turns if t.status not in OPEN), default=-1) + 1
    base = max(base, min((t.position for t in waiting), default=0))
    for i, t in enumerate(ordered):
        t.position = base + i
    return _changes(activity)


def restart(s: Session, activity: Activity) -> Changes:
    """Begin the round again from the start, everyone waiting."""
    _current(s, activity)
    s.execute(delete(Turn).where(Turn.activity_id == activity.id))
    kept = {k: v for k, v in (activity.state or {}).items() if k == pulse.STATE_KEY}
    # The pulse's shown aggregates are not part of the round: they stay.
    activity.state = {**_fresh_state(), **kept}
    s.flush()
    sync_turns(s, activity)
    return Changes.everything(activity.event_id)


# --- views -----------------------------------------------------------------------


def _next_up(seats: list[Seat], speaker: int | None, first: int | None = None) -> Seat | None:
    waiting = [x for x in seats if x.status in OPEN and x.person.id != speaker]
    offered = next((x for x in waiting if x.person.id == first and is_here(x.person)), None)
    if offered is not None:
        return offered
    return next((x for x in waiting if is_here(x.person)), waiting[0] if waiting else None)


def public_view(s: Session, activity: Activity) -> dict[str, Any]:
    """What every phone shows about the round: who speaks, who is next, the counts.

    Not the whole queue: in a hall of hundreds that would be a list of every
    person sent to every phone at every turn. The screen and the console
    add it (``screen_queue``). A phone is told whether it speaks or is next,
    not how many are ahead of it: that count changes at every turn and would
    mean a patch to every phone at every move.
    """
    st = state_of(activity)
    seats = lineup(s, activity)
    speaker = next((x for x in seats if x.person.id == st["speaker"]), None)
    first = st["volunteer"] if st["phase"] == READY else None
    nxt = _next_up(seats, st["speaker"], first) if st["phase"] != DONE else None
    volunteer = next((x for x in seats if x.person.id == first and x.status in OPEN and is_here(x.person)), None)
    cfg = activity.config
    return {
        "prompt": cfg.get("prompt") or "",
        "phase": st["phase"],
        "silence_seconds": int(cfg.get("silence_seconds") or 0),
        "silence_ends_at": st["silence_ends_at"],
        "chime": bool(cfg.get("chime")),
        "turn_seconds": int(cfg.get("turn_seconds") or 0),
        "speaker": {"id": speaker.person.id, "label": speaker.person.label} if speaker else None,
        "turn_started_at": st["turn_started_at"] if speaker else None,
        "turn_ends_at": st["turn_ends_at"] if speaker else None,
        "paused": st["paused"],
        "paused_at": st["paused_at"],
        "pause_by": st["pause_by"],
        "next": {"id": nxt.person.id, "label": nxt.person.label} if nxt else None,
        "volunteer": {"id": volunteer.person.id, "label": volunteer.person.label} if volunteer else None,
        "counts": {
            "spoken": sum(1 for x in seats if x.status == SPOKEN),
            "waiting": sum(1 for x in seats if x.status in OPEN),
            "passed": sum(1 for x in seats if x.passes),
        },
        "pulse": pulse.enabled(activity),
    }


def screen_queue(s: Session, activity: Activity) -> list[dict[str, Any]]:
    return [x.entry() for x in lineup(s, activity)]


# One letter a person for where each stands in the round, on the big screen.
TURN_LETTERS = {WAITING: "w", SPEAKING: "S", SPOKEN: "s", PASSED_ONCE: "p", PASSED_TWICE: "P", SKIPPED: "k"}


def screen_order(s: Session, activity: Activity) -> tuple[list[dict[str, Any]], str]:
    """The order of the round for the big screen: who (changes when people come and go) and,
    apart, how each stands (changes at every move), one letter each (``TURN_LETTERS``).

    At 2,000 people a move changes two letters of a 2,000-letter string; the
    names are sent again only when they change (delivery/screen_lists.py)."""
    seats = lineup(s, activity)
    return [{"id": x.person.id, "label": x.person.label} for x in seats], "".join(TURN_LETTERS[x.status] for x in seats)


def console_queue(s: Session, activity: Activity) -> list[dict[str, Any]]:
    return [
        {**x.entry(), "online": x.person.online, "without_phone": x.person.without_phone}
        for x in lineup(s, activity)
    ]


# Up to this many people, their own views read their own turns, not the whole line-up.
FEW = 20


def personal_views(s: Session, activity: Activity, persons: Iterable[Participant]) -> dict[int, dict[str, Any]]:
    persons = list(persons)
    if len(persons) > FEW or s.info.get(READ_ONLY):
        # Everyone's, or a publish's (a move of the piece): the line-up the other views
        # of the same read use too, read once.
        seats = {x.person.id: (x.status, x.passes) for x in lineup(s, activity)}
    else:
        # A phone connecting: at 2,000 people the whole line-up for one person made a
        # reconnect storm quadratic.
        seats = _own_seats(s, activity, persons)
    answered = pulse.answered_among(s, activity, [p.id for p in persons]) if pulse.enabled(activity) else set()
    out = {}
    for p in persons:
        status, passes = seats.get(p.id) or (None, 0)
        out[p.id] = {"status": status, "passes": passes, "pulse_answered": p.id in answered}
    return out


_TURNS = select(Turn.participant_id, Turn.status, Turn.passes).where(Turn.activity_id == bindparam("activity"))
_OWN_TURNS = ByIds(_TURNS.where, Turn.participant_id)  # a phone connecting is one person


def _own_seats(s: Session, activity: Activity, persons: list) -> dict[int, tuple[str, int]]:
    """These people's places in :func:`lineup` as (status, passes); nobody who is not in it."""
    turns = {pid: (status, passes) for pid, status, passes in s.execute(*_OWN_TURNS.of([p.id for p in persons], activity=activity.id))}
    seats = {}
    for p in persons:
        turn = turns.get(p.id)
        if turn is None and p.removed_at is None:
            seats[p.id] = (WAITING, 0)  # arrived since the last change: shown waiting, at the end
        elif turn is not None and (p.removed_at is None or turn[0] == SPOKEN):
            seats[p.id] = turn
    return seats


# --- the kinds -------------------------------------------------------------------


class CircleKind(ActivityKind):
    """What check-in and check-out share: the talking piece and the pulse."""

    has_personal_view = True
    is_circle = True
    default_prompt = ""
    # The queue (screen, console: who is in it, who is away) and the phones'
    # "next" and counts change when someone arrives, leaves or drops off.
    views_showing_people = frozenset({"phones", "screen", "console"})

    def held_contributions(self, s: Session, activity: Activity) -> int:
        taken = select(func.count()).select_from(Turn).where(Turn.activity_id == activity.id, Turn.status != "waiting")
        return (s.scalar(taken) or 0) + pulse.answers_held(s, activity)

    def default_config(self) -> dict[str, Any]:
        return {
            "prompt": self.default_prompt,
            "silence_seconds": 0,
            "turn_seconds": 0,
            "order": "join",
            "pulse": False,
            # One soft chime from the big screen when the opening silence ends
            # (never from the phones: a room full of phones chiming is not calm).
            "chime": False,
        }

    def validate_config(self, config: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().validate_config(config)
        cleaned["prompt"] = clean_prompt(cleaned.get("prompt"), self.default_prompt)
        for key, top, refusal in (
            ("silence_seconds", MAX_SILENCE, N_("The opening silence is a number of seconds from 0 to {top}.")),
            ("turn_seconds", MAX_TURN, N_("The time for each person is a number of seconds from 0 to {top}.")),
        ):
            value = cleaned.get(key)
            if value is None or value == "":
                value = 0
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                raise DomainError(refusal, top=top)
            cleaned[key] = value
        if cleaned.get("order") not in ORDERS:
            raise DomainError(N_("The order is one of: join order, shuffled, or arranged by the facilitator."))
        for key in [k for k, v in self.default_config().items() if isinstance(v, bool)]:
            if not isinstance(cleaned.get(key), bool):
                raise DomainError(N_("The setting {key} is on or off (true or false)."), key=repr(key))
        return cleaned

    def on_enter(self, s: Session, activity: Activity) -> None:
        if not activity.state:
            activity.state = _fresh_state()
        sync_turns(s, activity)

    def on_config_change(self, s: Session, activity: Activity, before: dict[str, Any]) -> None:
        """A new order (join or shuffled) applies to the people waiting, until the round starts."""
        order = activity.config.get("order")
        if (
            order != before.get("order")
            and order in ("join", "shuffle")
            and activity.event.current_activity_id == activity.id
            and state_of(activity)["phase"] == READY
        ):
            arrange(s, activity, order)

    def public_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        return public_view(s, activity)

    def participant_views(self, s, activity, participants):
        return personal_views(s, activity, participants)


    def screen_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        # "Our agreements" are in every screen snapshot (views.screen_snapshot), not here.
        view = self.public_view(s, activity)
        view["queue"], view["turns"] = screen_order(s, activity)
        if pulse.enabled(activity):
            view["pulse_results"] = pulse.activity_aggregates(s, activity)
        return view

    def console_view(self, s: Session, activity: Activity) -> dict[str, Any]:
        view = self.screen_view(s, activity)
        del view["turns"]
        view["queue"] = console_queue(s, activity)
        view["config"] = activity.config
        return view

    def report_summary(self, s: Session, activity: Activity) -> dict[str, Any]:
        """How the round went, from its turns: how many were in it, spoke, and passed (at the end)."""
        statuses = Counter(s.scalars(select(Turn.status).where(Turn.activity_id == activity.id)))
        return {"in_circle": sum(statuses.values()), "spoke": statuses[SPOKEN],
                "passed": statuses[PASSED_ONCE] + statuses[PASSED_TWICE]}


class CheckIn(CircleKind):
    name = "checkin"
    label = N_("Check-in circle")
    description = "A talking piece goes round: each person speaks to the prompt, or passes."
    default_prompt = N_("What brings you here today?")
