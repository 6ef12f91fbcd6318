"""The installation's administrator (users.is_installation_admin) and suspended organisations
(organisations.suspended_at).

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'is_installation_admin', sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('suspended_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_installation_admin')
