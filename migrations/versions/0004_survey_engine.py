"""Survey engine: more question kinds, pages, conditions, several answer rows, drafts.

Drafts keep unsent answers per invitation or, for open links, per browser.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Existing questions stay on page 1 without a condition; existing answers keep their rows.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('response_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.Column('browser_key_hash', sa.String(length=64), nullable=True),
    sa.Column('email_hash', sa.String(length=64), nullable=True),
    sa.Column('confirm_salt', sa.String(length=32), nullable=True),
    sa.Column('confirm_token_hash', sa.String(length=64), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(invitation_id IS NULL) <> (browser_key_hash IS NULL)', name=op.f('ck_response_drafts_one_owner')),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_response_drafts_consultation_id_consultations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_response_drafts_invitation_id_invitations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response_drafts')),
    sa.UniqueConstraint('browser_key_hash', name=op.f('uq_response_drafts_browser_key_hash')),
    sa.UniqueConstraint('confirm_token_hash', name=op.f('uq_response_drafts_confirm_token_hash')),
    sa.UniqueConstraint('invitation_id', name=op.f('uq_response_drafts_invitation_id'))
    )
    with op.batch_alter_table('response_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_drafts_consultation_id'), ['consultation_id'], unique=False)

    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_answers_response_id_question_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('ck_answers_exactly_one_value'), type_='check')
        batch_op.create_check_constraint(
            'has_value', 'option_id IS NOT NULL OR number IS NOT NULL OR text IS NOT NULL'
        )

    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('page', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('allows_other', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('max_choices', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('min_value', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('max_value', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shows_nps', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('condition_question_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('condition_operator', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('condition_values', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.alter_column('text',
               existing_type=sa.VARCHAR(length=500),
               type_=sa.String(length=2000),
               existing_nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_questions_condition_question_id_questions'), 'questions', ['condition_question_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_questions_condition_question_id_questions'), type_='foreignkey')
        batch_op.alter_column('text',
               existing_type=sa.String(length=2000),
               type_=sa.VARCHAR(length=500),
               existing_nullable=False)
        batch_op.drop_column('condition_values')
        batch_op.drop_column('condition_operator')
        batch_op.drop_column('condition_question_id')
        batch_op.drop_column('shows_nps')
        batch_op.drop_column('max_value')
        batch_op.drop_column('min_value')
        batch_op.drop_column('max_choices')
        batch_op.drop_column('allows_other')
        batch_op.drop_column('page')

    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_answers_has_value'), type_='check')
        batch_op.create_check_constraint(
            'exactly_one_value',
            '(CASE WHEN option_id IS NULL THEN 0 ELSE 1 END)'
            ' + (CASE WHEN number IS NULL THEN 0 ELSE 1 END)'
            ' + (CASE WHEN text IS NULL THEN 0 ELSE 1 END) = 1',
        )
        batch_op.create_unique_constraint(batch_op.f('uq_answers_response_id_question_id'), ['response_id', 'question_id'])

    with op.batch_alter_table('response_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_response_drafts_consultation_id'))

    op.drop_table('response_drafts')
