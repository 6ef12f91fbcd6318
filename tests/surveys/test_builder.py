"""The board builds a consultation, adds questions of three kinds and publishes it."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import builder, services
from consult.surveys.models.consultations import Consultation, ConsultationState
from consult.surveys.models.questions import QuestionKind
from tests import factories
from tests.conftest import login


def test_board_builds_and_publishes_a_consultation(app, client, world):
    """Can the board create a consultation, add three kinds of question and publish it?"""
    login(client, world.a.board)
    today = clock.today()
    response = client.post(
        f"/o/{world.a.slug}/consultations/new",
        data={
            "title": "Huurverhoging 2027",
            "introduction": "Wat vindt u?",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=14)).isoformat(),
        },
    )
    detail = response.headers["Location"]
    questions = [
        {"kind": "single_choice", "text": "Welke?", "options": "Ja\nNee\nWeet niet"},
        {"kind": "agree_scale", "text": "Eens?"},
        {"kind": "open_text", "text": "Waarom?"},
    ]
    for question in questions:
        assert (
            client.post(f"{detail}/questions", data={**question, "required": "y"}).status_code
            == 302
        )
    client.post(f"{detail}/publish")
    page = client.get(detail).get_data(as_text=True)
    assert "Welke?" in page and "Weet niet" in page and "Waarom?" in page
    with app.app_context():
        survey = db.session.scalar(select(Consultation).filter_by(title="Huurverhoging 2027"))
        assert survey.state_on(today) == ConsultationState.OPEN
        assert [q.kind for q in survey.questions] == ["single_choice", "agree_scale", "open_text"]


def test_closing_before_opening_is_refused(app, client, world):
    """Is a closing date before the opening date refused with a message?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/consultations/new",
        data={
            "title": "Fout",
            "opens_on": "2026-12-10",
            "closes_on": "2026-12-01",
        },
    )
    assert response.status_code == 200
    assert "De einddatum moet op of na de begindatum liggen." in response.get_data(as_text=True)


def test_single_choice_needs_two_options(app, client, world):
    """Is a single-choice question with one option refused, keeping what was typed?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/consultations/{world.a.draft_id}/questions",
        data={"kind": "single_choice", "text": "Mijn vraag", "options": "Alleen ja"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Mijn vraag</textarea>" in page and "Alleen ja" in page


def test_published_questions_cannot_be_changed(ctx):
    """Are questions fixed once the consultation is published?"""
    survey = factories.consultation(factories.organisation())
    with pytest.raises(DomainError):
        builder.add_question(survey, QuestionKind.OPEN_TEXT, "Nog een vraag?")


def test_a_consultation_without_questions_cannot_be_published(ctx):
    """Is publishing an empty questionnaire refused?"""
    today = clock.today()
    survey = services.create_consultation(factories.organisation(), "Leeg", "", today, today)
    with pytest.raises(DomainError):
        survey.publish()


@pytest.mark.parametrize(
    ("opens", "closes", "state"),
    [
        (1, 5, ConsultationState.SCHEDULED),
        (0, 0, ConsultationState.OPEN),
        (-5, -1, ConsultationState.CLOSED),
    ],
)
def test_the_state_follows_the_dates(ctx, opens, closes, state):
    """Does a published consultation open and close by its dates?"""
    survey = factories.consultation(
        factories.organisation(), opens_in_days=opens, closes_in_days=closes
    )
    assert survey.state_on(clock.today()) == state
