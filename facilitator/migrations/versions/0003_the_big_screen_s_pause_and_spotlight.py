"""the big screen's pause and spotlight

Revision ID: 0003
Revises: 0002
Created: 2026-12-02 11:08:57.300220
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('screen_state', sa.JSON(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('screen_state')

