"""Open answers: themes per question, the answers tagged with them, and answers marked as
quotes for an advice.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('answer_themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_answer_themes_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_answer_themes_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_themes')),
    sa.UniqueConstraint('question_id', 'label', name=op.f('uq_answer_themes_question_id_label'))
    )
    with op.batch_alter_table('answer_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_themes_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('answer_quotes',
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('marked_by', sa.String(length=254), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_answer_quotes_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_answer_quotes_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_answer_quotes_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('answer_id', name=op.f('pk_answer_quotes'))
    )
    with op.batch_alter_table('answer_quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_quotes_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_quotes_question_id'), ['question_id'], unique=False)

    op.create_table('answer_theme_tags',
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_answer_theme_tags_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['answer_themes.id'], name=op.f('fk_answer_theme_tags_theme_id_answer_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('theme_id', 'answer_id', name=op.f('pk_answer_theme_tags'))
    )
    with op.batch_alter_table('answer_theme_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_theme_tags_answer_id'), ['answer_id'], unique=False)


def downgrade():
    with op.batch_alter_table('answer_theme_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_theme_tags_answer_id'))

    op.drop_table('answer_theme_tags')
    with op.batch_alter_table('answer_quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_quotes_question_id'))
        batch_op.drop_index(batch_op.f('ix_answer_quotes_organisation_id'))

    op.drop_table('answer_quotes')
    with op.batch_alter_table('answer_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_themes_organisation_id'))

    op.drop_table('answer_themes')
