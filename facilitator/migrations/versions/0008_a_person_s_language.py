"""A person's language: the phone is in it, and so are the server's refusals

Revision ID: 0008
Revises: 0007
Created: 2026-12-02 22:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # None: the person has not chosen, and their phone's language is followed.
    with op.batch_alter_table('participant') as batch:
        batch.add_column(sa.Column('language', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('participant') as batch:
        batch.drop_column('language')
