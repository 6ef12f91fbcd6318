"""Meeting attendance: each invitee's answer, coming or not (empty until they answer).

Revision ID: 0023_meetings
Revises: 0022_meetings
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023_meetings'
down_revision = '0022_meetings'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attending', sa.Boolean(), nullable=True))



def downgrade():
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_column('attending')

