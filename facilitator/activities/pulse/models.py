"""The anonymous 3Cs pulse: who has answered, and the tallies (never who answered what)."""
from __future__ import annotations


from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base


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
