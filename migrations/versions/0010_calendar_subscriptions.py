"""Calendar subscriptions: a user's secret link to the deadlines of an organisation's
dossiers, stored as the hash of its token only.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_calendar_subscriptions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_subscriptions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_subscriptions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_subscriptions_token_hash')),
    sa.UniqueConstraint('user_id', 'organisation_id', name=op.f('uq_calendar_subscriptions_user_id_organisation_id'))
    )
    with op.batch_alter_table('calendar_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_subscriptions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendar_subscriptions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('calendar_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_subscriptions_user_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_subscriptions_organisation_id'))

    op.drop_table('calendar_subscriptions')
