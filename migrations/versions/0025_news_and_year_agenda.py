"""News on a dossier (dossier_news), and the year agenda agreed with the landlord: year_plans
(shared, published), agreed_versions (frozen, hashed) and item_proposals of the landlord.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dossier_news',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('author_label', sa.String(length=254), nullable=False),
    sa.Column('mailed_to', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['dossier_documents.id'], name=op.f('fk_dossier_news_document_id_dossier_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_news_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_dossier_news_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_news'))
    )
    with op.batch_alter_table('dossier_news', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_news_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_news_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_news_organisation_id'), ['organisation_id'], unique=False)
    op.create_table('year_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('shared_with_landlord', sa.Boolean(), nullable=False),
    sa.Column('published_number', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_year_plans_year_in_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_year_plans_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_year_plans')),
    sa.UniqueConstraint('organisation_id', 'year', name=op.f('uq_year_plans_organisation_id_year'))
    )
    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_year_plans_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('agreed_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('agreed_by', sa.String(length=254), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agreed_versions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['year_plans.id'], name=op.f('fk_agreed_versions_plan_id_year_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreed_versions')),
    sa.UniqueConstraint('plan_id', 'number', name=op.f('uq_agreed_versions_plan_id_number'))
    )
    with op.batch_alter_table('agreed_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreed_versions_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('item_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('proposed_by', sa.String(length=254), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('open', 'accepted', 'declined')", name=op.f('ck_item_proposals_known_state')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_item_proposals_quarter_in_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_item_proposals_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['year_plans.id'], name=op.f('fk_item_proposals_plan_id_year_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_proposals'))
    )
    with op.batch_alter_table('item_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_proposals_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_proposals_plan_id'), ['plan_id'], unique=False)


def downgrade():
    with op.batch_alter_table('item_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_proposals_plan_id'))
        batch_op.drop_index(batch_op.f('ix_item_proposals_organisation_id'))

    op.drop_table('item_proposals')
    with op.batch_alter_table('agreed_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreed_versions_organisation_id'))

    op.drop_table('agreed_versions')
    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_year_plans_organisation_id'))

    op.drop_table('year_plans')

    with op.batch_alter_table('dossier_news', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_news_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_dossier_news_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_dossier_news_document_id'))

    op.drop_table('dossier_news')
