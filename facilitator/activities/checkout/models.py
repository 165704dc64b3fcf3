"""The check-out's closings: one word each, and personal pledges."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base, utcnow


class CheckoutWord(Base):
    """One word or short phrase a person leaves the circle with."""

    __tablename__ = "circle_word"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id", name="uq_circle_word_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Pledge(Base):
    """What a person will do or offer next; shared with the group, or kept to themselves."""

    __tablename__ = "circle_pledge"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id", name="uq_circle_pledge_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
