"""Year themes (jaarthema's) with their goals, and link tables by which a dossier,
consultation, meeting, plan item or working group carries one theme.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('year_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("title <> ''", name=op.f('ck_year_themes_has_title')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_year_themes_year_in_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_year_themes_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_year_themes')),
    sa.UniqueConstraint('organisation_id', 'year', 'title', name=op.f('uq_year_themes_organisation_id_year_title'))
    )
    with op.batch_alter_table('year_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_year_themes_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('theme_consultations',
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_theme_consultations_consultation_id_consultations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['year_themes.id'], name=op.f('fk_theme_consultations_theme_id_year_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('consultation_id', name=op.f('pk_theme_consultations'))
    )
    with op.batch_alter_table('theme_consultations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_consultations_theme_id'), ['theme_id'], unique=False)

    op.create_table('theme_meetings',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_theme_meetings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['year_themes.id'], name=op.f('fk_theme_meetings_theme_id_year_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_theme_meetings'))
    )
    with op.batch_alter_table('theme_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_meetings_theme_id'), ['theme_id'], unique=False)

    op.create_table('theme_working_groups',
    sa.Column('working_group_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['theme_id'], ['year_themes.id'], name=op.f('fk_theme_working_groups_theme_id_year_themes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['working_group_id'], ['working_groups.id'], name=op.f('fk_theme_working_groups_working_group_id_working_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('working_group_id', name=op.f('pk_theme_working_groups'))
    )
    with op.batch_alter_table('theme_working_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_working_groups_theme_id'), ['theme_id'], unique=False)

    op.create_table('theme_dossiers',
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_theme_dossiers_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['year_themes.id'], name=op.f('fk_theme_dossiers_theme_id_year_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dossier_id', name=op.f('pk_theme_dossiers'))
    )
    with op.batch_alter_table('theme_dossiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_dossiers_theme_id'), ['theme_id'], unique=False)

    op.create_table('theme_plan_items',
    sa.Column('plan_item_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_item_id'], ['plan_items.id'], name=op.f('fk_theme_plan_items_plan_item_id_plan_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['year_themes.id'], name=op.f('fk_theme_plan_items_theme_id_year_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_item_id', name=op.f('pk_theme_plan_items'))
    )
    with op.batch_alter_table('theme_plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_plan_items_theme_id'), ['theme_id'], unique=False)



def downgrade():
    with op.batch_alter_table('theme_plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_plan_items_theme_id'))

    op.drop_table('theme_plan_items')
    with op.batch_alter_table('theme_dossiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_dossiers_theme_id'))

    op.drop_table('theme_dossiers')
    with op.batch_alter_table('theme_working_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_working_groups_theme_id'))

    op.drop_table('theme_working_groups')
    with op.batch_alter_table('theme_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_meetings_theme_id'))

    op.drop_table('theme_meetings')
    with op.batch_alter_table('theme_consultations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_consultations_theme_id'))

    op.drop_table('theme_consultations')
    with op.batch_alter_table('year_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_year_themes_organisation_id'))

    op.drop_table('year_themes')
