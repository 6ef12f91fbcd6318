"""Outbox indexed in the order workers claim mail (status, priority, id), so a claim reads the
first due messages instead of sorting all of them; it replaces the index on (status, due time).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index(
            'ix_outbox_messages_queue', ['status', 'priority', 'id', 'next_attempt_at'], unique=False
        )
        batch_op.drop_index('ix_outbox_messages_due')


def downgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_messages_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.drop_index('ix_outbox_messages_queue')
