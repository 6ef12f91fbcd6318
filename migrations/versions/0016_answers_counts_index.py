"""An index on answers that covers the results' counts per question and option.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-25
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.create_index('ix_answers_counts', ['question_id', 'option_id', 'number', 'response_id'], unique=False)


def downgrade():
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_index('ix_answers_counts')
