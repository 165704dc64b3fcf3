"""Release 0.1.0's schema: the baseline every data folder starts from

Revision ID: 0001
Revises: (none)
Created: 2026-12-02 10:12:33.160581
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('welcome_text', sa.Text(), nullable=False),
    sa.Column('agreement_text', sa.Text(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retain_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('current_activity_id', sa.Integer(), nullable=True),
    # The event and its activities point at each other: SQLite takes the
    # constraint inline; elsewhere it is added once both tables exist (below).
    *([sa.ForeignKeyConstraint(['current_activity_id'], ['activity.id'], name=op.f('fk_event_current_activity_id_activity'), ondelete='SET NULL')]
      if op.get_bind().dialect.name == 'sqlite' else []),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('code', name=op.f('uq_event_code'))
    )
    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('config', sa.JSON(), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_activity_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_event_id'), ['event_id'], unique=False)

    op.create_table('board_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_board_theme_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_theme'))
    )
    with op.batch_alter_table('board_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_theme_event_id'), ['event_id'], unique=False)

    op.create_table('consult_clinician_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_consult_clinician_key_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consult_clinician_key')),
    sa.UniqueConstraint('event_id', name=op.f('uq_consult_clinician_key_event_id'))
    )
    op.create_table('consult_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_consult_theme_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consult_theme'))
    )
    with op.batch_alter_table('consult_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_theme_event_id'), ['event_id'], unique=False)

    op.create_table('group_agreement_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_group_agreement_version_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_agreement_version')),
    sa.UniqueConstraint('event_id', 'number', name='uq_group_agreement_version_number')
    )
    with op.batch_alter_table('group_agreement_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_agreement_version_event_id'), ['event_id'], unique=False)

    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('pronouns', sa.String(length=60), nullable=True),
    sa.Column('without_phone', sa.Boolean(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('connections', sa.Integer(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_participant_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_participant_token_hash'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_participant_event_joined', ['event_id', 'id'], unique=False)

    op.create_table('cafe_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('seated', sa.Boolean(), nullable=False),
    sa.Column('deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paused_remaining_ms', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('repeats', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_cafe_round_activity_id_activity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cafe_round')),
    sa.UniqueConstraint('activity_id', 'number', name=op.f('uq_cafe_round_activity_id'))
    )
    with op.batch_alter_table('cafe_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cafe_round_activity_id'), ['activity_id'], unique=False)

    op.create_table('cafe_table',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('host_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_cafe_table_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['host_id'], ['participant.id'], name=op.f('fk_cafe_table_host_id_participant'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cafe_table'))
    )
    with op.batch_alter_table('cafe_table', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cafe_table_activity_id'), ['activity_id'], unique=False)

    op.create_table('circle_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_circle_agreement_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['circle_agreement.id'], name=op.f('fk_circle_agreement_merged_into_id_circle_agreement'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_circle_agreement_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circle_agreement')),
    sa.UniqueConstraint('participant_id', 'client_id', name='uq_circle_agreement_cid')
    )
    with op.batch_alter_table('circle_agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circle_agreement_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_circle_agreement_participant_id'), ['participant_id'], unique=False)

    op.create_table('circle_pledge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_circle_pledge_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_circle_pledge_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circle_pledge')),
    sa.UniqueConstraint('activity_id', 'participant_id', name='uq_circle_pledge_person'),
    sa.UniqueConstraint('participant_id', 'client_id', name='uq_circle_pledge_cid')
    )
    with op.batch_alter_table('circle_pledge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circle_pledge_activity_id'), ['activity_id'], unique=False)

    op.create_table('circle_turn',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('passes', sa.Integer(), nullable=False),
    sa.Column('missed', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_circle_turn_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_circle_turn_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circle_turn')),
    sa.UniqueConstraint('activity_id', 'participant_id', name='uq_circle_turn_person')
    )
    with op.batch_alter_table('circle_turn', schema=None) as batch_op:
        batch_op.create_index('ix_circle_turn_order', ['activity_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_circle_turn_participant_id'), ['participant_id'], unique=False)

    op.create_table('circle_word',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_circle_word_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_circle_word_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_circle_word')),
    sa.UniqueConstraint('activity_id', 'participant_id', name='uq_circle_word_person'),
    sa.UniqueConstraint('participant_id', 'client_id', name='uq_circle_word_cid')
    )
    with op.batch_alter_table('circle_word', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_circle_word_activity_id'), ['activity_id'], unique=False)

    op.create_table('consult_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_consult_goal_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_consult_goal_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consult_goal')),
    sa.UniqueConstraint('activity_id', 'participant_id', name='uq_consult_goal_person'),
    sa.UniqueConstraint('participant_id', 'client_id', name='uq_consult_goal_cid')
    )
    with op.batch_alter_table('consult_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consult_goal_activity_id'), ['activity_id'], unique=False)

    op.create_table('consult_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('visibility', sa.String(length=12), nullable=False),
    sa.Column('named', sa.Boolean(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_consult_question_activity_id_activity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_consult_question_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_consult_question_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['consult_theme.id'], name=op.f('fk_consult_question_theme_id_consult_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consult_question')),
    sa.UniqueConstraint('participant_id', 'client_id', name='uq_consult_question_cid')
    )
    with op.batch_alter_table('consult_question', schema=None) as batch_op:
        batch_op.create_index('ix_consult_question_event', ['event_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consult_question_participant_id'), ['participant_id'], unique=False)

    op.create_table('group_agreement_acceptance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_group_agreement_acceptance_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['group_agreement_version.id'], name=op.f('fk_group_agreement_acceptance_version_id_group_agreement_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_agreement_acceptance')),
    sa.UniqueConstraint('version_id', 'participant_id', name='uq_group_agreement_acceptance_person')
    )
    with op.batch_alter_table('group_agreement_acceptance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_agreement_acceptance_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_agreement_acceptance_version_id'), ['version_id'], unique=False)

    op.create_table('handled_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('reply', sa.JSON(), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_handled_message_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handled_message')),
    sa.UniqueConstraint('participant_id', 'client_id', name='uq_handled_message_sender')
    )
    with op.batch_alter_table('handled_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handled_message_participant_id'), ['participant_id'], unique=False)

    op.create_table('pulse_responder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_pulse_responder_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_pulse_responder_participant_id_participant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulse_responder')),
    sa.UniqueConstraint('activity_id', 'participant_id', name='uq_pulse_responder_person')
    )
    with op.batch_alter_table('pulse_responder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulse_responder_activity_id'), ['activity_id'], unique=False)

    op.create_table('pulse_tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=20), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_pulse_tally_activity_id_activity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulse_tally')),
    sa.UniqueConstraint('activity_id', 'dimension', 'score', name='uq_pulse_tally_bucket')
    )
    with op.batch_alter_table('pulse_tally', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulse_tally_activity_id'), ['activity_id'], unique=False)

    op.create_table('board_card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('round_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('on_behalf_id', sa.Integer(), nullable=True),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tag', sa.String(length=20), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_board_card_activity_id_activity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['participant.id'], name=op.f('fk_board_card_author_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_board_card_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['board_card.id'], name=op.f('fk_board_card_merged_into_id_board_card'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['on_behalf_id'], ['participant.id'], name=op.f('fk_board_card_on_behalf_id_participant'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['cafe_round.id'], name=op.f('fk_board_card_round_id_cafe_round'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['table_id'], ['cafe_table.id'], name=op.f('fk_board_card_table_id_cafe_table'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['board_theme.id'], name=op.f('fk_board_card_theme_id_board_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_card')),
    sa.UniqueConstraint('author_id', 'client_id', name=op.f('uq_board_card_author_id'))
    )
    with op.batch_alter_table('board_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_card_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_board_card_event_table', ['event_id', 'table_id'], unique=False)

    op.create_table('cafe_seat',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('is_host', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_cafe_seat_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['cafe_round.id'], name=op.f('fk_cafe_seat_round_id_cafe_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['cafe_table.id'], name=op.f('fk_cafe_seat_table_id_cafe_table'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cafe_seat')),
    sa.UniqueConstraint('round_id', 'participant_id', name=op.f('uq_cafe_seat_round_id'))
    )
    with op.batch_alter_table('cafe_seat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cafe_seat_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index('ix_cafe_seat_round_table', ['round_id', 'table_id'], unique=False)

    op.create_table('board_dot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('ballot', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['board_card.id'], name=op.f('fk_board_dot_card_id_board_card'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_board_dot_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_board_dot_participant_id_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['board_theme.id'], name=op.f('fk_board_dot_theme_id_board_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_dot'))
    )
    with op.batch_alter_table('board_dot', schema=None) as batch_op:
        batch_op.create_index('ix_board_dot_ballot_person', ['event_id', 'ballot', 'participant_id'], unique=False)


    if op.get_bind().dialect.name != 'sqlite':
        op.create_foreign_key(
            op.f('fk_event_current_activity_id_activity'), 'event', 'activity', ['current_activity_id'], ['id'], ondelete='SET NULL'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(op.f('fk_event_current_activity_id_activity'), 'event', type_='foreignkey')
    with op.batch_alter_table('board_dot', schema=None) as batch_op:
        batch_op.drop_index('ix_board_dot_ballot_person')

    op.drop_table('board_dot')
    with op.batch_alter_table('cafe_seat', schema=None) as batch_op:
        batch_op.drop_index('ix_cafe_seat_round_table')
        batch_op.drop_index(batch_op.f('ix_cafe_seat_participant_id'))

    op.drop_table('cafe_seat')
    with op.batch_alter_table('board_card', schema=None) as batch_op:
        batch_op.drop_index('ix_board_card_event_table')
        batch_op.drop_index(batch_op.f('ix_board_card_event_id'))

    op.drop_table('board_card')
    with op.batch_alter_table('pulse_tally', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulse_tally_activity_id'))

    op.drop_table('pulse_tally')
    with op.batch_alter_table('pulse_responder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pulse_responder_activity_id'))

    op.drop_table('pulse_responder')
    with op.batch_alter_table('handled_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handled_message_participant_id'))

    op.drop_table('handled_message')
    with op.batch_alter_table('group_agreement_acceptance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_agreement_acceptance_version_id'))
        batch_op.drop_index(batch_op.f('ix_group_agreement_acceptance_participant_id'))

    op.drop_table('group_agreement_acceptance')
    with op.batch_alter_table('consult_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_question_participant_id'))
        batch_op.drop_index('ix_consult_question_event')

    op.drop_table('consult_question')
    with op.batch_alter_table('consult_goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_goal_activity_id'))

    op.drop_table('consult_goal')
    with op.batch_alter_table('circle_word', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circle_word_activity_id'))

    op.drop_table('circle_word')
    with op.batch_alter_table('circle_turn', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circle_turn_participant_id'))
        batch_op.drop_index('ix_circle_turn_order')

    op.drop_table('circle_turn')
    with op.batch_alter_table('circle_pledge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circle_pledge_activity_id'))

    op.drop_table('circle_pledge')
    with op.batch_alter_table('circle_agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_circle_agreement_participant_id'))
        batch_op.drop_index(batch_op.f('ix_circle_agreement_event_id'))

    op.drop_table('circle_agreement')
    with op.batch_alter_table('cafe_table', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cafe_table_activity_id'))

    op.drop_table('cafe_table')
    with op.batch_alter_table('cafe_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cafe_round_activity_id'))

    op.drop_table('cafe_round')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index('ix_participant_event_joined')
        batch_op.drop_index(batch_op.f('ix_participant_event_id'))

    op.drop_table('participant')
    with op.batch_alter_table('group_agreement_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_agreement_version_event_id'))

    op.drop_table('group_agreement_version')
    with op.batch_alter_table('consult_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consult_theme_event_id'))

    op.drop_table('consult_theme')
    op.drop_table('consult_clinician_key')
    with op.batch_alter_table('board_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_theme_event_id'))

    op.drop_table('board_theme')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_event_id'))

    op.drop_table('activity')
    op.drop_table('event')
