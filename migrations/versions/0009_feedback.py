"""Feedback to members per dossier: who may read it, its address, and the board's summary.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback_visibility', sa.String(length=20), server_default='none', nullable=False))
        batch_op.add_column(sa.Column('feedback_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('feedback_summary', sa.Text(), server_default='', nullable=False))
        batch_op.create_unique_constraint(batch_op.f('uq_dossiers_feedback_key'), ['feedback_key'])
        batch_op.create_check_constraint(
            'known_visibility', "feedback_visibility IN ('none', 'members', 'public')"
        )


def downgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_dossiers_known_visibility'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_dossiers_feedback_key'), type_='unique')
        batch_op.drop_column('feedback_summary')
        batch_op.drop_column('feedback_key')
        batch_op.drop_column('feedback_visibility')
