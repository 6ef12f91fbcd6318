"""Every kind of question is stored as it was answered; anything else stores nothing."""

import pytest
from sqlalchemy import func, select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import services
from consult.surveys.models.responses import Answer, Channel, Response
from tests import factories


def full_answers(survey, balcony=1):
    """Answers to every question of the factory questionnaire (question id -> answer)."""
    q = survey.questions
    answers = {
        q[0].id: {"number": balcony},
        q[2].id: {"options": [], "other": "Houtkachel"},
        q[4].id: {"options": [q[4].options[0].id, q[4].options[2].id]},
        q[5].id: {"number": 9},
        q[6].id: {"number": 3},
        q[7].id: {"ranking": [q[7].options[1].id, q[7].options[0].id]},
        q[8].id: {"number": 4},
        q[9].id: {"text": "Dorpsstraat"},
    }
    if balcony:
        answers[q[3].id] = {"matrix": {str(o.id): 5 for o in q[3].options}}
    return answers


def stored(question) -> list[tuple]:
    return db.session.execute(
        select(Answer.option_id, Answer.number, Answer.text)
        .where(Answer.question_id == question.id)
        .order_by(Answer.id)
    ).all()


def response_count() -> int:
    return db.session.scalar(select(func.count(Response.id)))


def test_every_kind_is_stored_as_answered(ctx):
    """Are picks, other-texts, points, places, statements, numbers and texts all kept?"""
    survey = factories.questionnaire(factories.organisation())
    q = survey.questions
    services.record_response(survey, full_answers(survey), Channel.INVITATION)
    assert stored(q[0]) == [(None, 1, None)]
    assert stored(q[1]) == []  # information asks nothing
    assert stored(q[2]) == [(None, None, "Houtkachel")]
    assert stored(q[3]) == [(o.id, 5, None) for o in q[3].options]
    assert stored(q[4]) == [(q[4].options[0].id, None, None), (q[4].options[2].id, None, None)]
    assert stored(q[7]) == [(q[7].options[1].id, 1, None), (q[7].options[0].id, 2, None)]
    assert stored(q[6]) == [(None, 3, None)]
    assert stored(q[9]) == [(None, None, "Dorpsstraat")]
    assert stored(q[10]) == []  # optional and skipped


def test_answers_to_a_hidden_question_are_not_stored(ctx):
    """Without a balcony the balcony statements are hidden: are answers to them dropped?"""
    survey = factories.questionnaire(factories.organisation())
    matrix = survey.questions[3]
    answers = full_answers(survey, balcony=0)
    answers[matrix.id] = {"matrix": {str(o.id): 1 for o in matrix.options}}
    services.record_response(survey, answers, Channel.INVITATION)
    assert stored(matrix) == []
    assert response_count() == 1


def test_a_hidden_required_question_need_not_be_answered(ctx):
    """Is the required matrix skipped without complaint when it is not shown?"""
    survey = factories.questionnaire(factories.organisation())
    services.record_response(survey, full_answers(survey, balcony=0), Channel.INVITATION)
    assert response_count() == 1


def _tamper(survey, change):
    answers = full_answers(survey)
    change(survey.questions, answers)
    return answers


BAD_ANSWERS = {
    "option of another question": lambda q, a: a.update(
        {q[2].id: {"options": [q[4].options[0].id]}}
    ),
    "two picks on single choice": lambda q, a: a.update(
        {q[2].id: {"options": [q[2].options[0].id, q[2].options[1].id]}}
    ),
    "other where none is offered": lambda q, a: a.update(
        {q[4].id: {"options": [], "other": "Dak"}}
    ),
    "three picks where two are allowed": lambda q, a: a.update(
        {q[4].id: {"options": [o.id for o in q[4].options[:3]]}}
    ),
    "rating of 11": lambda q, a: a.update({q[5].id: {"number": 11}}),
    "yes/no of 2": lambda q, a: a.update({q[0].id: {"number": 2}}),
    "number above the maximum": lambda q, a: a.update({q[6].id: {"number": 13}}),
    "number as text": lambda q, a: a.update({q[6].id: {"number": "3"}}),
    "the same item on two places": lambda q, a: a.update(
        {q[7].id: {"ranking": [q[7].options[0].id, q[7].options[0].id]}}
    ),
    "more places than asked": lambda q, a: a.update(
        {q[7].id: {"ranking": [o.id for o in q[7].options]}}
    ),
    "point 6 on the agree scale": lambda q, a: a.update(
        {q[3].id: {"matrix": {str(q[3].options[0].id): 6, str(q[3].options[1].id): 1}}}
    ),
    "a statement of nowhere": lambda q, a: a.update({q[3].id: {"matrix": {"999999": 3}}}),
    "short text over 200 characters": lambda q, a: a.update({q[9].id: {"text": "x" * 201}}),
    "long text over 5000 characters": lambda q, a: a.update({q[10].id: {"text": "x" * 5001}}),
    "a question of another questionnaire": lambda q, a: a.update({999999: {"text": "hoi"}}),
    "a required question left out": lambda q, a: a.pop(q[8].id),
    "a matrix statement left out": lambda q, a: a.update(
        {q[3].id: {"matrix": {str(q[3].options[0].id): 2}}}
    ),
}


@pytest.mark.parametrize("change", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_bad_answers_store_nothing(ctx, change):
    """Is a response with any answer that does not fit refused as a whole?"""
    survey = factories.questionnaire(factories.organisation())
    with pytest.raises(DomainError):
        services.record_response(survey, _tamper(survey, change), Channel.INVITATION)
    db.session.rollback()
    assert response_count() == 0
    assert db.session.scalar(select(func.count(Answer.id))) == 0


def test_only_multiple_choice_ranking_and_matrix_store_several_rows(ctx):
    """Does every other kind store at most one row per response (the results count their
    respondents by rows), and is a single choice with an option and an 'other' refused?"""
    from consult.surveys.answers import SEVERAL_ROW_KINDS

    survey = factories.questionnaire(factories.organisation())
    services.record_response(survey, full_answers(survey), Channel.INVITATION)
    several = {q.kind for q in survey.questions if len(stored(q)) > 1}
    assert several <= SEVERAL_ROW_KINDS
    single = next(q for q in survey.questions if q.kind == "single_choice" and q.allows_other)
    answer = {single.id: {"options": [single.options[0].id], "other": "Houtkachel"}}
    with pytest.raises(DomainError):
        services.record_response(survey, {**full_answers(survey), **answer}, Channel.INVITATION)
