"""Results computed by the database: counts per answer, respondents and response rate."""

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from consult.core.clock import utcnow
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.results.figures import ConsultationResults, percentage, question_result
from consult.results.groups import Group, protection
from consult.surveys.answers import SEVERAL_ROW_KINDS, TEXT_LIMITS
from consult.surveys.models.questions import Question, QuestionKind
from consult.surveys.models.responses import Answer, Response
from consult.surveys.services import questions_with_options

#: The kinds whose respondents are counted as distinct responses: several rows per response,
#: none of them found once in each (a ranking's first place is).
DISTINCT_KINDS = tuple(sorted(SEVERAL_ROW_KINDS - {QuestionKind.RANKING}))


@dataclass(frozen=True)
class _Scope:
    """The responses counted: one consultation, maybe only one group of it."""

    consultation_id: int
    group: Group | None

    @property
    def responses(self) -> list:
        """The conditions on Response."""
        conditions = [Response.consultation_id == self.consultation_id]
        if self.group:
            conditions.append(self.group.condition())
        return conditions

    def answers(self, *questions):
        """A select of the question ids of the answers in scope, to the questions that meet
        the conditions ``questions``. The answers are found by the consultation's questions,
        so an index on answers covers the counts, with no join per answer (every answer to
        its questions is one of its responses); only a group needs the responses."""
        asked = select(Question.id).where(Question.consultation_id == self.consultation_id)
        return self._of_group(
            select(Answer.question_id).where(Answer.question_id.in_(asked.where(*questions)))
        )

    def respondents(self):
        """A scalar subquery, correlated to the Question of the enclosing select: how many
        responses in scope answered it. Its answers come in ix_answers_respondents' order, so
        the database tells them apart as they come (PostgreSQL's count(DISTINCT) would sort
        them all again, on disk at 100,000 responses)."""
        answering = select(Answer.response_id).where(Answer.question_id == Question.id)
        distinct = self._of_group(answering.correlate(Question)).distinct().subquery()
        return select(func.count()).select_from(distinct).scalar_subquery()

    def _of_group(self, answers):
        """``answers`` (a select from Answer) narrowed to the group's responses, if any."""
        if not self.group:
            return answers
        return answers.join(Response, Response.id == Answer.response_id).where(
            self.group.condition()
        )


def _distribution(scope: _Scope) -> dict[int, dict[tuple, int]]:
    """question id -> {(option id, number): rows}, in one GROUP BY (typed numbers excepted).

    The texts (open answers, "other, namely") are counted under (None, None).
    """
    rows = db.session.execute(
        scope.answers(Question.kind != QuestionKind.NUMBER)
        .add_columns(Answer.option_id, Answer.number, func.count())
        .group_by(Answer.question_id, Answer.option_id, Answer.number)
    )
    counts: dict[int, dict[tuple, int]] = defaultdict(dict)
    for question_id, option_id, number, count in rows:
        counts[question_id][(option_id, number)] = count
    return counts


def _respondents_per_question(scope: _Scope, questions, distribution, numbers) -> dict[int, int]:
    """question id -> respondents, for the consultation's ``questions``.

    No second pass over the answers where the rows already counted tell: a kind stored as
    at most one row per response has as many respondents as rows (numbers: counted with
    their statistics), and a ranking has one first place per response. Only multiple choice
    and matrix questions count their distinct responses, one question at a time.
    """
    distinct = db.session.execute(
        select(Question.id, scope.respondents()).where(
            Question.consultation_id == scope.consultation_id, Question.kind.in_(DISTINCT_KINDS)
        )
    )
    answered = dict(distinct.all())
    for question in questions:
        kind, rows = question.kind, distribution.get(question.id, {})
        if kind == QuestionKind.NUMBER:
            answered[question.id] = numbers.get(question.id, NO_NUMBERS).rows
        elif kind == QuestionKind.RANKING:
            answered[question.id] = sum(c for (_o, place), c in rows.items() if place == 1)
        elif kind not in DISTINCT_KINDS:
            answered[question.id] = sum(rows.values())
    return answered


class _Numbers(NamedTuple):
    """The statistics of one question's numbers."""

    average: float | None
    minimum: int | None
    maximum: int | None
    rows: int


NO_NUMBERS = _Numbers(None, None, None, 0)


def _number_statistics(scope: _Scope) -> dict[int, _Numbers]:
    """question id -> the statistics of the numbers typed in (a rating's come from its
    counts per point, see ``figures.question_result``)."""
    rows = db.session.execute(
        scope.answers(Question.kind == QuestionKind.NUMBER)
        .add_columns(
            func.avg(Answer.number),
            func.min(Answer.number),
            func.max(Answer.number),
            func.count(),
        )
        .where(Answer.number.is_not(None))
        .group_by(Answer.question_id)
    )
    return {
        question_id: _Numbers(round(float(average), 2), minimum, maximum, count)
        for question_id, average, minimum, maximum, count in rows
    }


class OpenText(str):
    """An open answer's text, with the ``language`` it was answered in when that is not the
    consultation's own (a translation's)."""

    language: str | None = None


def _open_text(text: str, language: str | None) -> OpenText:
    open_text = OpenText(text)
    open_text.language = language
    return open_text


def _open_answers(
    scope: _Scope, listed: int | None, own_language: str
) -> dict[int, list[OpenText]]:
    """question id -> its open answers in alphabetical order, the first ``listed`` of them
    (None: all), each with its language when not ``own_language``."""
    # Texts are read from the table, not an index: only the rows of the questions that take
    # text, found by ix_answers_counts (a text row has no option and no number).
    written = Question.kind.in_(tuple(TEXT_LIMITS)) | Question.allows_other
    answered_in = aliased(Response)  # a group's select joins Response already
    language = select(answered_in.language).where(answered_in.id == Answer.response_id)
    query = (
        scope.answers(written)
        .add_columns(Answer.text, language.scalar_subquery().label("language"))
        .where(Answer.option_id.is_(None), Answer.number.is_(None), Answer.text.is_not(None))
    )
    if listed is not None:
        place = func.row_number().over(partition_by=Answer.question_id, order_by=Answer.text)
        ranked = query.add_columns(place.label("place")).subquery()
        query = select(ranked.c.question_id, ranked.c.text, ranked.c.language).where(
            ranked.c.place <= listed
        )
    rows = db.session.execute(query.order_by("question_id", "text"))
    texts: dict[int, list[OpenText]] = defaultdict(list)
    for question_id, text, answered_in in rows:
        other = answered_in if answered_in not in (None, own_language) else None
        texts[question_id].append(_open_text(text, other))
    return texts


def _invitation_figures(consultation_id: int) -> tuple[int, int]:
    """(invited, invitations used) for the consultation."""
    invited, used = db.session.execute(
        select(
            func.count(Invitation.id),
            func.count(Invitation.used_on) + participation.count_of(consultation_id),
        ).where(Invitation.consultation_id == consultation_id)
    ).one()
    return invited, used


def respondents_per_channel(consultation) -> dict[str, int]:
    """How many responses came in through each channel."""
    rows = db.session.execute(
        select(Response.channel, func.count(Response.id))
        .where(Response.consultation_id == consultation.id)
        .group_by(Response.channel)
    )
    return {channel: count for channel, count in rows}


def respondents_per_language(consultation) -> dict[str, int]:
    """How many responses were answered in each language."""
    rows = db.session.execute(
        select(Response.language, func.count(Response.id))
        .where(Response.consultation_id == consultation.id)
        .group_by(Response.language)
    )
    counts: dict[str, int] = defaultdict(int)
    for language, count in rows:  # responses from before languages were kept: its own
        counts[language or consultation.language] += count
    return dict(counts)


def split_by_channel(channels: dict[str, int]) -> bool:
    """Whether results may be shown per channel: more than one, each with MIN_GROUP_SIZE or more.

    With a smaller channel, all responses minus the channels shown would give it away.
    :param channels: responses per channel, as ``respondents_per_channel`` gives them.
    """
    return len(channels) > 1 and min(channels.values()) >= current_app.config["MIN_GROUP_SIZE"]


def consultation_results(
    consultation, group: Group | None = None, open_answers: int | None = None
) -> ConsultationResults:
    """Every question's figures, the respondents and the response rate, as of now.

    A question answered by fewer than MIN_GROUP_SIZE respondents (or any question, when the
    consultation has fewer) shows only its base, never a figure or an open answer: a small
    group's answers could point to the person who gave them.

    :param group: count only the responses of this channel or segment value (None: all);
        a question shows figures only where ``groups.protection`` lets it show the group.
    :param open_answers: list at most this many open answers per question, the first in
        alphabetical order (None: all); ``open_answer_count`` has them all.
    """
    scope = _Scope(consultation.id, group)
    asked = [question for question in questions_with_options(consultation) if question.asks_answer]
    distribution = _distribution(scope)
    statistics = _number_statistics(scope)
    answered = _respondents_per_question(scope, asked, distribution, statistics)
    texts = _open_answers(scope, open_answers, consultation.language)
    respondents = db.session.scalar(select(func.count(Response.id)).where(*scope.responses))
    invited, used = _invitation_figures(consultation.id)
    questions = [
        question_result(
            question,
            answered.get(question.id, 0),
            distribution.get(question.id, {}),
            statistics.get(question.id, NO_NUMBERS),
            texts.get(question.id, []),
        )
        for question in asked
    ]
    minimum = current_app.config["MIN_GROUP_SIZE"]
    hidden_for_group = set()
    if group:
        protected = protection(consultation)
        hidden_for_group = {
            q.question_id for q in questions if not protected.shows(q.question_id, group)
        }
        if not protected.shows(None, group):
            respondents = None
    for question in questions:
        if question.question_id in hidden_for_group:
            question.suppress()
            question.answered = 0  # the group's size would give it away too
        elif respondents is None or (
            respondents < minimum
            or question.answered < minimum
            or any(s.answered < minimum for s in question.statements)
        ):
            question.suppress()
        elif group:
            question.open_answers = []  # texts beside group values could point to a person
    return ConsultationResults(
        consultation_id=consultation.id,
        title=consultation.title,
        respondents=respondents,
        hidden_for_group=hidden_for_group,
        invited=invited,
        response_rate=percentage(used, invited) if invited else None,
        computed_at=utcnow(),
        questions=questions,
        min_group_size=minimum,
    )
