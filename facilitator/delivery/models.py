"""Messages already handled, by the phone's own id for them.

A phone keeps what it sends until it hears "saved"; when the link drops
between our commit and its acknowledgement it sends the same message again.
Remembering each (person, client id) makes every submission count once."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base, utcnow


class HandledMessage(Base):
    __tablename__ = "handled_message"
    __table_args__ = (UniqueConstraint("participant_id", "client_id", name="uq_handled_message_sender"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Found by person through uq_handled_message_sender (its first column), as above.
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    # The acknowledgement sent the first time, sent again for a repeat.
    reply: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    handled_at: Mapped[datetime] = mapped_column(default=utcnow)
