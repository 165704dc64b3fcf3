"""Secrets at rest: the big screen's link nonce per event, and clinician secrets kept only as hashes

Revision ID: 0002
Revises: 0001
Created: 2026-12-02 10:25:29.966790
"""
from __future__ import annotations

import hashlib
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _hash(secret: str) -> str:
    # As facilitator.core.participants.hash_token, written out: a migration
    # keeps doing what it did when it was written, whatever the code does later.
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()

    # Added empty, given a random value per event, then required: SQLite
    # cannot add a NOT NULL column without a default, and one shared default
    # would give every old event the same screen link.
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('screen_nonce', sa.String(length=32), nullable=True))
    event = sa.table('event', sa.column('id', sa.Integer), sa.column('screen_nonce', sa.String))
    for (event_id,) in bind.execute(sa.select(event.c.id)).all():
        bind.execute(event.update().where(event.c.id == event_id).values(screen_nonce=secrets.token_hex(16)))
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.alter_column('screen_nonce', existing_type=sa.String(length=32), nullable=False)

    # Each clinician secret is replaced by its hash: the links already handed
    # out keep working, but the console can no longer show them.
    with op.batch_alter_table('consult_clinician_key', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret_hash', sa.String(length=64), nullable=True))
    key = sa.table(
        'consult_clinician_key',
        sa.column('id', sa.Integer), sa.column('secret', sa.String), sa.column('secret_hash', sa.String),
    )
    for key_id, secret in bind.execute(sa.select(key.c.id, key.c.secret)).all():
        bind.execute(key.update().where(key.c.id == key_id).values(secret_hash=_hash(secret or "")))
    with op.batch_alter_table('consult_clinician_key', schema=None) as batch_op:
        batch_op.alter_column('secret_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column('secret')


def downgrade() -> None:
    # A hash cannot be turned back into its secret: every clinician link is
    # replaced by one nobody holds, and the console makes a new one when asked.
    with op.batch_alter_table('consult_clinician_key', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.VARCHAR(length=64), nullable=True))
    key = sa.table('consult_clinician_key', sa.column('id', sa.Integer), sa.column('secret', sa.String))
    bind = op.get_bind()
    for (key_id,) in bind.execute(sa.select(key.c.id)).all():
        bind.execute(key.update().where(key.c.id == key_id).values(secret=secrets.token_urlsafe(24)))
    with op.batch_alter_table('consult_clinician_key', schema=None) as batch_op:
        batch_op.alter_column('secret', existing_type=sa.VARCHAR(length=64), nullable=False)
        batch_op.drop_column('secret_hash')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('screen_nonce')
