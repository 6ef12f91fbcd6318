"""The board sees per-question figures, the response rate, charts and open answers."""

import json

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.invitations import services as invitations
from consult.invitations.models import Invitation
from consult.results.charts import question_figure
from consult.results.queries import AnswerCount, QuestionResult, consultation_results
from consult.surveys.models import QuestionKind
from tests import factories
from tests.conftest import login


def answer_through_links(consultation, choices_and_scales, text="Prima"):
    """Submit one response per (option index, scale) pair through fresh invitations."""
    for invitation, (option, scale) in zip(
        db.session.scalars(select(Invitation).filter_by(consultation_id=consultation.id)),
        choices_and_scales,
        strict=False,
    ):
        invitations.submit(invitation, factories.answers(consultation, option, scale, text))


@pytest.fixture
def answered(ctx):
    """Five members invited, four answered: options 0,0,1,2 and scales 5,4,4,1."""
    org = factories.organisation()
    for _ in range(5):
        factories.member(org)
    consultation = factories.consultation(org)
    invitations.invite_panel(consultation)
    answer_through_links(consultation, [(0, 5), (0, 4), (1, 4), (2, 1)])
    return consultation


def test_counts_and_percentages_per_option(answered):
    """Does each option get its count and its share of those who answered?"""
    choice, scale, _ = consultation_results(answered).questions
    assert [(c.label, c.count, c.percentage) for c in choice.counts] == [
        ("Schoonmaak", 2, 50.0),
        ("Groen", 1, 25.0),
        ("Verlichting", 1, 25.0),
    ]
    assert [c.count for c in scale.counts] == [1, 0, 0, 2, 1]
    assert choice.answered == scale.answered == 4


def test_response_rate_is_answers_over_invitations(answered):
    """Is the response rate the share of invitations that were used?"""
    results = consultation_results(answered)
    assert (results.respondents, results.invited, results.response_rate) == (4, 5, 80.0)


def test_open_answers_are_listed(answered):
    """Are the open answers listed with their number?"""
    *_, open_question = consultation_results(answered).questions
    assert open_question.open_answers == ["Prima"] * 4 and open_question.counts == []


def test_skipped_optional_questions_do_not_count_in_the_base(ctx):
    """Is the base of an open question only those who wrote something?"""
    org = factories.organisation()
    for _ in range(2):
        factories.member(org)
    consultation = factories.consultation(org)
    invitations.invite_panel(consultation)
    answer_through_links(consultation, [(0, 3)], text="")
    *_, open_question = consultation_results(consultation).questions
    assert open_question.answered == 0


def test_the_results_page_shows_table_and_chart_data(app, client, world):
    """Does the board see, per question, a table with the numbers and the chart's data?"""
    client.post(f"/i/{world.a.tokens[0]}", data=_form(app, world.a.consultation_id))
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<td class="number">100,0%</td>' in html
    assert "33,3%" in html  # 1 of 3 invited
    assert 'class="chart-data"' in html and "/vendor/plotly.min.js" in html


def _form(app, consultation_id):
    from consult.surveys.models import Consultation

    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        return factories.form_data(factories.answers(consultation))


def test_plotly_is_served_by_the_app_itself(client):
    """Is the chart library served locally, not from a CDN?"""
    with client.get("/vendor/plotly.min.js") as response:
        assert response.status_code == 200 and b"plotly" in response.data[:2000].lower()


def test_chart_titles_and_labels_escape_user_text():
    """Can a question text smuggle markup into the chart?"""
    result = QuestionResult(
        1,
        '<a href="javascript:alert(1)">x</a>',
        QuestionKind.SINGLE_CHOICE,
        2,
        [AnswerCount("<b>ja</b>", 2, 100.0)],
    )
    figure = json.loads(question_figure(result).to_json())
    assert "<a" not in figure["layout"]["title"]["text"]
    assert "<b>" not in json.dumps(figure["data"])
    assert "(n\u00a0=\u00a02)" in figure["layout"]["title"]["text"]


def test_open_questions_have_no_chart():
    """Is no chart drawn for open questions?"""
    assert question_figure(QuestionResult(1, "Opmerkingen?", QuestionKind.OPEN_TEXT, 0)) is None
