"""Tables of the circle kinds: turns, working agreements, check-out words and
pledges, and the anonymous 3Cs pulse.

The talking piece's timing (who holds it, since when, paused or not) is small
and lives on ``Activity.state``; everything with one row a person lives here,
so a restarted server finds the round exactly as it was.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class Turn(Base):
    """One person's place in one circle's round."""

    __tablename__ = "circle_turn"
    __table_args__ = (
        UniqueConstraint("activity_id", "participant_id", name="uq_circle_turn_person"),
        Index("ix_circle_turn_order", "activity_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    # Lower goes first; passing moves a person past everyone else.
    position: Mapped[int] = mapped_column()
    # waiting, speaking, spoken, passed_once, passed_twice, skipped
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    passes: Mapped[int] = mapped_column(default=0)
    # Times the piece reached this person while they were away.
    missed: Mapped[int] = mapped_column(default=0)


class Agreement(Base):
    """A working agreement: proposed by anyone, accepted (or not) by the facilitator."""

    __tablename__ = "circle_agreement"
    __table_args__ = (UniqueConstraint("participant_id", "client_id", name="uq_circle_agreement_cid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # None when the facilitator wrote it.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None, index=True
    )
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    text: Mapped[str] = mapped_column(Text)
    # proposed, accepted, merged, set_aside
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_agreement.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)


class CheckoutWord(Base):
    """One word or short phrase a person leaves the circle with."""

    __tablename__ = "circle_word"
    __table_args__ = (
        UniqueConstraint("participant_id", "client_id", name="uq_circle_word_cid"),
        UniqueConstraint("activity_id", "participant_id", name="uq_circle_word_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    text: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Pledge(Base):
    """What a person will do or offer next; shared with the group, or kept to themselves."""

    __tablename__ = "circle_pledge"
    __table_args__ = (
        UniqueConstraint("participant_id", "client_id", name="uq_circle_pledge_cid"),
        UniqueConstraint("activity_id", "participant_id", name="uq_circle_pledge_person"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    text: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PulseResponder(Base):
    """That a person has answered an activity's pulse, and nothing about what they said."""

    __tablename__ = "pulse_responder"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id", name="uq_pulse_responder_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))


class PulseTally(Base):
    """How many people gave one score to one C in one activity.

    Ratings are never stored one a person: an answer only adds one to three
    counters. Every counter of an activity is created at its first answer,
    all at once, so not even row order tells who said what.
    """

    __tablename__ = "pulse_tally"
    __table_args__ = (UniqueConstraint("activity_id", "dimension", "score", name="uq_pulse_tally_bucket"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    dimension: Mapped[str] = mapped_column(String(20))  # control, contact, confidence
    score: Mapped[int] = mapped_column()  # 1-5
    count: Mapped[int] = mapped_column(default=0)
