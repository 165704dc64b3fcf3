"""The questions people bring to a group consultation, and their themes.

A question is private (its author alone), for the clinician (its author and the
clinician's view) or shared with the group; only shared questions ever reach the
big screen, other phones or an export."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.models import Base, utcnow


PRIVATE = "private"


CLINICIAN = "clinician"


SHARED = "shared"


VISIBILITIES = (PRIVATE, CLINICIAN, SHARED)


class QuestionTheme(Base):
    """A theme the facilitator groups questions under, with a note for the record."""

    __tablename__ = "consult_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Question(Base):
    """A question a person brings to the consultation."""

    __tablename__ = "consult_question"
    __table_args__ = (Index("ix_consult_question_event", "event_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"), default=None)
    # Erasing a person erases what they asked.
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(12), default=PRIVATE)
    # Shown with the author's name (shared questions only); anonymous otherwise.
    named: Mapped[bool] = mapped_column(default=False)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("consult_theme.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(default=None)
