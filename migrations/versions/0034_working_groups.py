"""Working groups: members, linked dossiers and consultations, SMART goals and a progress note
per quarter; an agenda item can be linked to a working group.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0034'
down_revision = '0033'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('working_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.String(length=300), nullable=False),
    sa.Column('mandate', sa.Text(), nullable=False),
    sa.Column('landlord_contact', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("name <> ''", name=op.f('ck_working_groups_has_name')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_working_groups_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_groups')),
    sa.UniqueConstraint('organisation_id', 'name', name=op.f('uq_working_groups_organisation_id_name'))
    )
    with op.batch_alter_table('working_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_groups_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('working_group_consultations',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_working_group_consultations_consultation_id_consultations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_consultations_group_id_working_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'consultation_id', name=op.f('pk_working_group_consultations'))
    )
    op.create_table('working_group_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('open', 'met', 'dropped')", name=op.f('ck_working_group_goals_known_state')),
    sa.CheckConstraint("what <> '' AND measure <> ''", name=op.f('ck_working_group_goals_is_smart')),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_goals_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_working_group_goals_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group_goals'))
    )
    with op.batch_alter_table('working_group_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_goals_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_working_group_goals_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('working_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_members_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_working_group_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'user_id', name=op.f('pk_working_group_members'))
    )
    op.create_table('working_group_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_working_group_notes_quarter_in_range')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_working_group_notes_year_in_range')),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_notes_group_id_working_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_working_group_notes_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group_notes')),
    sa.UniqueConstraint('group_id', 'year', 'quarter', name=op.f('uq_working_group_notes_group_id_year_quarter'))
    )
    with op.batch_alter_table('working_group_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_notes_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_working_group_notes_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('working_group_dossiers',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_working_group_dossiers_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['working_groups.id'], name=op.f('fk_working_group_dossiers_group_id_working_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'dossier_id', name=op.f('pk_working_group_dossiers'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('working_group_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_agenda_items_working_group_id'), ['working_group_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_agenda_items_working_group_id_working_groups'), 'working_groups', ['working_group_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_agenda_items_working_group_id_working_groups'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_agenda_items_working_group_id'))
        batch_op.drop_column('working_group_id')

    op.drop_table('working_group_dossiers')
    with op.batch_alter_table('working_group_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_notes_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_working_group_notes_group_id'))

    op.drop_table('working_group_notes')
    op.drop_table('working_group_members')
    with op.batch_alter_table('working_group_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_goals_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_working_group_goals_group_id'))

    op.drop_table('working_group_goals')
    op.drop_table('working_group_consultations')
    with op.batch_alter_table('working_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_groups_organisation_id'))

    op.drop_table('working_groups')
