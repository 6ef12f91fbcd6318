"""The segment dimensions an anonymous consultation's responses may keep, as the board chose
them (None: all the organisation's dimensions; issue 21).

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
    with op.batch_alter_table('consultations') as batch:
        batch.add_column(sa.Column('kept_dimension_ids', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('consultations') as batch:
        batch.drop_column('kept_dimension_ids')
