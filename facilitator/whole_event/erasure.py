"""The right to erasure: a whole event, or everything one person posted.

Deleting the event relies on the database's cascades (every table of an
event hangs off it). A person withdrawing removes what they wrote, area by
area: each area is one function in ``WITHDRAWALS``. The caller commits and
then calls ``Database.checkpoint()`` so that the text also leaves the
write-ahead log (``secure_delete`` already overwrites the freed pages).
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitator.activities.agreements import rules as agreements
from facilitator.activities.agreements.models import Agreement
from facilitator.activities.cafe import essences
from facilitator.activities.goals import rules as goals
from facilitator.activities.questions import rules as questions
from facilitator.activities.cafe.models import CafeEssence
from facilitator.activities.board.models import Card, Dot
from facilitator.activities.checkout.models import CheckoutWord, Pledge
from facilitator.core.events import delete_event  # noqa: F401 (the whole event, erased: with the rest of erasure)
from facilitator.core.models import Participant
from facilitator.activities.goals.models import Goal
from facilitator.activities.questions.models import Question
from facilitator.core.outbound import Changes


def _cards(s: Session, person: Participant) -> int:
    # Dots on these cards go with them (ON DELETE CASCADE).
    return s.execute(delete(Card).where(Card.author_id == person.id)).rowcount or 0


def _votes(s: Session, person: Participant) -> int:
    return s.execute(delete(Dot).where(Dot.participant_id == person.id)).rowcount or 0


def _words(s: Session, person: Participant) -> int:
    return s.execute(delete(CheckoutWord).where(CheckoutWord.participant_id == person.id)).rowcount or 0


def _pledges(s: Session, person: Participant) -> int:
    return s.execute(delete(Pledge).where(Pledge.participant_id == person.id)).rowcount or 0


def _pulse(s: Session, person: Participant) -> int:
    """Pulse ratings are only counters that nothing links to a person, so there is nothing of theirs to take out.

    The marker that they answered stays, so that answering again cannot count them twice.
    """
    return 0


# One function an area: what it removes of one person's, and how many rows went.
WITHDRAWALS: list[tuple[str, Callable[[Session, Participant], int]]] = [
    ("votes", _votes),  # first, so their dots on their own cards are counted as theirs
    ("cards", _cards),
    ("essences", essences.erase_for),  # the round cards they wrote as a table's host
    ("agreements", agreements.erase_for),  # their proposals; one the group accepted stays, without their name
    ("words", _words),
    ("pledges", _pledges),
    ("pulse", _pulse),
    ("questions", questions.erase_for),  # private ones too
    ("goals", goals.erase_for),
]


def withdraw_all(s: Session, person: Participant) -> tuple[dict[str, int], Changes]:
    """Delete everything this person posted in their event; they stay in the event."""
    removed = {area: fn(s, person) for area, fn in WITHDRAWALS}
    s.flush()
    return removed, Changes.everything(person.event_id)


def posted_by(s: Session, person: Participant) -> int:
    """How many things this person has posted (for the phone's confirmation)."""
    total = 0
    for model, column in ((Card, Card.author_id), (CafeEssence, CafeEssence.author_id), (Dot, Dot.participant_id), (Agreement, Agreement.participant_id),
                          (CheckoutWord, CheckoutWord.participant_id), (Pledge, Pledge.participant_id),
                          (Question, Question.participant_id), (Goal, Goal.participant_id)):
        total += len(s.scalars(select(model.id).where(column == person.id)).all())
    return total
