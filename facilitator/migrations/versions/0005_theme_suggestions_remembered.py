"""theme suggestions remembered: what the laptop proposed, and what the facilitator accepted or threw away

Revision ID: 0005
Revises: 0004
Created: 2026-12-02 13:14:32.985247
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('board_suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('ask', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('card_ids', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_board_suggestion_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['board_theme.id'], name=op.f('fk_board_suggestion_theme_id_board_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_suggestion'))
    )
    with op.batch_alter_table('board_suggestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_suggestion_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('board_suggestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_suggestion_event_id'))

    op.drop_table('board_suggestion')
