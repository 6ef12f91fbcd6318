"""Consent as its own procedure: the organisation's decision on a request for consent (given,
under conditions, withheld) with the landlord's response, and the agreement's term for that
decision (none by law).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_term_weeks', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_agreement_versions_plausible_consent_term'),
            'consent_term_weeks BETWEEN 1 AND 52',
        )

    op.create_table('consent_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('response_received_on', sa.Date(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("decision IN ('given', 'conditional', 'withheld')", name=op.f('ck_consent_decisions_known_decision')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_consent_decisions_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_consent_decisions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_decisions')),
    sa.UniqueConstraint('dossier_id', name=op.f('uq_consent_decisions_dossier_id'))
    )
    with op.batch_alter_table('consent_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_decisions_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('consent_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_decisions_organisation_id'))
    op.drop_table('consent_decisions')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f('ck_agreement_versions_plausible_consent_term'), type_='check'
        )
        batch_op.drop_column('consent_term_weeks')
