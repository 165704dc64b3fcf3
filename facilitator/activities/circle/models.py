"""The talking piece's table: one row a person in the round.

The piece's timing (who holds it, since when, paused or not) is small and lives on
``Activity.state``; everything with one row a person lives here, so a restarted
server finds the round exactly as it was."""
from __future__ import annotations


from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base


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
