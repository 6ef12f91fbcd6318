"""Direct elections of board members: elections, candidates, the electorate with its links,
the keyed participation hashes, the sealed ballots until the count and the anonymous ballots.

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0045'
down_revision = '0044'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('elections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('quorum', sa.Integer(), nullable=True),
    sa.Column('per_address', sa.Boolean(), nullable=False),
    sa.Column('counted_at', sa.DateTime(), nullable=True),
    sa.Column('lot_seed', sa.String(length=64), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('closes_on >= opens_on', name=op.f('ck_elections_closes_after_opening')),
    sa.CheckConstraint('quorum IS NULL OR quorum BETWEEN 1 AND 100', name=op.f('ck_elections_quorum_in_range')),
    sa.CheckConstraint('seats >= 1', name=op.f('ck_elections_at_least_one_seat')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_elections_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_elections'))
    )
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_elections_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('election_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections.id'], name=op.f('fk_election_ballots_election_id_elections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_election_ballots'))
    )
    with op.batch_alter_table('election_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_ballots_election_id'), ['election_id'], unique=False)

    op.create_table('election_candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('photo_stored_name', sa.String(length=64), nullable=True),
    sa.Column('photo_type', sa.String(length=120), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections.id'], name=op.f('fk_election_candidates_election_id_elections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_election_candidates_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_election_candidates'))
    )
    with op.batch_alter_table('election_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_candidates_election_id'), ['election_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_election_candidates_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('election_participations',
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('voter_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections.id'], name=op.f('fk_election_participations_election_id_elections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('election_id', 'voter_hash', name=op.f('pk_election_participations'))
    )
    op.create_table('election_sealed_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections.id'], name=op.f('fk_election_sealed_ballots_election_id_elections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_election_sealed_ballots'))
    )
    with op.batch_alter_table('election_sealed_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_sealed_ballots_election_id'), ['election_id'], unique=False)

    op.create_table('election_voters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=True),
    sa.Column('link_sent_at', sa.DateTime(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['election_id'], ['elections.id'], name=op.f('fk_election_voters_election_id_elections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['panel_members.id'], name=op.f('fk_election_voters_member_id_panel_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_election_voters_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_election_voters')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_election_voters_code_hash')),
    sa.UniqueConstraint('election_id', 'address', name=op.f('uq_election_voters_election_id_address')),
    sa.UniqueConstraint('election_id', 'member_id', name=op.f('uq_election_voters_election_id_member_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_election_voters_token_hash'))
    )
    with op.batch_alter_table('election_voters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_voters_election_id'), ['election_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_election_voters_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('election_ballot_marks',
    sa.Column('ballot_id', sa.String(length=32), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['election_ballots.id'], name=op.f('fk_election_ballot_marks_ballot_id_election_ballots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['candidate_id'], ['election_candidates.id'], name=op.f('fk_election_ballot_marks_candidate_id_election_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ballot_id', 'candidate_id', name=op.f('pk_election_ballot_marks'))
    )
    with op.batch_alter_table('election_ballot_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_election_ballot_marks_candidate_id'), ['candidate_id'], unique=False)



def downgrade():
    with op.batch_alter_table('election_ballot_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_ballot_marks_candidate_id'))

    op.drop_table('election_ballot_marks')
    with op.batch_alter_table('election_voters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_voters_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_election_voters_election_id'))

    op.drop_table('election_voters')
    with op.batch_alter_table('election_sealed_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_sealed_ballots_election_id'))

    op.drop_table('election_sealed_ballots')
    op.drop_table('election_participations')
    with op.batch_alter_table('election_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_candidates_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_election_candidates_election_id'))

    op.drop_table('election_candidates')
    with op.batch_alter_table('election_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_election_ballots_election_id'))

    op.drop_table('election_ballots')
    with op.batch_alter_table('elections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_elections_organisation_id'))

    op.drop_table('elections')
