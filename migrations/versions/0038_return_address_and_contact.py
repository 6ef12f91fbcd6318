"""Organisations have a return address for paper questionnaires and a contact address for
tenants (named in the accessibility statement); both empty by default.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0038'
down_revision = '0037'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('return_address', sa.String(length=500), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('contact_email', sa.String(length=254), server_default='', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('contact_email')
        batch_op.drop_column('return_address')
