"""Identified consultations (a response may name its member) and archived consultations.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

Existing consultations stay anonymous. "archived" is a new value of the status column.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymous', sa.Boolean(), nullable=False, server_default=sa.true()))

    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('member_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_responses_member_id'), ['member_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_responses_member_id_panel_members'), 'panel_members', ['member_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_responses_member_id_panel_members'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_responses_member_id'))
        batch_op.drop_column('member_id')

    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_column('anonymous')

