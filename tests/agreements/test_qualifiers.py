"""What an agreement adds to its kruisjeslijst: a mark beside the right with its meaning, and
a topic's own term that its dossiers use."""

from datetime import date

import pytest
from sqlalchemy import select

from consult.agreements import services
from consult.agreements.models import AdviceRight, Topic
from consult.agreements.services import TopicLine
from consult.core.errors import DomainError
from consult.extensions import db
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def test_the_template_marks_prestatieafspraken_inf_plus(ctx):
    """Does the Woonstad template carry its "Inf +" with a note on what the + means?"""
    org = factories.organisation()
    version = services.start_from_template(org, date(2026, 1, 15))
    [topic] = [t for t in version.topics if t.title == "Prestatieafspraken"]
    assert topic.full_mark == "Inf +" and "partij bij de prestatieafspraken" in topic.qualifier_note


def test_a_topic_with_its_own_term_sets_the_dossiers_due_date(ctx):
    """With a consent topic of four weeks in a six-week agreement, is the dossier due in four?"""
    org = factories.organisation()
    version = services.adopt(
        org,
        date(2026, 1, 1),
        [TopicLine("Servicekosten", "Servicekostenbeleid", AdviceRight.CONSENT, term_weeks=4)],
    )
    dossier = factories.dossier(org, requested_on=date(2026, 11, 2), topic=version.topics[0])
    assert dossier.advice_due_on == date(2026, 11, 30)
    other = factories.dossier(org, requested_on=date(2026, 11, 2))
    assert other.advice_due_on == date(2026, 12, 14)  # the agreement's six weeks


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (TopicLine("Huur", "Huurbeleid", AdviceRight.ADVICE, "+"), "betekent"),
        (TopicLine("Huur", "Jaarverslag", AdviceRight.INFORMATION, term_weeks=4), "termijn"),
        (TopicLine("Huur", "Huurbeleid", AdviceRight.ADVICE, term_weeks=4), "6 tot 52"),
        (TopicLine("Huur", "Huurbeleid", AdviceRight.CONSENT, term_weeks=60), "1 tot 52"),
    ],
)
def test_a_mark_without_meaning_or_a_wrong_term_is_refused(ctx, line, message):
    """Is a mark without a note, a term on information, or an advice term under six refused?"""
    with pytest.raises(DomainError, match=message):
        services.adopt(factories.organisation(), date(2026, 1, 1), [line])


def _edit_form(*lines) -> dict:
    data = {"agreed_on": "2027-01-01", "advice_term_weeks": "6"}
    for index, line in enumerate(lines):
        data |= {f"topics-{index}-{name}": value for name, value in line.items()}
    return data


def test_board_gives_a_topic_a_mark_and_a_term_and_sees_them(app, client, world):
    """Does the list show "Inf +" with its meaning and the term, and the dossier form the mark?"""
    login(client, world.a.board)
    form = _edit_form(
        {
            "title": "Prestatieafspraken",
            "area": "Algemeen",
            "right": "information",
            "qualifier": "+",
            "qualifier_note": "Wij tekenen mee als partij",
        },
        {
            "title": "Servicekostenbeleid",
            "area": "Servicekosten",
            "right": "consent",
            "term_weeks": "4",
        },
    )
    response = client.post(f"/o/{world.a.slug}/kruisjeslijst/edit", data=form)
    assert response.status_code == 302
    page = client.get(f"/o/{world.a.slug}/kruisjeslijst/").get_data(as_text=True)
    assert "Inf</abbr> +" in page and "+: Wij tekenen mee als partij" in page
    assert "4 weken" in page
    new = client.get(f"/o/{world.a.slug}/dossiers/new").get_data(as_text=True)
    assert "Prestatieafspraken (Inf +)" in new
    edit = client.get(f"/o/{world.a.slug}/kruisjeslijst/edit").get_data(as_text=True)
    assert 'value="Wij tekenen mee als partij"' in edit  # kept for the next version
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.title == "Servicekostenbeleid"))
        assert topic.term_weeks == 4 and topic.organisation_id == world.a.id


def test_a_mark_without_meaning_is_refused_on_the_page(app, client, world):
    """Does the board get a clear message, and no new version, for a mark without a note?"""
    with app.app_context():
        services.start_from_template(db.session.get(Organisation, world.a.id), date(2026, 1, 1))
        db.session.commit()
    login(client, world.a.board)
    form = _edit_form({"title": "Huurbeleid", "area": "Huur", "right": "advice", "qualifier": "*"})
    response = client.post(f"/o/{world.a.slug}/kruisjeslijst/edit", data=form)
    assert response.status_code == 200 and "betekent" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Topic).where(Topic.title == "Huurbeleid")) is None
