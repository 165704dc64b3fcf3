"""The harvest board: cards, themes, dots and theme suggestions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.models import Base, utcnow


class Theme(Base):
    """A group of cards the facilitator names on the board."""

    __tablename__ = "board_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Card(Base):
    """An insight harvested at a table."""

    __tablename__ = "board_card"
    __table_args__ = (Index("ix_board_card_event_table", "event_id", "table_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"), default=None)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("cafe_table.id", ondelete="SET NULL"), default=None)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("cafe_round.id", ondelete="SET NULL"), default=None)
    # Erasing a person erases what they wrote.
    author_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    # Someone without a phone whose words the author wrote down.
    on_behalf_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"), default=None)
    text: Mapped[str] = mapped_column(Text)
    tag: Mapped[str | None] = mapped_column(String(20), default=None)  # control | contact | confidence
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("board_theme.id", ondelete="SET NULL"), default=None)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("board_card.id", ondelete="SET NULL"), default=None)
    pinned: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    withdrawn: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(default=None)
    # Where it was written, named rather than imported: the board knows no café.
    table = relationship("CafeTable", viewonly=True)
    round = relationship("CafeRound", viewonly=True)


class Dot(Base):
    """One dot a person spent on a card or a theme in one vote. Never shown with its owner."""

    __tablename__ = "board_dot"
    __table_args__ = (Index("ix_board_dot_ballot_person", "event_id", "ballot", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    ballot: Mapped[int] = mapped_column()  # which vote (the facilitator may run several)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    card_id: Mapped[int | None] = mapped_column(ForeignKey("board_card.id", ondelete="CASCADE"), default=None)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("board_theme.id", ondelete="CASCADE"), default=None)


class ThemeSuggestion(Base):
    """A group of cards the laptop proposed as a theme, and what the facilitator made of it.

    ``proposed`` until the facilitator accepts it (``accepted``, with the
    theme it went to) or throws it away (``rejected``: remembered, so that
    asking again does not bring it back); ``superseded`` when a later ask
    replaced it undecided. The cards are only changed on acceptance.
    """

    __tablename__ = "board_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    ask: Mapped[int] = mapped_column()  # which of the facilitator's asks proposed it
    name: Mapped[str] = mapped_column(String(120))
    card_ids: Mapped[list[int]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("board_theme.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
