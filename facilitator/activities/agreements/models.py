"""Working agreements, one row each."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base, utcnow


class Agreement(Base):
    """A working agreement: proposed by anyone, accepted (or not) by the facilitator."""

    __tablename__ = "circle_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # None when the facilitator wrote it.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), default=None, index=True
    )
    text: Mapped[str] = mapped_column(Text)
    # proposed, accepted, merged, set_aside
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_agreement.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
