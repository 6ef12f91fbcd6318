"""The kruisjeslijst: started from the Woonstad template, changed in dated versions, and the
source of a dossier's right and advice term."""

from datetime import date

import pytest
from sqlalchemy import func, select

from consult.agreements import services
from consult.agreements.models import AdviceRight, AgreementVersion, Topic
from consult.core.errors import DomainError
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def _topic(app, org_id, title):
    with app.app_context():
        return db.session.scalar(
            select(Topic.id)
            .where(Topic.organisation_id == org_id, Topic.title == title)
            .order_by(Topic.id.desc())
        )


def _versions(app, org_id) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(AgreementVersion.organisation_id == org_id)
        )


def test_the_template_is_the_woonstad_list(ctx):
    """Does the template hold the Woonstad topics with their rights?"""
    lines = {line.title: line for line in services.template_lines()}
    assert len(lines) == 48
    assert lines["Beleid ten aanzien van servicekosten"].right == AdviceRight.CONSENT
    assert lines["Voordracht 1/3 leden Raad van Toezicht"].right == AdviceRight.NOMINATION
    assert lines["Financieel jaarverslag"].right == AdviceRight.INFORMATION
    assert lines["Meerjaren huurbeleidsplan"].area == "Huurprijsbeleid"


def test_board_starts_from_the_template_and_sees_it_by_area(app, client, world):
    """Can the board start the list and read it grouped by area with the legend?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/kruisjeslijst"
    assert "nog geen kruisjeslijst" in client.get(f"{base}/").get_data(as_text=True)
    response = client.post(f"{base}/start", data={"agreed_on": "2026-01-15"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "<caption>Servicepakket en servicekosten</caption>" in page
    assert "Ins = Instemmingsrecht" in page and "15 januari 2026" in page
    client.post(f"{base}/start", data={"agreed_on": "2026-02-01"})
    assert _versions(app, world.a.id) == 1  # starting twice adds nothing


def _adopt_form(lines, agreed_on="2027-01-01", weeks="6", **extra):
    data = {"agreed_on": agreed_on, "advice_term_weeks": weeks, **extra}
    for index, (title, area, right) in enumerate(lines):
        data |= {
            f"topics-{index}-title": title,
            f"topics-{index}-area": area,
            f"topics-{index}-right": right,
        }
    return data


def test_a_new_version_leaves_the_old_one_and_its_dossiers_as_they_were(app, client, world):
    """After a changed list, does an old dossier keep its topic and right?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        services.start_from_template(org, date(2026, 1, 15))
        db.session.commit()
    login(client, world.a.board)
    service_costs = _topic(app, world.a.id, "Beleid ten aanzien van servicekosten")
    response = client.post(
        f"/o/{world.a.slug}/dossiers/new",
        data={
            "title": "Servicekosten",
            "kind": "requested",
            "right": "information",  # the topic decides
            "topic_choice": service_costs,
            "requested_on": "2026-11-02",
        },
    )
    dossier_url = response.headers["Location"]
    form = _adopt_form(
        [("Beleid ten aanzien van servicekosten", "Servicekosten", "qualified_advice")],
        note="Alleen nog advies op servicekosten",
    )
    client.post(f"/o/{world.a.slug}/kruisjeslijst/edit", data=form)
    assert _versions(app, world.a.id) == 2
    page = client.get(f"/o/{world.a.slug}/kruisjeslijst/").get_data(as_text=True)
    assert "Gekwalificeerd" in page and "1 januari 2027" in page and "Huurprijsbeleid" not in page
    dossier_page = client.get(dossier_url).get_data(as_text=True)
    assert "Instemmingsrecht" in dossier_page
    assert "Servicepakket en servicekosten: Beleid ten aanzien van servicekosten" in dossier_page
    with app.app_context():
        old = db.session.scalars(select(AgreementVersion).order_by(AgreementVersion.id)).first()
        assert len(old.topics) == 48
    earlier = client.get(f"/o/{world.a.slug}/kruisjeslijst/?version={old.id}")
    assert "eerdere versie" in earlier.get_data(as_text=True)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (_adopt_form([("Huurbeleid", "Huur", "advice")], weeks="4"), "minstens zes"),
        (_adopt_form([("Huurbeleid", "Huur", "advice")], agreed_on="2025-12-31"), "eerdere datum"),
        (_adopt_form([("Huurbeleid", "", "advice")]), "beleidsterrein"),
        (
            _adopt_form([("Huurbeleid", "Huur", "advice"), ("huurbeleid", "huur", "consent")]),
            "twee keer",
        ),
        (_adopt_form([]), "minstens één onderwerp"),
    ],
)
def test_a_wrong_version_is_refused_and_changes_nothing(app, client, world, form, message):
    """Is a term under six weeks, an earlier date, a topic without area or twice refused?"""
    with app.app_context():
        services.start_from_template(db.session.get(Organisation, world.a.id), date(2026, 1, 15))
        db.session.commit()
    login(client, world.a.board)
    response = client.post(f"/o/{world.a.slug}/kruisjeslijst/edit", data=form)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _versions(app, world.a.id) == 1


def test_the_agreements_term_sets_the_advice_due_date(ctx):
    """With an agreement of eight weeks, is new advice due eight weeks after the request?"""
    org = factories.organisation()
    services.adopt(org, date(2026, 1, 1), services.template_lines(), advice_term_weeks=8)
    dossier = factories.dossier(org, requested_on=date(2026, 11, 2))
    assert dossier.advice_due_on == date(2026, 12, 28)


def test_a_topic_of_another_organisation_is_refused(app, client, world):
    """Can organisation A's dossier not take a topic of B's kruisjeslijst?"""
    with app.app_context():
        for org_id in (world.a.id, world.b.id):
            services.start_from_template(db.session.get(Organisation, org_id), date(2026, 1, 1))
        db.session.commit()
    foreign = _topic(app, world.b.id, "Incassobeleid")
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/new",
        data={"title": "X", "kind": "unsolicited", "right": "advice", "topic_choice": foreign},
    )
    assert (
        response.status_code == 200 and "ongeldige keuze" in response.get_data(as_text=True).lower()
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Dossier)) == 2  # the world's


def test_service_refuses_an_empty_list(ctx):
    """Is a kruisjeslijst without topics refused by the service too?"""
    with pytest.raises(DomainError):
        services.adopt(factories.organisation(), date(2026, 1, 1), [])
