"""Meetings: agenda terms per organisation and kind, meetings with their participants, agenda
items (linked to a dossier, consultation or plan item), papers, and the minutes' decisions and
action points.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agenda_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('concept_weeks', sa.Integer(), nullable=False),
    sa.Column('final_weeks', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('concept_weeks BETWEEN 0 AND 52', name=op.f('ck_agenda_terms_concept_in_range')),
    sa.CheckConstraint('final_weeks BETWEEN 0 AND concept_weeks', name=op.f('ck_agenda_terms_final_after_concept')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agenda_terms_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_terms')),
    sa.UniqueConstraint('organisation_id', 'kind', name=op.f('uq_agenda_terms_organisation_id_kind'))
    )
    with op.batch_alter_table('agenda_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_terms_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('video_link', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('concept_due_on', sa.Date(), nullable=False),
    sa.Column('final_due_on', sa.Date(), nullable=False),
    sa.Column('fixed_on', sa.Date(), nullable=True),
    sa.Column('approved_in_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('landlord', 'central', 'members', 'board')", name=op.f('ck_meetings_known_kind')),
    sa.CheckConstraint("state IN ('planned', 'fixed', 'held', 'approved', 'cancelled')", name=op.f('ck_meetings_known_state')),
    sa.CheckConstraint("title <> ''", name=op.f('ck_meetings_has_title')),
    sa.CheckConstraint('final_due_on >= concept_due_on', name=op.f('ck_meetings_terms_in_order')),
    sa.ForeignKeyConstraint(['approved_in_id'], ['meetings.id'], name=op.f('fk_meetings_approved_in_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meetings_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_approved_in_id'), ['approved_in_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('meeting_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('member_organisation_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('(user_id IS NULL) <> (member_organisation_id IS NULL)', name=op.f('ck_meeting_participants_user_or_organisation')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_participants_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_organisation_id'], ['organisations.id'], name=op.f('fk_meeting_participants_member_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meeting_participants_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_participants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participants')),
    sa.UniqueConstraint('meeting_id', 'member_organisation_id', name=op.f('uq_meeting_participants_meeting_id_member_organisation_id')),
    sa.UniqueConstraint('meeting_id', 'user_id', name=op.f('uq_meeting_participants_meeting_id_user_id'))
    )
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participants_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participants_member_organisation_id'), ['member_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participants_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participants_user_id'), ['user_id'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('proposed_by', sa.String(length=254), nullable=False),
    sa.Column('proposing_organisation_id', sa.Integer(), nullable=True),
    sa.Column('dossier_id', sa.Integer(), nullable=True),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('plan_item_id', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("title <> ''", name=op.f('ck_agenda_items_has_title')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_agenda_items_consultation_id_consultations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_agenda_items_dossier_id_dossiers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_agenda_items_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_item_id'], ['plan_items.id'], name=op.f('fk_agenda_items_plan_item_id_plan_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['proposing_organisation_id'], ['organisations.id'], name=op.f('fk_agenda_items_proposing_organisation_id_organisations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_plan_item_id'), ['plan_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_proposing_organisation_id'), ['proposing_organisation_id'], unique=False)

    op.create_table('action_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('who', sa.String(length=200), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("what <> ''", name=op.f('ck_action_points_has_what')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_action_points_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_action_points_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_action_points_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_points'))
    )
    with op.batch_alter_table('action_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_points_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_points_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_points_owner_id'), ['owner_id'], unique=False)

    op.create_table('meeting_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("text <> ''", name=op.f('ck_meeting_decisions_has_text')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_meeting_decisions_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meeting_decisions_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_decisions'))
    )
    with op.batch_alter_table('meeting_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_decisions_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_decisions_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('meeting_papers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=254), nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_meeting_papers_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meeting_papers_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_papers')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_meeting_papers_stored_name'))
    )
    with op.batch_alter_table('meeting_papers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_papers_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_papers_organisation_id'), ['organisation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('meeting_papers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_papers_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_papers_item_id'))

    op.drop_table('meeting_papers')
    with op.batch_alter_table('meeting_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_decisions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_decisions_item_id'))

    op.drop_table('meeting_decisions')
    with op.batch_alter_table('action_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_points_owner_id'))
        batch_op.drop_index(batch_op.f('ix_action_points_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_action_points_item_id'))

    op.drop_table('action_points')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_proposing_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_plan_item_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_consultation_id'))

    op.drop_table('agenda_items')
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participants_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participants_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participants_member_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participants_meeting_id'))

    op.drop_table('meeting_participants')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_approved_in_id'))

    op.drop_table('meetings')
    with op.batch_alter_table('agenda_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_terms_organisation_id'))

    op.drop_table('agenda_terms')
