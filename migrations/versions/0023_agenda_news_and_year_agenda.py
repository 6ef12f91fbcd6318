"""News on a dossier: the board's dated updates (dossier_news).

Revision ID: 0023_agenda
Revises: 0022_agenda
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0023_agenda'
down_revision = '0022_agenda'
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



def downgrade():
    with op.batch_alter_table('dossier_news', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_news_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_dossier_news_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_dossier_news_document_id'))

    op.drop_table('dossier_news')
