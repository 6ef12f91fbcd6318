"""Date questions: their optional earliest and latest day and a bound relative to the day of
answering ("not in the future").

Revision ID: 0050
Revises: 0049
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0050'
down_revision = '0049'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('questions') as batch_op:
        batch_op.add_column(sa.Column('earliest_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('latest_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('date_limit', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('questions') as batch_op:
        batch_op.drop_column('date_limit')
        batch_op.drop_column('latest_on')
        batch_op.drop_column('earliest_on')
