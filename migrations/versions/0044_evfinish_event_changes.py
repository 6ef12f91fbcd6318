"""Events can be cancelled, and each change mailed to the people signed up raises the
event's sequence, so their calendars take the new version.

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0044'
down_revision = '0043'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events') as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column('sequence', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('events') as batch_op:
        batch_op.drop_column('sequence')
        batch_op.drop_column('cancelled_at')
