"""Koepels: member organisations (recognised or not), joint dossiers, and each member
organisation's position on them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('koepel_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('koepel_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('recognised', sa.Boolean(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('koepel_id <> member_id', name=op.f('ck_koepel_members_not_its_own_member')),
    sa.ForeignKeyConstraint(['koepel_id'], ['organisations.id'], name=op.f('fk_koepel_members_koepel_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['organisations.id'], name=op.f('fk_koepel_members_member_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_koepel_members')),
    sa.UniqueConstraint('koepel_id', 'member_id', name=op.f('uq_koepel_members_koepel_id_member_id'))
    )
    with op.batch_alter_table('koepel_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_koepel_members_koepel_id'), ['koepel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_koepel_members_member_id'), ['member_id'], unique=False)

    op.create_table('positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('stance', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('entered_by', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_positions_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_positions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions')),
    sa.UniqueConstraint('dossier_id', 'organisation_id', name=op.f('uq_positions_dossier_id_organisation_id'))
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_positions_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_positions_organisation_id'), ['organisation_id'], unique=False)

    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('joint', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_column('joint')

    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_positions_dossier_id'))

    op.drop_table('positions')
    with op.batch_alter_table('koepel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_koepel_members_member_id'))
        batch_op.drop_index(batch_op.f('ix_koepel_members_koepel_id'))

    op.drop_table('koepel_members')
