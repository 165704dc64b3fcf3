"""The table host's round card: the essence of a round at a table, and a question for the next group.

On paper, a host leaves a note on the tablecloth for whoever sits down
next. Here, the host of a round writes it during the round or once it has
ended (while the next round is being seated); the next round's arrivals at
that table, the host too, read it on their phones when they sit down. The
board keeps one per table per round: writing again replaces it, writing
both lines empty clears it. It is its author's, and leaves with them when
they are erased, as their cards do (``erasure.WITHDRAWALS``).
"""
from __future__ import annotations

from typing import Any, Collection, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitator.core.models import Activity, Participant, utcnow
from facilitator.activities.cafe.models import CafeEssence, CafeRound, CafeTable, Seat
from facilitator.core.errors import DomainError, NotAllowed
from facilitator.i18n import N_
from facilitator.core.outbound import Changes
from facilitator.core.reads import FEW
from facilitator.core.text import clean

ESSENCE_MAX = 300  # one or two lines on a phone
QUESTION_MAX = 300


def _clean(value: str, most: int, too_long: str) -> str:
    value = clean(value or "", multiline=True)
    if len(value) > most:
        raise DomainError(too_long, limit=most)
    return value


def _round(s: Session, activity: Activity, number: int) -> CafeRound:
    round_ = s.scalar(select(CafeRound).where(CafeRound.activity_id == activity.id, CafeRound.number == number))
    if round_ is None or round_.status == "planned":
        raise NotAllowed(N_("Round {number} has not begun: its card is written during the round or once it has ended."), number=number)
    return round_


def write(s: Session, activity: Activity, person: Participant, round_number: int, essence: str, question: str) -> Changes:
    """The host of ``round_number`` at their table writes (or replaces, or with both empty clears) its round card."""
    round_ = _round(s, activity, round_number)
    seat = s.scalar(select(Seat).where(Seat.round_id == round_.id, Seat.participant_id == person.id)) if round_.seated else None
    if seat is None or not seat.is_host:
        raise NotAllowed(N_("Only the table's host in round {number} writes its round card."), number=round_number)
    essence = _clean(essence, ESSENCE_MAX, N_("The essence can be at most {limit} characters: one or two lines."))
    question = _clean(question, QUESTION_MAX, N_("The question can be at most {limit} characters: one or two lines."))
    existing = s.scalar(select(CafeEssence).where(CafeEssence.round_id == round_.id, CafeEssence.table_id == seat.table_id))
    if not essence and not question:
        if existing is not None:
            s.delete(existing)
    elif existing is None:
        s.add(CafeEssence(round_id=round_.id, table_id=seat.table_id, author_id=person.id,
                          essence=essence, question=question, updated_at=utcnow()))
    else:
        existing.essence, existing.question, existing.author_id, existing.updated_at = essence, question, person.id, utcnow()
    s.flush()
    # Who reads it: its writer, and whoever sits at that table in the round after it.
    readers = set(s.scalars(
        select(Seat.participant_id)
        .join(CafeRound, CafeRound.id == Seat.round_id)
        .where(CafeRound.activity_id == activity.id, CafeRound.number == round_number + 1,
               CafeRound.seated.is_(True), Seat.table_id == seat.table_id)
    ))
    return Changes(activity.event_id, console=True, participants=readers | {person.id})


def _view(e: CafeEssence) -> dict[str, Any]:
    return {"essence": e.essence, "question": e.question}


def of_round(s: Session, round_: CafeRound | None, tables: Collection[int] | None = None) -> dict[int, dict[str, Any]]:
    """table id -> the round card written at that table in ``round_``; only at ``tables``, if given
    (a phone connecting needs its own table's, not the whole café's)."""
    if round_ is None or (tables is not None and not tables):
        return {}
    query = select(CafeEssence).where(CafeEssence.round_id == round_.id)
    if tables is not None:
        query = query.where(CafeEssence.table_id.in_(sorted(tables)))
    return {e.table_id: _view(e) for e in s.scalars(query)}


def writable_round(s: Session, activity: Activity, focus: CafeRound | None) -> CafeRound | None:
    """The round whose card a host writes now: the one under way, or the one just ended while the next is seated."""
    if focus is None:
        return None
    if focus.status != "planned":
        return focus
    if focus.number == 1:
        return None
    return s.scalar(select(CafeRound).where(CafeRound.activity_id == activity.id, CafeRound.number == focus.number - 1))


def round_cards(s: Session, activity: Activity, focus: CafeRound | None, people: Iterable[int]) -> dict[int, dict[str, Any]]:
    """For each of ``people`` who hosts a table in the writable round: the card they may write (and what it says)."""
    round_ = writable_round(s, activity, focus)
    wanted = set(people)
    if round_ is None or not wanted:
        return {}
    hosting = (
        select(Seat.participant_id, Seat.table_id, CafeTable.name)
        .join(CafeTable, CafeTable.id == Seat.table_id)
        .where(Seat.round_id == round_.id, Seat.is_host.is_(True))
    )
    if len(wanted) > FEW:  # a round change: every host of the round, without a list of 2,000 ids to build
        hosts = [row for row in s.execute(hosting) if row.participant_id in wanted]
    else:
        hosts = s.execute(hosting.where(Seat.participant_id.in_(wanted))).all()
    if not hosts:
        return {}
    written = of_round(s, round_)
    return {
        pid: {"round": round_.number, "table": table_id, "table_name": name,
              **written.get(table_id, {"essence": "", "question": ""})}
        for pid, table_id, name in hosts
    }


def for_activity(s: Session, activity: Activity) -> list[dict[str, Any]]:
    """Every round card of this café, by round then table (the console's board and the archive)."""
    rows = s.execute(
        select(CafeEssence, CafeRound.number, CafeTable.name)
        .join(CafeRound, CafeRound.id == CafeEssence.round_id)
        .join(CafeTable, CafeTable.id == CafeEssence.table_id)
        .where(CafeRound.activity_id == activity.id)
        .order_by(CafeRound.number, CafeTable.position, CafeTable.id)
    ).all()
    return [{"round": number, "table": e.table_id, "table_name": name, **_view(e)} for e, number, name in rows]


def erase_for(s: Session, person: Participant) -> int:
    """A withdrawing person's round cards go, as their cards do."""
    return s.execute(delete(CafeEssence).where(CafeEssence.author_id == person.id)).rowcount or 0
