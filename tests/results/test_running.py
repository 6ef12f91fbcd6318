"""While an anonymous consultation runs, its results show a published state and no groups:
one group's difference between two looks could be one person (issue 21)."""

import pytest

from consult.extensions import db
from consult.panel import services as panel
from consult.results.raw import raw_table
from consult.surveys import closing, publication, services
from consult.surveys.models.responses import Channel
from tests import factories
from tests.conftest import login


@pytest.fixture
def running(app, monkeypatch):
    """An open anonymous consultation: 5 by invitation from Noord, 5 from Zuid, 5 on paper;
    the publication shows 15 of 18. Returns (board e-mail, results URL, query arguments)."""
    monkeypatch.setattr(publication, "counts", lambda consultation_id: (15, 18))
    with app.app_context():
        org = factories.organisation()
        wijk = panel.define_dimension(org, "Wijk", ["Noord", "Zuid"])
        survey = factories.consultation(org)
        for value in wijk.values:
            for _ in range(5):
                answers = factories.answers(survey)
                services.record_response(survey, answers, Channel.INVITATION, [(wijk.id, value.id)])
        for _ in range(5):
            services.record_response(survey, factories.answers(survey), Channel.PAPER)
        board = factories.user(org).email
        url = f"/o/{org.slug}/consultations/{survey.id}/results"
        db.session.commit()
        return {
            "board": board,
            "url": url,
            "id": survey.id,
            "asks": [
                f"by={wijk.id}",
                "by=channel",
                f"segment={wijk.values[0].id}",
                "channel=paper",
                f"weigh={wijk.id}",
            ],
        }


def _close(app, consultation_id, anonymous=True):
    from consult.surveys.models.consultations import Consultation

    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        if anonymous:
            closing.close_early(consultation, "Alle antwoorden zijn binnen")
        else:
            consultation.anonymous = False
        db.session.commit()


def test_a_running_anonymous_consultation_shows_its_published_state(client, running):
    """Does the page say which state it shows and when it is next updated?"""
    login(client, running["board"])
    page = " ".join(client.get(running["url"]).text.split())
    assert "Uitslag van de eerste 15 van 18 reacties; bijgewerkt bij 25." in page
    assert "verschijnen als de raadpleging sluit" in page


def test_a_running_anonymous_consultation_offers_no_groups(client, running):
    """Are splits by district and channel, one group's view and weighting neither offered
    nor shown, whatever the address asks?"""
    login(client, running["board"])
    for ask in ["", *running["asks"]]:
        page = client.get(f"{running['url']}?{ask}").text
        assert 'name="by"' not in page and 'name="weigh"' not in page
        assert 'name="segment"' not in page and 'results?channel=invitation"' not in page
        assert "Per Wijk" not in page and "Gewogen naar" not in page
        assert "Alleen de antwoorden" not in page
        assert "Antwoorden (n = 15)" in page  # all responses, never one group


@pytest.mark.parametrize("anonymous", [True, False], ids=["closed", "identified"])
def test_groups_appear_once_it_closes_or_when_identified(app, client, running, anonymous):
    """Once closed (or for an identified consultation), are the splits back, without the
    published-state header?"""
    _close(app, running["id"], anonymous)
    login(client, running["board"])
    by_district, by_channel, noord, paper, _weigh = running["asks"]
    assert 'results?channel=invitation"' in client.get(running["url"]).text
    assert "Per Wijk" in client.get(f"{running['url']}?{by_district}").text
    assert "Per kanaal" in client.get(f"{running['url']}?{by_channel}").text
    assert "Alleen de antwoorden van Wijk: Noord" in client.get(f"{running['url']}?{noord}").text
    page = client.get(f"{running['url']}?{paper}").text
    assert "Alleen de antwoorden die binnenkwamen via papieren formulier." in page
    assert "Uitslag van de eerste" not in page


def test_the_answers_per_respondent_name_no_channel_while_it_runs(app, running):
    """Does the download leave out the channel while it runs, and give it once closed?"""
    from consult.surveys.models.consultations import Consultation

    with app.test_request_context():
        consultation = db.session.get(Consultation, running["id"])
        assert raw_table(consultation)[0][0] != "Kanaal"
    _close(app, running["id"])
    with app.test_request_context():
        consultation = db.session.get(Consultation, running["id"])
        assert raw_table(consultation)[0][0] == "Kanaal"
