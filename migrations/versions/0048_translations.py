"""Questionnaires in several languages: a consultation's texts per language
(consultation_translations), and the language each response was answered in.

Revision ID: 0048
Revises: 0047
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0048'
down_revision = '0047'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'consultation_translations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('consultation_id', 'language', 'key', name='uq_translation_text'),
    )
    with op.batch_alter_table('consultation_translations', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_consultation_translations_consultation_id'),
            ['consultation_id'],
            unique=False,
        )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('consultation_translations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_translations_consultation_id'))
    op.drop_table('consultation_translations')
