"""The clinician's link to a group consultation."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base, utcnow


class ClinicianKey(Base):
    """An event's clinician link (one an event; a new one replaces it), by the hash of its secret."""

    __tablename__ = "consult_clinician_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), unique=True)
    # Only a hash, like the phones' tokens: a copied database opens no
    # clinician view. So the console cannot show a link again once made.
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
