"""Answers indexed by question and response, so the results count respondents without sorting;
it replaces the index on question alone.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-25
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index('ix_answers_respondents', ['question_id', 'response_id'], unique=False)
        batch_op.drop_index('ix_answers_question_id')


def downgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index('ix_answers_question_id', ['question_id'], unique=False)
        batch_op.drop_index('ix_answers_respondents')
