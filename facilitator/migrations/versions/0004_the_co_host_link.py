"""the co-host link

Revision ID: 0004
Revises: 0003
Created: 2026-12-02 13:07:14.997369
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null: no event has a co-host link until its console makes one.
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cohost_nonce', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('cohost_nonce')
