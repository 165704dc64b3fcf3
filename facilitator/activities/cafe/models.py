"""The world café's tables, rounds and seats, and the host's round card."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.models import Base, utcnow


class CafeTable(Base):
    """A table in one café activity; its host stays while the others travel."""

    __tablename__ = "cafe_table"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    name: Mapped[str] = mapped_column(String(80))
    capacity: Mapped[int] = mapped_column(default=5)
    host_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"), default=None)
    # False when the facilitator has since set fewer tables (kept for the harvest's history).
    active: Mapped[bool] = mapped_column(default=True)


class CafeRound(Base):
    """One round: its question and its timer, kept as a deadline (or what remained when paused)."""

    __tablename__ = "cafe_round"
    __table_args__ = (UniqueConstraint("activity_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()  # 1, 2, 3...
    question: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[int] = mapped_column(default=20)
    # planned -> (seated) -> running <-> paused -> ended
    status: Mapped[str] = mapped_column(String(12), default="planned")
    seated: Mapped[bool] = mapped_column(default=False)
    deadline: Mapped[datetime | None] = mapped_column(default=None)
    paused_remaining_ms: Mapped[int | None] = mapped_column(default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    # Repeat meetings the seating could not avoid.
    repeats: Mapped[int] = mapped_column(default=0)


class Seat(Base):
    """Where one person sits in one round."""

    __tablename__ = "cafe_seat"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id"),
        Index("ix_cafe_seat_round_table", "round_id", "table_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("cafe_round.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("cafe_table.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    is_host: Mapped[bool] = mapped_column(default=False)

    # Read-only: seats are written by table_id (seating writes 2,000 at once).
    table: Mapped[CafeTable] = relationship(viewonly=True)


class CafeEssence(Base):
    """A table's round card: what its host says the round came to, and a question for the next group.

    One per table per round: writing again replaces it. It goes with its
    author when they are erased, as their cards do.
    """

    __tablename__ = "cafe_essence"
    __table_args__ = (UniqueConstraint("round_id", "table_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("cafe_round.id", ondelete="CASCADE"))
    table_id: Mapped[int] = mapped_column(ForeignKey("cafe_table.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    essence: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
