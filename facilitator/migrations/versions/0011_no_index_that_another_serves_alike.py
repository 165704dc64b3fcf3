"""No index that another index begins with and serves alike: a page fewer for each card and each join to write

Revision ID: 0011
Revises: 0010
Created: 2026-12-05 11:55:00

A card's commit wrote, and synced, a page of every index on its two rows. Two
indexes held only a column that another index of the same table begins with, and
that one serves every lookup by it (the foreign keys' cascades included) as well:

- ``ix_handled_message_participant_id`` (``uq_handled_message_sender``: person, client id);
- ``ix_participant_event_id`` (``ix_participant_event_joined``: event, id, the order a
  one-column index keeps anyway).

``ix_board_card_event_id`` stays: ``ix_board_card_event_table`` (event, table) begins with
its column too, but the board reads an event's cards in the order they were written, which
only the one-column index gives SQLite without a sort.
"""
from __future__ import annotations

from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

REDUNDANT = (
    ("ix_handled_message_participant_id", "handled_message", "participant_id"),
    ("ix_participant_event_id", "participant", "event_id"),
)


def upgrade() -> None:
    for name, table, _column in REDUNDANT:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table, column in REDUNDANT:
        op.create_index(name, table, [column])
