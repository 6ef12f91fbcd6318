"""Anonymous consultations keep nothing that names a respondent (issue 21).

New tables: ``participations`` (that an invitation of an anonymous consultation was spent,
as a keyed hash) and ``held_responses`` (responses held back sealed until their block is
written). ``responses.submitted_on`` may be empty.

For the anonymous consultations already there: each used invitation becomes a participation
row and its ``used_on`` is emptied; responses lose their day; and responses, their segments
and answers are written anew in random order, so the order they were stored in (SQLite
rowid, answer ids, ``pg_dump`` order) no longer follows the order they came in. Themes and
marks on answers move with them. The downgrade cannot turn participations back into days,
and drops responses still held back (sealed, unreadable to it).

Revision ID: 0049
Revises: 0048
Create Date: 2026-12-07
"""
import random
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from consult.core.anonymity import participation_hashes

# revision identifiers, used by Alembic.
revision = '0049'
down_revision = '0048'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'participations',
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('key_hash'),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f('ix_participations_consultation_id'), 'participations', ['consultation_id']
    )
    op.create_table(
        'held_responses',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('payload', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f('ix_held_responses_consultation_id'), 'held_responses', ['consultation_id']
    )
    bind = op.get_bind()
    meta = sa.MetaData()
    meta.reflect(bind)
    anonymous = _anonymous_consultations(bind, meta)
    _days_used_to_hashes(bind, meta, anonymous)
    # On SQLite the batch below copies ``responses`` and drops the old table, which deletes
    # (cascades) every answer and segment: all responses are taken out first and put back.
    every = bind.dialect.name == 'sqlite'
    taken = _take_out(bind, meta, None if every else anonymous)
    with op.batch_alter_table('responses') as batch_op:
        batch_op.alter_column('submitted_on', existing_type=sa.Date(), nullable=True)
    _put_back(bind, meta, taken, set(anonymous))


def _anonymous_consultations(bind, meta) -> list[int]:
    consultations = meta.tables['consultations']
    return bind.execute(
        sa.select(consultations.c.id).where(consultations.c.anonymous.is_(True))
    ).scalars().all()


def _days_used_to_hashes(bind, meta, anonymous):
    """A participation row per used invitation of an anonymous consultation; no day."""
    invitations = meta.tables['invitations']
    for consultation_id in anonymous:
        used = bind.execute(
            sa.select(invitations.c.token_hash).where(
                invitations.c.consultation_id == consultation_id,
                invitations.c.used_on.is_not(None),
            )
        ).scalars().all()
        hashes = participation_hashes("invitation-spent", used)  # participation.PURPOSE
        if hashes:
            bind.execute(
                meta.tables['participations'].insert(),
                [{'key_hash': key, 'consultation_id': consultation_id} for key in hashes],
            )
        bind.execute(
            invitations.update()
            .where(invitations.c.consultation_id == consultation_id)
            .values(used_on=None)
        )


def _pointing_at_answers(meta):
    return [
        (table, key.parent.name)
        for table in meta.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name == 'answers'
    ]


def _take_out(bind, meta, consultation_ids):
    """Read and delete the responses of ``consultation_ids`` (None: all), with their
    segments, answers and the rows that point at those answers."""
    responses, answers = meta.tables['responses'], meta.tables['answers']
    segments = meta.tables['response_segments']
    query = sa.select(responses)
    if consultation_ids is not None:
        query = query.where(responses.c.consultation_id.in_(consultation_ids))
    kept = bind.execute(query).mappings().all()
    ids = [row['id'] for row in kept]
    answer_rows = bind.execute(
        sa.select(answers).where(answers.c.response_id.in_(ids)).order_by(answers.c.id)
    ).mappings().all()
    answer_ids = [row['id'] for row in answer_rows]
    pointed = {
        (table, column): bind.execute(
            sa.select(table).where(table.c[column].in_(answer_ids))
        ).mappings().all()
        for table, column in _pointing_at_answers(meta)
    }
    segment_rows = bind.execute(
        sa.select(segments).where(segments.c.response_id.in_(ids))
    ).mappings().all()
    for table, column in pointed:
        bind.execute(table.delete().where(table.c[column].in_(answer_ids)))
    bind.execute(segments.delete().where(segments.c.response_id.in_(ids)))
    bind.execute(answers.delete().where(answers.c.response_id.in_(ids)))
    bind.execute(responses.delete().where(responses.c.id.in_(ids)))
    return kept, answer_rows, segment_rows, pointed


def _put_back(bind, meta, taken, anonymous):
    """Insert what ``_take_out`` took: anonymous consultations' responses in random order
    and without their day, with their segments and answers."""
    responses, answers = meta.tables['responses'], meta.tables['answers']
    segments = meta.tables['response_segments']
    kept, answer_rows, segment_rows, pointed = taken
    segments_of, answers_of = defaultdict(list), defaultdict(list)
    for segment in segment_rows:
        segments_of[segment['response_id']].append(segment)
    for answer in answer_rows:
        answers_of[answer['response_id']].append(answer)
    identified = [r for r in kept if r['consultation_id'] not in anonymous]
    shuffled = [r for r in kept if r['consultation_id'] in anonymous]
    random.SystemRandom().shuffle(shuffled)
    new_answer_id = {}
    for response in identified + shuffled:
        day = None if response['consultation_id'] in anonymous else response['submitted_on']
        bind.execute(responses.insert().values({**response, 'submitted_on': day}))
        for segment in segments_of[response['id']]:
            bind.execute(segments.insert().values(_without_id(segment)))
        for answer in answers_of[response['id']]:
            result = bind.execute(answers.insert().values(_without_id(answer)))
            new_answer_id[answer['id']] = result.inserted_primary_key[0]
    for (table, column), rows in pointed.items():
        for row in rows:
            bind.execute(table.insert().values({**row, column: new_answer_id[row[column]]}))


def _without_id(row) -> dict:
    """The row without its id, so the database gives the next one."""
    return {key: value for key, value in row.items() if key != 'id'}


def downgrade():
    bind = op.get_bind()
    responses = sa.table(
        'responses', sa.column('submitted_on', sa.Date), sa.column('consultation_id')
    )
    consultations = sa.table('consultations', sa.column('id'), sa.column('opens_on', sa.Date))
    # A day is needed again: anonymous responses get their consultation's opening day.
    opens = (
        sa.select(consultations.c.opens_on)
        .where(consultations.c.id == responses.c.consultation_id)
        .scalar_subquery()
    )
    bind.execute(
        responses.update().where(responses.c.submitted_on.is_(None)).values(submitted_on=opens)
    )
    meta = sa.MetaData()
    meta.reflect(bind)
    taken = _take_out(bind, meta, None) if bind.dialect.name == 'sqlite' else None
    with op.batch_alter_table('responses') as batch_op:
        batch_op.alter_column('submitted_on', existing_type=sa.Date(), nullable=False)
    if taken:
        _put_back(bind, meta, taken, anonymous=set())
    op.drop_index(op.f('ix_held_responses_consultation_id'), table_name='held_responses')
    op.drop_table('held_responses')
    op.drop_index(op.f('ix_participations_consultation_id'), table_name='participations')
    op.drop_table('participations')
