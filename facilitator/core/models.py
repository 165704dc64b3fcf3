"""The tables every kind stands on: the event, the people in it, its agenda of activities,
and the group agreement people accept on joining (each wording of it, and who accepted
which wording when: ``Participant.agreed_at`` says whether a person may take part *now*;
these rows are the history that rewording never erases)."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zones: values are stored in UTC and come back marked
    as UTC, so arithmetic with ``utcnow()`` never mixes naive and aware.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value

    def result_processor(self, dialect, coltype):
        """On SQLite, the text parsed as UTC in one call: a round change reads 2,000
        people's four dates, and the decorator's chain of calls on top of the driver's
        parse, then ``replace(tzinfo=...)``, was most of reading them (4.6 of 6.6 ms)."""
        if dialect.name != "sqlite" or getattr(self.impl_instance, "_reg", None) is not None:
            return super().result_processor(dialect, coltype)
        parse, utc = datetime.fromisoformat, timezone.utc

        def process(value):
            if value is None:
                return None
            if isinstance(value, str):
                # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff", no offset: parsed with
                # one (the UTC singleton), five times quicker than a parse, then replace().
                # Older files may hold other forms (an offset, no microseconds): parsed as they are.
                if len(value) == 26:
                    try:
                        return parse(value + "+00:00")
                    except ValueError:
                        pass
                value = parse(value)
            return value if value.tzinfo is not None else value.replace(tzinfo=utc)

        return process


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


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
    # folder's links.key (core/screens.py), so a copy of the database opens
    # no screen. A new value shuts every earlier screen link out; a restored
    # event gets a new one, and so a new link.
    screen_nonce: Mapped[str] = mapped_column(String(32), default=new_screen_nonce)
    # The co-host link's the same way (core/cohost.py); None while the event
    # has no co-host link, and again once the console revokes it.
    cohost_nonce: Mapped[str | None] = mapped_column(String(32), default=None)
    # What the big screen presents over the activity (whole_event/presentation.py):
    # {"mode": "live"|"paused", "spotlight": {"kind", "id"} or None}; None is live.
    screen_state: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # The room's languages (facilitator/i18n.py LANGUAGES): the big screen's words are in
    # ``language``, and in ``second_language`` beside them when there is one (a bilingual
    # screen, as public bodies in Wales must show). Phones follow their own person's.
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    second_language: Mapped[str | None] = mapped_column(String(16), default=None)
    # The title, purpose, welcome and agreement in other languages than ``language``:
    # {language: {field: text}} (core/other_languages.py).
    texts_in: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")

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
    # Found by event through ix_participant_event_joined (its first column): an index of its
    # own was one more page for every join to write (migration 0011).
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    # Only a hash of the phone's token is kept: a copied database file does
    # not let anyone act as a participant.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # None when the person joined anonymously; otherwise whatever they typed.
    name: Mapped[str | None] = mapped_column(String(120), default=None)
    pronouns: Mapped[str | None] = mapped_column(String(60), default=None)
    # The language their phone is in (facilitator/i18n.py LANGUAGES); None until they choose.
    language: Mapped[str | None] = mapped_column(String(16), default=None)
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
    # Validated by the activity kind (facilitator.core.kinds).
    # Loaded when first read, not with the row: a café's config (its tables)
    # is about 10 KB at 250 tables, and every phone action loads the current
    # activity; decoding it was a sixth of the server's time in a card burst.
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, deferred=True, deferred_group="settings")
    # The title, prompt or message and the café's questions in other languages than the
    # event's: {language: {field: text}} (core/other_languages.py); read with the config.
    texts_in: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}", deferred=True,
                                                     deferred_group="settings")
    # Small state owned by the kind (e.g. a phase); larger state has its own tables.
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime | None] = mapped_column(default=None)

    event: Mapped[Event] = relationship(back_populates="activities", foreign_keys=[event_id])


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
