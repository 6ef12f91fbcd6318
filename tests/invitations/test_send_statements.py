"""One send is a handful of SQL statements, on SQLite and PostgreSQL alike (issue 27)."""

import pytest
from sqlalchemy import event, func, select

from consult.extensions import db
from consult.invitations.models import Participation
from consult.surveys import kept_pages
from consult.surveys.models.questions import Question, QuestionOption
from consult.surveys.models.responses import (
    Answer,
    HeldResponse,
    Response,
    ResponseDraft,
    ResponseSegment,
)
from tests import factories

#: What a send may take at most: the link, the questionnaire when no request kept it yet, the
#: invitation spent, the member's activity, the draft, the response, its segments, its answers
#: (identified); in an anonymous consultation: the link, the questionnaire, the participation,
#: the draft, the sealed response held back and the count of those held.
MOST_STATEMENTS = 8


@pytest.fixture
def link(app):
    """An open consultation, one invited member in two segments; the token and the form."""
    with app.app_context():
        org = factories.organisation()
        wijk, age = factories.dimensions(org)
        factories.member(org, values=[wijk.values[0], age.values[0]])
        consultation = factories.consultation(org)
        token = next(iter(factories.invite(consultation).values()))
        form = factories.form_data(factories.answers(consultation))
        db.session.commit()
        return {"token": token, "form": form}


def statements_of(app, send) -> list[str]:
    """The SQL statements ``send()`` runs (an executemany counts once)."""
    seen = []

    def note(_connection, _cursor, statement, *_args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        send()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_one_send_runs_at_most_eight_statements(app, client, link):
    """Does sending the last page, with a saved draft and nothing kept yet, take at most 8
    statements, and store the response, its segments and answers once?"""
    url = f"/i/{link['token']}"
    question = next(iter(link["form"]))
    assert client.post(url, data={question: link["form"][question], "step": "save"}).status_code
    kept_pages.forget()  # the worst case: the questionnaire is loaded by this very send
    response = None

    def send():
        nonlocal response
        response = client.post(url, data=link["form"])

    statements = statements_of(app, send)
    assert response.status_code == 302 and response.location.endswith("/thanks")
    assert len(statements) <= MOST_STATEMENTS, "\n".join(statements)
    with app.app_context():
        counts = [
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Response, ResponseSegment, Answer, ResponseDraft)
        ]
        assert counts == [1, 2, 3, 0]
        assert db.session.scalar(select(func.count()).select_from(Participation)) == 1


def test_a_send_checks_against_the_questionnaire_as_it_is_now(app, client, link):
    """After an option is added to a kept questionnaire, is a send picking it stored?"""
    url = f"/i/{link['token']}"
    assert client.get(url).status_code == 200  # the questionnaire is kept now
    with app.app_context():
        choice = db.session.scalars(select(Question).order_by(Question.position)).first()
        added = QuestionOption(question=choice, label="Nieuw", position=9)
        db.session.add(added)
        db.session.commit()
        form = {**link["form"], f"q{choice.id}": str(added.id)}
    assert client.post(url, data=form).location.endswith("/thanks")
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Answer.option_id == added.id)) == 1


def test_a_held_back_send_runs_at_most_eight_statements(app_with, link):
    """With anonymous responses held back, does a send that completes no block take at most
    8 statements and store one sealed response, and no response yet?"""
    held = app_with(HOLD_ANONYMOUS_RESPONSES=True)
    client, url = held.test_client(), f"/i/{link['token']}"
    question = next(iter(link["form"]))
    assert client.post(url, data={question: link["form"][question], "step": "save"}).status_code
    kept_pages.forget()
    response = None

    def send():
        nonlocal response
        response = client.post(url, data=link["form"])

    statements = statements_of(held, send)
    assert response.status_code == 302 and response.location.endswith("/thanks")
    assert len(statements) <= MOST_STATEMENTS, "\n".join(statements)
    with held.app_context():
        counts = [
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Response, Answer, ResponseDraft, HeldResponse, Participation)
        ]
        assert counts == [0, 0, 0, 1, 1]
