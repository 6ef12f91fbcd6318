"""The kruisjeslijst in versions; dossiers get a topic, phases, a timeline, responsible
board members and linked consultations.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agreement_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('advice_term_weeks', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('saved_by', sa.String(length=254), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('advice_term_weeks BETWEEN 6 AND 52', name=op.f('ck_agreement_versions_advice_term_at_least_legal')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agreement_versions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_versions'))
    )
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_versions_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('right', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_topics_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['agreement_versions.id'], name=op.f('fk_topics_version_id_agreement_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics'))
    )
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topics_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_topics_version_id'), ['version_id'], unique=False)

    op.create_table('dossier_consultations',
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_dossier_consultations_consultation_id_consultations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_consultations_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dossier_id', 'consultation_id', name=op.f('pk_dossier_consultations'))
    )
    op.create_table('dossier_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_events_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_dossier_events_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_events'))
    )
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_events_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_events_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('dossier_responsibles',
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_responsibles_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_dossier_responsibles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dossier_id', 'user_id', name=op.f('pk_dossier_responsibles'))
    )
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('topic_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('description', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('landlord_contact', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('phase', sa.String(length=20), server_default='announced', nullable=False))
        batch_op.add_column(sa.Column('advice_given_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reply_received_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reply_outcome', sa.String(length=20), nullable=True))
        batch_op.create_index(batch_op.f('ix_dossiers_topic_id'), ['topic_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_dossiers_topic_id_topics'), 'topics', ['topic_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(
            'known_phase',
            "phase IN ('announced', 'consulting', 'drafting', 'advised', 'reply', 'closed', "
            "'withdrawn')",
        )

    # Consultations whose results were frozen into a dossier before are linked to it.
    op.execute(
        "INSERT INTO dossier_consultations (dossier_id, consultation_id) "
        "SELECT DISTINCT dossier_id, consultation_id FROM evidence_snapshots "
        "WHERE consultation_id IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_dossiers_known_phase'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_dossiers_topic_id_topics'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_dossiers_topic_id'))
        batch_op.drop_column('reply_outcome')
        batch_op.drop_column('reply_received_on')
        batch_op.drop_column('advice_given_on')
        batch_op.drop_column('phase')
        batch_op.drop_column('landlord_contact')
        batch_op.drop_column('description')
        batch_op.drop_column('topic_id')

    op.drop_table('dossier_responsibles')
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_events_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_dossier_events_dossier_id'))

    op.drop_table('dossier_events')
    op.drop_table('dossier_consultations')
    with op.batch_alter_table('topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topics_version_id'))
        batch_op.drop_index(batch_op.f('ix_topics_organisation_id'))

    op.drop_table('topics')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_versions_organisation_id'))

    op.drop_table('agreement_versions')
