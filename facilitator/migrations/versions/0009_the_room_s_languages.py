"""The room's languages: the big screen's language, and a second one beside it

Revision ID: 0009
Revises: 0008
Created: 2026-12-03 02:30:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every event before this spoke English on its big screen: so they still do.
    with op.batch_alter_table('event') as batch:
        batch.add_column(sa.Column('language', sa.String(length=16), server_default='en', nullable=False))
        batch.add_column(sa.Column('second_language', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('event') as batch:
        batch.drop_column('second_language')
        batch.drop_column('language')
