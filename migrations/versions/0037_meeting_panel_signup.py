"""Panel members asked to a members' meeting through a personal link (only the token's hash
is kept), and their answer.

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0037'
down_revision = '0036'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('attending', sa.Boolean(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_registrations_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['panel_members.id'], name=op.f('fk_meeting_registrations_member_id_panel_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meeting_registrations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_registrations')),
    sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_meeting_registrations_meeting_id_member_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_meeting_registrations_token_hash'))
    )
    with op.batch_alter_table('meeting_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_registrations_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_registrations_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_registrations_organisation_id'), ['organisation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('meeting_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_registrations_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_registrations_member_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_registrations_meeting_id'))

    op.drop_table('meeting_registrations')
