"""Panel self-service: consent, double opt-in, member links, erasure, imports, audit log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

Members already on the panel count as joined when they were added, on a basis the
organisation recorded (they were added by the board before consent was kept).
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_entries_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_audit_entries_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('panel_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('mapping', sa.JSON(), nullable=True),
    sa.Column('join_basis', sa.String(length=20), nullable=False),
    sa.Column('basis_note', sa.String(length=300), nullable=True),
    sa.Column('committed_at', sa.DateTime(), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_panel_imports_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_panel_imports_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_imports'))
    )
    with op.batch_alter_table('panel_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_imports_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('privacy_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_privacy_statements_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_statements')),
    sa.UniqueConstraint('organisation_id', 'version', name=op.f('uq_privacy_statements_organisation_id_version'))
    )
    with op.batch_alter_table('privacy_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_statements_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('member_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=10), nullable=False),
    sa.Column('token_salt', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['panel_members.id'], name=op.f('fk_member_links_member_id_panel_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_member_links_token_hash'))
    )
    with op.batch_alter_table('member_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_links_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_months', sa.Integer(), server_default='24', nullable=False))

    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_salt', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('joined_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('left_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('join_basis', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('basis_note', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('consented_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('privacy_version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('paused_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('last_active_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reconsent_asked_at', sa.DateTime(), nullable=True))
        batch_op.alter_column('email',
               existing_type=sa.VARCHAR(length=254),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_panel_members_joined_at'), ['joined_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_panel_members_left_at'), ['left_at'], unique=False)
    _backfill_members()
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.alter_column('token_salt', existing_type=sa.String(length=32), nullable=False)

    with op.batch_alter_table('segment_values', schema=None) as batch_op:
        batch_op.add_column(sa.Column('population', sa.Integer(), nullable=True))



def _backfill_members():
    connection = op.get_bind()
    members = sa.table(
        'panel_members', sa.column('id', sa.Integer), sa.column('token_salt', sa.String)
    )
    ids = connection.execute(sa.select(members.c.id)).scalars().all()
    for member_id in ids:
        connection.execute(
            members.update()
            .where(members.c.id == member_id)
            .values(token_salt=secrets.token_hex(16))
        )
    op.execute(
        "UPDATE panel_members SET joined_at = created_at, join_basis = 'recorded_basis',"
        " basis_note = 'added by the board before Consult recorded consent'"
    )


def downgrade():
    with op.batch_alter_table('segment_values', schema=None) as batch_op:
        batch_op.drop_column('population')

    op.execute("DELETE FROM panel_members WHERE email IS NULL")
    with op.batch_alter_table('panel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_members_left_at'))
        batch_op.drop_index(batch_op.f('ix_panel_members_joined_at'))
        batch_op.alter_column('email',
               existing_type=sa.VARCHAR(length=254),
               nullable=False)
        batch_op.drop_column('reconsent_asked_at')
        batch_op.drop_column('last_active_on')
        batch_op.drop_column('paused_until')
        batch_op.drop_column('privacy_version')
        batch_op.drop_column('consented_at')
        batch_op.drop_column('basis_note')
        batch_op.drop_column('join_basis')
        batch_op.drop_column('left_at')
        batch_op.drop_column('joined_at')
        batch_op.drop_column('token_salt')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('retention_months')

    with op.batch_alter_table('member_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_links_member_id'))

    op.drop_table('member_links')
    with op.batch_alter_table('privacy_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_statements_organisation_id'))

    op.drop_table('privacy_statements')
    with op.batch_alter_table('panel_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_imports_organisation_id'))

    op.drop_table('panel_imports')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_organisation_id'))

    op.drop_table('audit_entries')
