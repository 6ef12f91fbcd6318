"""The participatiekalender: plan items per organisation and year, by month or quarter, on a
topic of the kruisjeslijst or an own theme, linked to a dossier and consultation as they start.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=True),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('right', sa.String(length=20), nullable=False),
    sa.Column('initiative', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=True),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('copied_from_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("initiative IN ('landlord', 'organisation')", name=op.f('ck_plan_items_known_initiative')),
    sa.CheckConstraint("title <> ''", name=op.f('ck_plan_items_has_title')),
    sa.CheckConstraint('month IS NULL OR (month BETWEEN 1 AND 12 AND quarter = (month + 2) / 3)', name=op.f('ck_plan_items_month_in_its_quarter')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_plan_items_quarter_in_range')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_plan_items_year_in_range')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_plan_items_consultation_id_consultations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['copied_from_id'], ['plan_items.id'], name=op.f('fk_plan_items_copied_from_id_plan_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_plan_items_dossier_id_dossiers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_plan_items_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_plan_items_topic_id_topics'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_items'))
    )
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_items_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_items_copied_from_id'), ['copied_from_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_plan_items_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_items_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_items_topic_id'), ['topic_id'], unique=False)



def downgrade():
    with op.batch_alter_table('plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_items_topic_id'))
        batch_op.drop_index(batch_op.f('ix_plan_items_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_plan_items_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_plan_items_copied_from_id'))
        batch_op.drop_index(batch_op.f('ix_plan_items_consultation_id'))

    op.drop_table('plan_items')
