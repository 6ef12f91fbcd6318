"""Draagvlakmetingen: the addresses concerned with their one-time links, the votes (apart
from the address when the vote is secret) and the results frozen as evidence for a dossier.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-07

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0039'
down_revision = '0038'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('draagvlak_metingen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('secret', sa.Boolean(), nullable=False),
    sa.Column('proposal_filename', sa.String(length=255), nullable=True),
    sa.Column('proposal_stored_name', sa.String(length=64), nullable=True),
    sa.Column('proposal_type', sa.String(length=120), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('closes_on >= opens_on', name=op.f('ck_draagvlak_metingen_closes_after_opening')),
    sa.CheckConstraint('threshold BETWEEN 50 AND 100', name=op.f('ck_draagvlak_metingen_threshold_in_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_draagvlak_metingen_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draagvlak_metingen'))
    )
    with op.batch_alter_table('draagvlak_metingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draagvlak_metingen_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('draagvlak_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meting_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('voted_on', sa.Date(), nullable=True),
    sa.Column('link_sent_at', sa.DateTime(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meting_id'], ['draagvlak_metingen.id'], name=op.f('fk_draagvlak_addresses_meting_id_draagvlak_metingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_draagvlak_addresses_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draagvlak_addresses')),
    sa.UniqueConstraint('meting_id', 'address', name=op.f('uq_draagvlak_addresses_meting_id_address')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_draagvlak_addresses_token_hash'))
    )
    with op.batch_alter_table('draagvlak_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draagvlak_addresses_meting_id'), ['meting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draagvlak_addresses_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('draagvlak_votes',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('meting_id', sa.Integer(), nullable=False),
    sa.Column('agrees', sa.Boolean(), nullable=False),
    sa.Column('address_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['address_id'], ['draagvlak_addresses.id'], name=op.f('fk_draagvlak_votes_address_id_draagvlak_addresses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meting_id'], ['draagvlak_metingen.id'], name=op.f('fk_draagvlak_votes_meting_id_draagvlak_metingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_draagvlak_votes_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draagvlak_votes')),
    sa.UniqueConstraint('address_id', name=op.f('uq_draagvlak_votes_address_id'))
    )
    with op.batch_alter_table('draagvlak_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draagvlak_votes_meting_id'), ['meting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draagvlak_votes_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('draagvlak_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meting_id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_draagvlak_snapshots_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meting_id'], ['draagvlak_metingen.id'], name=op.f('fk_draagvlak_snapshots_meting_id_draagvlak_metingen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_draagvlak_snapshots_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draagvlak_snapshots'))
    )
    with op.batch_alter_table('draagvlak_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draagvlak_snapshots_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draagvlak_snapshots_meting_id'), ['meting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draagvlak_snapshots_organisation_id'), ['organisation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('draagvlak_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draagvlak_snapshots_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_draagvlak_snapshots_meting_id'))
        batch_op.drop_index(batch_op.f('ix_draagvlak_snapshots_dossier_id'))

    op.drop_table('draagvlak_snapshots')
    with op.batch_alter_table('draagvlak_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draagvlak_votes_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_draagvlak_votes_meting_id'))

    op.drop_table('draagvlak_votes')
    with op.batch_alter_table('draagvlak_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draagvlak_addresses_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_draagvlak_addresses_meting_id'))

    op.drop_table('draagvlak_addresses')
    with op.batch_alter_table('draagvlak_metingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draagvlak_metingen_organisation_id'))

    op.drop_table('draagvlak_metingen')
