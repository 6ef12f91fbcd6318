"""Mail delivery: worker claims, retries, idempotency keys, bounces, opens, reminders.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Messages already in the outbox get the key "legacy:<id>" and are due at once.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('send_on', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('recipients', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_reminders_consultation_id_consultations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_reminders_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
    sa.UniqueConstraint('consultation_id', 'send_on', name=op.f('uq_reminders_consultation_id_send_on'))
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminders_organisation_id'), ['organisation_id'], unique=False)

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('bounced_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('opened_on', sa.Date(), nullable=True))

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idempotency_key', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE outbox_messages SET idempotency_key = 'legacy:' || CAST(id AS VARCHAR(20)),"
        " next_attempt_at = created_at"
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.alter_column('idempotency_key', existing_type=sa.String(length=120), nullable=False)
        batch_op.alter_column('next_attempt_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('priority', sa.Integer(), server_default='1', nullable=False))
        batch_op.create_index(batch_op.f('ix_outbox_messages_sent_at'), ['sent_at'], unique=False)
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(), nullable=True))
        batch_op.drop_index(batch_op.f('ix_outbox_messages_status'))
        batch_op.create_index('ix_outbox_messages_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_messages_idempotency_key'), ['idempotency_key'])

    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bounced_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.drop_column('bounced_at')

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_outbox_messages_idempotency_key'), type_='unique')
        batch_op.drop_index('ix_outbox_messages_due')
        batch_op.create_index(batch_op.f('ix_outbox_messages_status'), ['status'], unique=False)
        batch_op.drop_index(batch_op.f('ix_outbox_messages_sent_at'))
        batch_op.drop_column('priority')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('idempotency_key')

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('opened_on')
        batch_op.drop_column('bounced_at')
        batch_op.drop_column('sent_at')

    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_reminders_consultation_id'))

    op.drop_table('reminders')
