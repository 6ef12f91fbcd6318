"""Events can be cancelled, and each change mailed to the people signed up raises the
event's sequence, so their calendars take the new version. A secret draagvlakmeting keeps
each vote sealed (encrypted with the application's key) instead of in plain: ``agrees``
becomes optional and ``sealed`` holds the sealed choice; one of the two is always set. An
address without e-mail gets a letter with a short code, of which only the hash is kept.

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0047'
down_revision = '0046'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('events') as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column('sequence', sa.Integer(), server_default='0', nullable=False)
        )
    with op.batch_alter_table('draagvlak_votes') as batch_op:
        batch_op.add_column(sa.Column('sealed', sa.LargeBinary(), nullable=True))
        batch_op.alter_column('agrees', existing_type=sa.Boolean(), nullable=True)
        batch_op.create_check_constraint(
            op.f('ck_draagvlak_votes_agrees_or_sealed'), '(agrees IS NULL) <> (sealed IS NULL)'
        )
    with op.batch_alter_table('draagvlak_addresses') as batch_op:
        batch_op.add_column(sa.Column('code_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            op.f('uq_draagvlak_addresses_code_hash'), ['code_hash']
        )


def downgrade():
    with op.batch_alter_table('draagvlak_addresses') as batch_op:
        batch_op.drop_constraint(op.f('uq_draagvlak_addresses_code_hash'), type_='unique')
        batch_op.drop_column('code_hash')
    op.execute('DELETE FROM draagvlak_votes WHERE agrees IS NULL')
    with op.batch_alter_table('draagvlak_votes') as batch_op:
        batch_op.drop_constraint(op.f('ck_draagvlak_votes_agrees_or_sealed'), type_='check')
        batch_op.alter_column('agrees', existing_type=sa.Boolean(), nullable=False)
        batch_op.drop_column('sealed')
    with op.batch_alter_table('events') as batch_op:
        batch_op.drop_column('sequence')
        batch_op.drop_column('cancelled_at')
