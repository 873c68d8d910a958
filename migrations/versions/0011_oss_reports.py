"""oss report sections: requests (PE), asks (OSS), replies in oss_imports (issue 14)

Revision ID: oss_reports_1
Revises: qa_panel_1
"""

from alembic import op
import sqlalchemy as sa


revision = 'oss_reports_1'
down_revision = 'qa_panel_1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('oss_imports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_version_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_oss_imports_report_version_id'),
                              ['report_version_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_oss_imports_report_version_id_report_versions'), 'report_versions',
            ['report_version_id'], ['id'], ondelete='CASCADE')
    op.create_table('oss_report_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('invite_id', sa.String(length=36), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('oss_fingerprint', sa.String(length=100), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('answered_import_id', sa.Integer(), nullable=True),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['answered_import_id'], ['oss_imports.id'], name=op.f('fk_oss_report_requests_answered_import_id_oss_imports'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_oss_report_requests_placement_id_placements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['report_versions.id'], name=op.f('fk_oss_report_requests_version_id_report_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oss_report_requests')),
    sa.UniqueConstraint('uid', name=op.f('uq_oss_report_requests_uid')),
    )
    with op.batch_alter_table('oss_report_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oss_report_requests_placement_id'), ['placement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oss_report_requests_version_id'), ['version_id'], unique=False)
    op.create_table('oss_report_asks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('invite_id', sa.String(length=36), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('report_kind', sa.String(length=20), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('section_json', sa.Text(), nullable=False),
    sa.Column('manifest', sa.Text(), nullable=False),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.Column('package_sha256', sa.String(length=64), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.Column('reply_package_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_oss_report_asks_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oss_report_asks')),
    sa.UniqueConstraint('request_id', name=op.f('uq_oss_report_asks_request_id')),
    )
    with op.batch_alter_table('oss_report_asks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oss_report_asks_placement_id'), ['placement_id'], unique=False)


def downgrade() -> None:
    op.drop_table('oss_report_asks')
    op.drop_table('oss_report_requests')
    with op.batch_alter_table('oss_imports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_oss_imports_report_version_id_report_versions'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_oss_imports_report_version_id'))
        batch_op.drop_column('report_version_id')
