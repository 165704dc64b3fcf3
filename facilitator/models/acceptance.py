"""The group agreement people accept on joining: each wording of it, and who
accepted which wording when.

``Participant.agreed_at`` says whether a person may take part *now* (it is
cleared when the facilitator rewords the agreement); these rows are the
history that rewording never erases.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class AgreementVersion(Base):
    """One wording of an event's group agreement: 1 for the first, then 2, 3..."""

    __tablename__ = "group_agreement_version"
    __table_args__ = (UniqueConstraint("event_id", "number", name="uq_group_agreement_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgreementAcceptance(Base):
    """That one person accepted one wording, and when. Erasing the person erases it."""

    __tablename__ = "group_agreement_acceptance"
    __table_args__ = (UniqueConstraint("version_id", "participant_id", name="uq_group_agreement_acceptance_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("group_agreement_version.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)
