"""The big screen's link: a nonce per event, from which its secret is made

Revision ID: 0002
Revises: 0001
Created: 2026-12-02 10:25:29.966790
"""
from __future__ import annotations

import secrets

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added empty, given a random value per event, then required: SQLite
    # cannot add a NOT NULL column without a default, and one shared default
    # would give every old event the same screen link.
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('screen_nonce', sa.String(length=32), nullable=True))
    bind = op.get_bind()
    event = sa.table('event', sa.column('id', sa.Integer), sa.column('screen_nonce', sa.String))
    for (event_id,) in bind.execute(sa.select(event.c.id)).all():
        bind.execute(event.update().where(event.c.id == event_id).values(screen_nonce=secrets.token_hex(16)))
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.alter_column('screen_nonce', existing_type=sa.String(length=32), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('screen_nonce')
