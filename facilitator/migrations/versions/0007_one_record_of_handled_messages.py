"""One record of handled messages: the phones' message ids leave the rows they made

Revision ID: 0007
Revises: 0006
Created: 2026-12-02 16:50:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Each table that kept the message id, who sent it, the action that wrote it,
# the unique constraint over it, and the reply that action gave the phone.
MOVED = (
    ("board_card", "author_id", "card.add", "uq_board_card_author_id", {"repeated": False}),
    ("circle_agreement", "participant_id", "agreements.propose", "uq_circle_agreement_cid", {}),
    ("circle_pledge", "participant_id", "checkout.pledge", "uq_circle_pledge_cid", {}),
    ("circle_word", "participant_id", "checkout.word", "uq_circle_word_cid", {}),
    ("consult_goal", "participant_id", "goal.set", "uq_consult_goal_cid", {}),
    ("consult_question", "participant_id", "question.add", "uq_consult_question_cid", {}),
)

handled = sa.table(
    'handled_message',
    sa.column('participant_id', sa.Integer), sa.column('client_id', sa.String), sa.column('action', sa.String),
    sa.column('reply', sa.JSON), sa.column('handled_at', sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    # A message saved under the old column but missing from handled_message
    # (none should be: both were written together) is recorded there, so that
    # its resend is still answered with the row it made.
    bind = op.get_bind()
    seen = {tuple(r) for r in bind.execute(sa.select(handled.c.participant_id, handled.c.client_id))}
    for name, sender, action, unique, reply in MOVED:
        table = sa.table(name, sa.column('id', sa.Integer), sa.column(sender, sa.Integer), sa.column('client_id', sa.String),
                         sa.column('created_at', sa.DateTime(timezone=True)))
        rows = bind.execute(
            sa.select(table.c.id, table.c[sender], table.c.client_id, table.c.created_at)
            .where(table.c.client_id.is_not(None), table.c[sender].is_not(None)).order_by(table.c.id)
        )
        missing = []
        for row_id, person, cid, at in rows:
            if (person, cid) not in seen:
                seen.add((person, cid))
                missing.append({"participant_id": person, "client_id": cid, "action": action,
                                "reply": {"id": row_id, **reply}, "handled_at": at})
        if missing:
            bind.execute(handled.insert(), missing)
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_constraint(unique, type_='unique')
            batch_op.drop_column('client_id')


def downgrade() -> None:
    # The ids come back empty: handled_message still answers every resend.
    for name, sender, _, unique, _ in MOVED:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('client_id', sa.String(length=64), nullable=True))
            batch_op.create_unique_constraint(unique, [sender, 'client_id'])
