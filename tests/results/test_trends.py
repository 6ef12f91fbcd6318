"""Comparing two consultations that asked the same questions: the change per answer."""

from sqlalchemy import select

from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from consult.organisations.models import Organisation
from consult.results import trends
from tests import factories
from tests.conftest import login


def _answered(org, title, option_index, count, opens_in_days=-1):
    consultation = factories.consultation(org, title=title, opens_in_days=opens_in_days)
    inviting.invite_panel(consultation)
    invited = db.session.scalars(
        select(Invitation).where(Invitation.consultation_id == consultation.id)
    ).all()
    for invitation in invited[:count]:
        submitting.submit(invitation, factories.answers(consultation, option_index=option_index))
    return consultation


def test_the_trend_shows_the_change_per_answer(ctx):
    """From all choosing the first answer to all choosing the second: -100 and +100 points?"""
    org = factories.organisation()
    for _ in range(6):
        factories.member(org)
    earlier = _answered(org, "Servicekosten 2025", 0, 6, opens_in_days=-400)
    later = _answered(org, "Servicekosten 2026", 1, 6)
    assert trends.comparable(later) == [earlier]
    [choice, *_rest] = trends.trend(earlier, later)
    changes = {answer.label: answer.change for answer in choice.answers}
    assert changes["Schoonmaak"] == -100.0 and changes["Groen"] == 100.0


def test_too_few_answers_on_one_side_show_no_change(ctx):
    """With three answers in the earlier one, is the question not compared?"""
    org = factories.organisation()
    for _ in range(6):
        factories.member(org)
    earlier = _answered(org, "Klein", 0, 3, opens_in_days=-400)
    later = _answered(org, "Groot", 1, 6)
    assert not any(question.shown for question in trends.trend(earlier, later))


def test_the_board_compares_on_the_page(app, client, world):
    """Does the results page offer the comparison, and B's consultation give 404?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        other = _answered(org, "Vorig jaar", 0, 3, opens_in_days=-400)
        db.session.commit()
        other_id = other.id
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}"
    assert "Vorig jaar" in client.get(f"{base}/results").get_data(as_text=True)
    page = client.get(f"{base}/compare?with={other_id}").get_data(as_text=True)
    assert "Van “Vorig jaar” naar “Servicekosten”" in page
    assert client.get(f"{base}/compare?with={world.b.consultation_id}").status_code == 404
    assert client.get(f"{base}/compare?with={world.a.draft_id}").status_code == 404
    assert client.get(f"{base}/compare?with=xyz").status_code == 404
