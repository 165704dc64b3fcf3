"""The world café: tables, rounds, seats; the harvest: cards, themes and dots."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


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
    __table_args__ = (
        UniqueConstraint("author_id", "client_id"),
        Index("ix_board_card_event_table", "event_id", "table_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id", ondelete="SET NULL"), default=None)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("cafe_table.id", ondelete="SET NULL"), default=None)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("cafe_round.id", ondelete="SET NULL"), default=None)
    # Erasing a person erases what they wrote.
    author_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    # Someone without a phone whose words the author wrote down.
    on_behalf_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="SET NULL"), default=None)
    client_id: Mapped[str | None] = mapped_column(String(64), default=None)
    text: Mapped[str] = mapped_column(Text)
    tag: Mapped[str | None] = mapped_column(String(20), default=None)  # control | contact | confidence
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("board_theme.id", ondelete="SET NULL"), default=None)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("board_card.id", ondelete="SET NULL"), default=None)
    pinned: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    withdrawn: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(default=None)


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
