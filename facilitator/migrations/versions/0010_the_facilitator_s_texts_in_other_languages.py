"""The facilitator's own texts in other languages: the event's and each activity's

Revision ID: 0010
Revises: 0009
Created: 2026-12-03 06:20:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No versions yet: every text is shown as written, as before.
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('texts_in', sa.JSON(), server_default='{}', nullable=False))
    with op.batch_alter_table('activity') as batch:
        batch.add_column(sa.Column('texts_in', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('activity') as batch:
        batch.drop_column('texts_in')
    with op.batch_alter_table('event') as batch:
        batch.drop_column('texts_in')
