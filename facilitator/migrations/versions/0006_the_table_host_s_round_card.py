"""the table host's round card: one essence and one question for the next group per table per round

Revision ID: 0006
Revises: 0005
Created: 2026-12-02 14:31:52.048820
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cafe_essence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('essence', sa.Text(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_cafe_essence_author_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['cafe_round.id'], name=op.f('fk_cafe_essence_round_id_cafe_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['cafe_table.id'], name=op.f('fk_cafe_essence_table_id_cafe_table'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cafe_essence')),
    sa.UniqueConstraint('round_id', 'table_id', name=op.f('uq_cafe_essence_round_id'))
    )
    with op.batch_alter_table('cafe_essence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cafe_essence_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cafe_essence_table_id'), ['table_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('cafe_essence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cafe_essence_table_id'))
        batch_op.drop_index(batch_op.f('ix_cafe_essence_author_id'))

    op.drop_table('cafe_essence')
