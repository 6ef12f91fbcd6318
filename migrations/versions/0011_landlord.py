"""Dossiers can be shared with the landlord's accounts, who enter the reply themselves.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shared_with_landlord', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    # The role did not exist before: its accounts lose their access.
    op.execute("DELETE FROM memberships WHERE role = 'landlord'")
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_column('shared_with_landlord')
