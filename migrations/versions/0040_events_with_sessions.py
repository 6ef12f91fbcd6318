"""Events with sessions (issue 26): events, their sessions with capacity and seats taken,
prices per kind of participant, registrations (named, erased after the retention period) and
each registration's placement per round (confirmed, waiting or cancelled).

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0040'
down_revision = '0039'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('programme', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('online_url', sa.String(length=500), nullable=True),
    sa.Column('public_key', sa.String(length=32), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('erased_at', sa.DateTime(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("title <> ''", name=op.f('ck_events_has_title')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_events_ends_after_start')),
    sa.CheckConstraint('place IS NOT NULL OR online_url IS NOT NULL', name=op.f('ck_events_has_a_place')),
    sa.CheckConstraint('retention_days BETWEEN 0 AND 730', name=op.f('ck_events_retention_in_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_events_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('public_key', name=op.f('uq_events_public_key'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('event_prices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('price_cents >= 0', name=op.f('ck_event_prices_price_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_prices_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_event_prices_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_prices'))
    )
    with op.batch_alter_table('event_prices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_prices_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_prices_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('event_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('taken', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 1', name=op.f('ck_event_sessions_has_capacity')),
    sa.CheckConstraint('round BETWEEN 1 AND 20', name=op.f('ck_event_sessions_round_in_range')),
    sa.CheckConstraint('taken BETWEEN 0 AND capacity', name=op.f('ck_event_sessions_not_overbooked')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_sessions_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_event_sessions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_sessions'))
    )
    with op.batch_alter_table('event_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_sessions_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_sessions_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('event_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('affiliation', sa.String(length=200), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('payment', sa.String(length=10), nullable=False),
    sa.Column('payment_reference', sa.String(length=100), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("payment IN ('open', 'paid', 'invoiced', 'waived')", name=op.f('ck_event_registrations_known_payment')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kind_id'], ['event_prices.id'], name=op.f('fk_event_registrations_kind_id_event_prices'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['member_id'], ['panel_members.id'], name=op.f('fk_event_registrations_member_id_panel_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_event_registrations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_registrations')),
    sa.UniqueConstraint('event_id', 'email', name=op.f('uq_event_registrations_event_id_email')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_event_registrations_token_hash'))
    )
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_registrations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_registrations_kind_id'), ['kind_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_registrations_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_registrations_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('event_placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('confirmed', 'waiting', 'cancelled')", name=op.f('ck_event_placements_known_status')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_event_placements_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['event_registrations.id'], name=op.f('fk_event_placements_registration_id_event_registrations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['event_sessions.id'], name=op.f('fk_event_placements_session_id_event_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_placements')),
    sa.UniqueConstraint('registration_id', 'round', name=op.f('uq_event_placements_registration_id_round'))
    )
    with op.batch_alter_table('event_placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_placements_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_placements_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_placements_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_placements_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('event_placements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_placements_status'))
        batch_op.drop_index(batch_op.f('ix_event_placements_session_id'))
        batch_op.drop_index(batch_op.f('ix_event_placements_registration_id'))
        batch_op.drop_index(batch_op.f('ix_event_placements_organisation_id'))

    op.drop_table('event_placements')
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_registrations_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_event_registrations_member_id'))
        batch_op.drop_index(batch_op.f('ix_event_registrations_kind_id'))
        batch_op.drop_index(batch_op.f('ix_event_registrations_event_id'))

    op.drop_table('event_registrations')
    with op.batch_alter_table('event_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_sessions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_event_sessions_event_id'))

    op.drop_table('event_sessions')
    with op.batch_alter_table('event_prices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_prices_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_event_prices_event_id'))

    op.drop_table('event_prices')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_organisation_id'))

    op.drop_table('events')
