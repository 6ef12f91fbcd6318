"""Fixtures shared by the answer-page tests."""

import pytest

from consult.extensions import db
from tests import factories


@pytest.fixture
def link(app):
    """The personal link of one invited member to the factory questionnaire, and its ids."""
    with app.app_context():
        org = factories.organisation()
        factories.member(org)
        survey = factories.questionnaire(org)
        token = next(iter(factories.invite(survey).values()))
        q = [question.id for question in survey.questions]
        options = {question.id: [o.id for o in question.options] for question in survey.questions}
        db.session.commit()
        return {"url": f"/i/{token}", "q": q, "options": options, "id": survey.id}
