"""Personal goals: private unless their author shares them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base, utcnow


class Goal(Base):
    """One personal goal a person sets at the check-out; private unless shared."""

    __tablename__ = "consult_goal"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id", name="uq_consult_goal_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
