"""evidence

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 05:27:11.078291
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


# Full-text search (pe_desktop/storage/fts.py explains the design). A frozen
# copy: later changes to the index get their own migration.
FTS_CREATE = [
    "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, placement_id UNINDEXED, scope, title, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER supervision_sessions_fts_ai AFTER INSERT ON supervision_sessions BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END",
    'CREATE TRIGGER supervision_sessions_fts_ad AFTER DELETE ON supervision_sessions BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 1; END',
    "CREATE TRIGGER supervision_sessions_fts_au AFTER UPDATE ON supervision_sessions BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 1; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 1, 'supervision', new.placement_id, 'p' || new.placement_id, 'Supervision ' || strftime('%d/%m/%Y', new.held_on), coalesce(new.attendees, '') || ' ' || coalesce(new.agenda, '') || ' ' || coalesce(new.discussion, '') || ' ' || coalesce(new.reflections, '') || ' ' || coalesce(new.wellbeing, '')); END",
    "CREATE TRIGGER observations_fts_ai AFTER INSERT ON observations BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END",
    'CREATE TRIGGER observations_fts_ad AFTER DELETE ON observations BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; END',
    "CREATE TRIGGER observations_fts_au AFTER UPDATE ON observations BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 2, 'observation', new.placement_id, 'p' || new.placement_id, 'Observation ' || strftime('%d/%m/%Y', new.observed_on), coalesce(new.observer_name, '') || ' ' || coalesce(new.setting, '') || ' ' || coalesce(new.observer_account, '') || ' ' || coalesce(new.feedback, '') || ' ' || coalesce(new.student_reflection, '') || ' ' || coalesce(new.consent_notes, '')); END",
    "CREATE TRIGGER service_feedback_fts_ai AFTER INSERT ON service_feedback BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END",
    'CREATE TRIGGER service_feedback_fts_ad AFTER DELETE ON service_feedback BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3; END',
    "CREATE TRIGGER service_feedback_fts_au AFTER UPDATE ON service_feedback BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 3; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 3, 'feedback', new.placement_id, 'p' || new.placement_id, 'Feedback ' || strftime('%d/%m/%Y', new.received_on), coalesce(new.how_gathered, '') || ' ' || coalesce(new.content, '')); END",
    "CREATE TRIGGER evidence_items_fts_ai AFTER INSERT ON evidence_items BEGIN INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END",
    'CREATE TRIGGER evidence_items_fts_ad AFTER DELETE ON evidence_items BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 4; END',
    "CREATE TRIGGER evidence_items_fts_au AFTER UPDATE ON evidence_items BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 4; INSERT INTO search_index(rowid, kind, placement_id, scope, title, body) VALUES (new.id * 8 + 4, 'item', new.placement_id, 'p' || new.placement_id, new.title, coalesce(new.description, '')); END",
]
FTS_DROP = [
    'DROP TRIGGER IF EXISTS supervision_sessions_fts_ai',
    'DROP TRIGGER IF EXISTS supervision_sessions_fts_ad',
    'DROP TRIGGER IF EXISTS supervision_sessions_fts_au',
    'DROP TRIGGER IF EXISTS observations_fts_ai',
    'DROP TRIGGER IF EXISTS observations_fts_ad',
    'DROP TRIGGER IF EXISTS observations_fts_au',
    'DROP TRIGGER IF EXISTS service_feedback_fts_ai',
    'DROP TRIGGER IF EXISTS service_feedback_fts_ad',
    'DROP TRIGGER IF EXISTS service_feedback_fts_au',
    'DROP TRIGGER IF EXISTS evidence_items_fts_ai',
    'DROP TRIGGER IF EXISTS evidence_items_fts_ad',
    'DROP TRIGGER IF EXISTS evidence_items_fts_au',
    'DROP TABLE IF EXISTS search_index',
]


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('agenda_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_templates')),
    sa.UniqueConstraint('name', name=op.f('uq_agenda_templates_name')),
    sa.UniqueConstraint('uid', name=op.f('uq_agenda_templates_uid'))
    )
    op.create_table('drafts',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_drafts'))
    )
    op.create_table('evidence_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('direct_observation', 'supervision', 'service_user_feedback', 'reflective_log', 'critical_reflection', 'case_work', 'colleague_feedback', 'student_hub', 'other', name='evidencekind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('item_date', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_evidence_items_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_items')),
    sa.UniqueConstraint('uid', name=op.f('uq_evidence_items_uid'))
    )
    with op.batch_alter_table('evidence_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_items_placement_id'), ['placement_id'], unique=False)

    op.create_table('observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'completed', name='observationstatus', native_enum=False, length=32), nullable=False),
    sa.Column('observed_on', sa.Date(), nullable=False),
    sa.Column('observer_role', sa.Enum('pe', 'onsite_supervisor', 'other', name='observerrole', native_enum=False, length=32), nullable=False),
    sa.Column('observer_name', sa.String(length=200), nullable=False),
    sa.Column('observer_role_detail', sa.String(length=200), nullable=False),
    sa.Column('setting', sa.Text(), nullable=False),
    sa.Column('consent_obtained', sa.Boolean(), nullable=False),
    sa.Column('consent_notes', sa.Text(), nullable=False),
    sa.Column('observer_account', sa.Text(), nullable=False),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.Column('student_reflection', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_observations_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations')),
    sa.UniqueConstraint('uid', name=op.f('uq_observations_uid'))
    )
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observations_placement_id'), ['placement_id'], unique=False)

    op.create_table('placement_evidence_settings',
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('supervision_interval_days', sa.Integer(), nullable=False),
    sa.Column('observations_required', sa.Integer(), nullable=True),
    sa.Column('pe_observations_required', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_placement_evidence_settings_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('placement_id', name=op.f('pk_placement_evidence_settings'))
    )
    op.create_table('supervision_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.String(length=5), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('formal_pe', 'onsite_supervisor', 'group', 'other', name='supervisiontype', native_enum=False, length=32), nullable=False),
    sa.Column('attendees', sa.Text(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('discussion', sa.Text(), nullable=False),
    sa.Column('reflections', sa.Text(), nullable=False),
    sa.Column('wellbeing', sa.Text(), nullable=False),
    sa.Column('acknowledged_by', sa.String(length=200), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_supervision_sessions_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_sessions')),
    sa.UniqueConstraint('uid', name=op.f('uq_supervision_sessions_uid'))
    )
    with op.batch_alter_table('supervision_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_sessions_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_sessions_placement_id'), ['placement_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['evidence_items.id'], name=op.f('fk_attachments_item_id_evidence_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    sa.UniqueConstraint('uid', name=op.f('uq_attachments_uid'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)

    op.create_table('evidence_domains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('domain_key', sa.String(length=50), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['evidence_items.id'], name=op.f('fk_evidence_domains_item_id_evidence_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_domains')),
    sa.UniqueConstraint('item_id', 'domain_key', name=op.f('uq_evidence_domains_item_id'))
    )
    with op.batch_alter_table('evidence_domains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_domains_domain_key'), ['domain_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_domains_item_id'), ['item_id'], unique=False)

    op.create_table('observation_judgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('observation_id', sa.Integer(), nullable=False),
    sa.Column('domain_key', sa.String(length=50), nullable=False),
    sa.Column('judgement', sa.Enum('not_yet', 'developing', 'meets', 'exceeds', name='judgement', native_enum=False, length=32), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['observation_id'], ['observations.id'], name=op.f('fk_observation_judgements_observation_id_observations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_judgements')),
    sa.UniqueConstraint('observation_id', 'domain_key', name=op.f('uq_observation_judgements_observation_id'))
    )
    with op.batch_alter_table('observation_judgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_judgements_domain_key'), ['domain_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_judgements_observation_id'), ['observation_id'], unique=False)

    op.create_table('service_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('observation_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('source', sa.Enum('service_user', 'carer', name='feedbacksource', native_enum=False, length=32), nullable=False),
    sa.Column('method', sa.Enum('conversation', 'questionnaire', 'telephone', 'written', 'other', name='feedbackmethod', native_enum=False, length=32), nullable=False),
    sa.Column('how_gathered', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['observation_id'], ['observations.id'], name=op.f('fk_service_feedback_observation_id_observations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_service_feedback_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_feedback')),
    sa.UniqueConstraint('uid', name=op.f('uq_service_feedback_uid'))
    )
    with op.batch_alter_table('service_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_feedback_observation_id'), ['observation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_feedback_placement_id'), ['placement_id'], unique=False)

    op.create_table('supervision_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['supervision_sessions.id'], name=op.f('fk_supervision_actions_session_id_supervision_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_actions')),
    sa.UniqueConstraint('uid', name=op.f('uq_supervision_actions_uid'))
    )
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_actions_session_id'), ['session_id'], unique=False)

    op.create_table('supervision_domains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('domain_key', sa.String(length=50), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['supervision_sessions.id'], name=op.f('fk_supervision_domains_session_id_supervision_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_domains')),
    sa.UniqueConstraint('session_id', 'domain_key', name=op.f('uq_supervision_domains_session_id'))
    )
    with op.batch_alter_table('supervision_domains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_domains_domain_key'), ['domain_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_domains_session_id'), ['session_id'], unique=False)

    op.create_table('feedback_domains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('domain_key', sa.String(length=50), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['service_feedback.id'], name=op.f('fk_feedback_domains_feedback_id_service_feedback'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_domains')),
    sa.UniqueConstraint('feedback_id', 'domain_key', name=op.f('uq_feedback_domains_feedback_id'))
    )
    with op.batch_alter_table('feedback_domains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_domains_domain_key'), ['domain_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_domains_feedback_id'), ['feedback_id'], unique=False)

    # ### end Alembic commands ###
    for stmt in FTS_CREATE:
        op.execute(stmt)


def downgrade() -> None:
    for stmt in FTS_DROP:
        op.execute(stmt)
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table('feedback_domains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_domains_feedback_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_domains_domain_key'))

    op.drop_table('feedback_domains')
    with op.batch_alter_table('supervision_domains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_domains_session_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_domains_domain_key'))

    op.drop_table('supervision_domains')
    with op.batch_alter_table('supervision_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_actions_session_id'))

    op.drop_table('supervision_actions')
    with op.batch_alter_table('service_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_feedback_placement_id'))
        batch_op.drop_index(batch_op.f('ix_service_feedback_observation_id'))

    op.drop_table('service_feedback')
    with op.batch_alter_table('observation_judgements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_judgements_observation_id'))
        batch_op.drop_index(batch_op.f('ix_observation_judgements_domain_key'))

    op.drop_table('observation_judgements')
    with op.batch_alter_table('evidence_domains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_domains_item_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_domains_domain_key'))

    op.drop_table('evidence_domains')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachments_item_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('supervision_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_placement_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_held_on'))

    op.drop_table('supervision_sessions')
    op.drop_table('placement_evidence_settings')
    with op.batch_alter_table('observations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observations_placement_id'))

    op.drop_table('observations')
    with op.batch_alter_table('evidence_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_items_placement_id'))

    op.drop_table('evidence_items')
    op.drop_table('drafts')
    op.drop_table('agenda_templates')
    # ### end Alembic commands ###
