"""Responses indexed by consultation, channel and id, and segments by response, dimension and
value, so the results count respondents per channel and segment from the indexes alone; they
replace the indexes on consultation and on response.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index('ix_responses_counts', ['consultation_id', 'channel', 'id'], unique=False)
        batch_op.drop_index('ix_responses_consultation_id')
    with op.batch_alter_table('response_segments', schema=None) as batch_op:
        batch_op.create_index('ix_response_segments_values', ['response_id', 'dimension_id', 'value_id'], unique=False)
        batch_op.drop_index('ix_response_segments_response_id')


def downgrade():
    with op.batch_alter_table('response_segments', schema=None) as batch_op:
        batch_op.create_index('ix_response_segments_response_id', ['response_id'], unique=False)
        batch_op.drop_index('ix_response_segments_values')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index('ix_responses_consultation_id', ['consultation_id'], unique=False)
        batch_op.drop_index('ix_responses_counts')
