"""The advice of a dossier in points, the evidence each point cites, and the landlord's reply
per point.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('advice_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('advice', sa.Text(), nullable=False),
    sa.Column('reasoning', sa.Text(), nullable=False),
    sa.Column('reply_outcome', sa.String(length=20), nullable=True),
    sa.Column('reply_reasoning', sa.Text(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_advice_points_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_advice_points_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advice_points')),
    sa.UniqueConstraint('dossier_id', 'position', name=op.f('uq_advice_points_dossier_id_position'))
    )
    with op.batch_alter_table('advice_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_points_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advice_points_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('citations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_citations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['point_id'], ['advice_points.id'], name=op.f('fk_citations_point_id_advice_points'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['snapshot_id'], ['evidence_snapshots.id'], name=op.f('fk_citations_snapshot_id_evidence_snapshots'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citations')),
    sa.UniqueConstraint('point_id', 'snapshot_id', 'key', name=op.f('uq_citations_point_id_snapshot_id_key'))
    )
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citations_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citations_point_id'), ['point_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citations_snapshot_id'), ['snapshot_id'], unique=False)



def downgrade():
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citations_snapshot_id'))
        batch_op.drop_index(batch_op.f('ix_citations_point_id'))
        batch_op.drop_index(batch_op.f('ix_citations_organisation_id'))

    op.drop_table('citations')
    with op.batch_alter_table('advice_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_points_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_advice_points_dossier_id'))

    op.drop_table('advice_points')
