"""The event, the people in it and its agenda of activities."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


def new_screen_nonce() -> str:
    return secrets.token_hex(16)


class Event(Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Canonical form, no dash: "K7QM4TXR". Shown as "K7QM-4TXR".
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    welcome_text: Mapped[str] = mapped_column(Text, default="")
    # Shown on joining; people accept it before they see anything else.
    agreement_text: Mapped[str] = mapped_column(Text, default="")
    locked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retain_until: Mapped[datetime | None] = mapped_column(default=None)
    current_activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL", use_alter=True), default=None
    )
    # Not a secret: the screen link's secret is made from this and the data
    # folder's links.key (domain/screens.py), so a copy of the database opens
    # no screen. A new value shuts every earlier screen link out; a restored
    # event gets a new one, and so a new link.
    screen_nonce: Mapped[str] = mapped_column(String(32), default=new_screen_nonce)
    # The co-host link's the same way (domain/cohost.py); None while the event
    # has no co-host link, and again once the console revokes it.
    cohost_nonce: Mapped[str | None] = mapped_column(String(32), default=None)
    # What the big screen presents over the activity (domain/presentation.py):
    # {"mode": "live"|"paused", "spotlight": {"kind", "id"} or None}; None is live.
    screen_state: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    participants: Mapped[list["Participant"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Participant.id",
    )
    activities: Mapped[list["Activity"]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Activity.position",
        foreign_keys="Activity.event_id",
    )
    # Read-only: the agenda moves by setting current_activity_id. A phone's
    # every action loads it together with the person (participants.still_in_event).
    current_activity: Mapped["Activity | None"] = relationship(foreign_keys=[current_activity_id], viewonly=True)


class Participant(Base):
    __tablename__ = "participant"
    __table_args__ = (Index("ix_participant_event_joined", "event_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # Only a hash of the phone's token is kept: a copied database file does
    # not let anyone act as a participant.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None when the person joined anonymously; otherwise whatever they typed.
    name: Mapped[str | None] = mapped_column(String(120), default=None)
    pronouns: Mapped[str | None] = mapped_column(String(60), default=None)
    # Added by the facilitator for someone without a phone: never connects.
    without_phone: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    agreed_at: Mapped[datetime | None] = mapped_column(default=None)
    removed_at: Mapped[datetime | None] = mapped_column(default=None)
    # Live Socket.IO connections from this person's phone(s); reset to 0 when
    # the server starts, since connections never survive a restart.
    connections: Mapped[int] = mapped_column(default=0)
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)

    event: Mapped[Event] = relationship(back_populates="participants")

    @property
    def anonymous(self) -> bool:
        return self.name is None

    @property
    def online(self) -> bool:
        return self.connections > 0

    @property
    def label(self) -> str:
        return self.name if self.name is not None else "Anonymous"


class Activity(Base):
    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    # Validated by the activity kind (facilitator.domain.activities).
    # Loaded when first read, not with the row: a café's config (its tables)
    # is about 10 KB at 250 tables, and every phone action loads the current
    # activity; decoding it was a sixth of the server's time in a card burst.
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, deferred=True)
    # Small state owned by the kind (e.g. a phase); larger state has its own tables.
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime | None] = mapped_column(default=None)

    event: Mapped[Event] = relationship(back_populates="activities", foreign_keys=[event_id])
