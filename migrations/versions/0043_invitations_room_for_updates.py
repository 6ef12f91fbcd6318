"""Invitations and drafts leave room on each page for their updates (PostgreSQL fillfactor),
so opening, saving and sending rewrite a row in place (a HOT update, cleaned up by the next
reader of the page) instead of adding a row version and an entry in every index; without a
vacuum those pile up with each tenant who answers. SQLite: nothing to do.

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-07
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0043'
down_revision = '0042'
branch_labels = None
depends_on = None

#: Percent of each page filled by inserts: an invitation is updated twice (opened, used), a
#: draft once per page saved.
FILLFACTOR = {'invitations': 70, 'response_drafts': 50}


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for table, percent in FILLFACTOR.items():
            op.execute(f'ALTER TABLE {table} SET (fillfactor = {percent})')


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for table in FILLFACTOR:
            op.execute(f'ALTER TABLE {table} RESET (fillfactor)')
