"""Identified consultations (a response may name its member), archiving, and open links.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

Existing consultations stay anonymous and have no open link. "archived" is a new value of the
status column. open_votes keeps, per consultation, a keyed hash of each address that answered
through a confirmed open link.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('open_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_open_votes_consultation_id_consultations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_open_votes')),
    sa.UniqueConstraint('consultation_id', 'email_hash', name=op.f('uq_open_votes_consultation_id_email_hash'))
    )
    with op.batch_alter_table('open_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_open_votes_consultation_id'), ['consultation_id'], unique=False)

    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymous', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('open_link_mode', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('open_link_key', sa.String(length=43), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_consultations_open_link_key'), ['open_link_key'])

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
        batch_op.drop_constraint(batch_op.f('uq_consultations_open_link_key'), type_='unique')
        batch_op.drop_column('open_link_key')
        batch_op.drop_column('open_link_mode')
        batch_op.drop_column('anonymous')

    with op.batch_alter_table('open_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_open_votes_consultation_id'))

    op.drop_table('open_votes')

