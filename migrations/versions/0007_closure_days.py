"""placement closure days (issue 16)

Revision ID: closure_days_1
Revises: seed_processes_1
"""

from alembic import op
import sqlalchemy as sa


revision = 'closure_days_1'
down_revision = 'seed_processes_1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('placement_closures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['placements.id'], name=op.f('fk_placement_closures_placement_id_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placement_closures')),
    sa.UniqueConstraint('placement_id', 'day', name=op.f('uq_placement_closures_placement_id')),
    )
    with op.batch_alter_table('placement_closures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placement_closures_placement_id'), ['placement_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('placement_closures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placement_closures_placement_id'))
    op.drop_table('placement_closures')
