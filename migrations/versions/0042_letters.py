"""Post as a channel: a member's postal address and preferred channel; an invitation's
channel and the hash of the short code printed on its letter.

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0042'
down_revision = '0041'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_address', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('channel', sa.String(length=10), server_default='mail', nullable=False))
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=10), server_default='mail', nullable=False))
        batch_op.add_column(sa.Column('code_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_invitations_code_hash'), ['code_hash'])


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_invitations_code_hash'), type_='unique')
        batch_op.drop_column('code_hash')
        batch_op.drop_column('channel')
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.drop_column('channel')
        batch_op.drop_column('postal_address')
