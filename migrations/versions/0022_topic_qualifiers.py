"""Kruisjeslijst topics carry the agreement's own mark beside the right (a qualifier such as
"+", with a note on what it means) and the agreement's own term for the topic in weeks.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('qualifier', sa.String(length=10), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('qualifier_note', sa.String(length=300), server_default='', nullable=False)
        )
        batch_op.add_column(sa.Column('term_weeks', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_topics_plausible_term'), 'term_weeks BETWEEN 1 AND 52'
        )


def downgrade():
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_topics_plausible_term'), type_='check')
        batch_op.drop_column('term_weeks')
        batch_op.drop_column('qualifier_note')
        batch_op.drop_column('qualifier')
