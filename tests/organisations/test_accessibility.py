"""The accessibility statement: the government's model, in Dutch and English, linked from
the footer of every page, naming the organisation's contact or else the installation's."""

import pytest

from consult.extensions import db
from consult.organisations.models import Organisation
from consult.surveys import open_links
from consult.surveys.models.consultations import Consultation
from tests.conftest import login


def test_the_statement_names_the_standard_the_checks_and_the_limits(client):
    """Does the statement say WCAG 2.1 AA, how it was checked and what does not work yet?"""
    page = client.get("/toegankelijkheid").get_data(as_text=True)
    assert "<h1>Toegankelijkheidsverklaring</h1>" in page
    assert "WCAG) 2.1 op niveau AA" in page
    assert "axe-core" in page and "Toetsenbordtests" in page
    assert "Bekende beperkingen" in page
    english = client.get("/toegankelijkheid?lang=en").get_data(as_text=True)
    assert "<h1>Accessibility statement</h1>" in english and "Known limits" in english


def test_the_organisations_contact_is_named(app, client, world):
    """With a contact address saved in the settings, does the statement name it?"""
    login(client, world.a.admin)
    client.post(
        f"/o/{world.a.slug}/settings",
        data={"letter_language": "nl", "response_target": "30", "contact_email": "bestuur@alfa.nl"},
    )
    with app.app_context():
        assert db.session.get(Organisation, world.a.id).contact_email == "bestuur@alfa.nl"
    page = client.get(f"/toegankelijkheid/{world.a.slug}").get_data(as_text=True)
    assert 'href="mailto:bestuur@alfa.nl"' in page and "Huurders Alfa wil dat iedereen" in page
    other = client.get(f"/toegankelijkheid/{world.b.slug}").get_data(as_text=True)
    assert "bestuur@alfa.nl" not in other


def test_a_wrong_contact_address_is_refused(app, client, world):
    """Is a contact address that is not an e-mail address refused, and nothing saved?"""
    login(client, world.a.admin)
    response = client.post(
        f"/o/{world.a.slug}/settings",
        data={"letter_language": "nl", "response_target": "30", "contact_email": "geen adres"},
    )
    assert response.status_code == 400
    assert "Vul een e-mailadres in." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organisation, world.a.id).contact_email == ""


def test_without_any_contact_the_tenant_is_sent_to_the_organisation(app_with):
    """Without a contact of the organisation or the installation, does it say whom to ask,
    and with the installation's address, name that one?"""
    page = app_with().test_client().get("/toegankelijkheid").get_data(as_text=True)
    assert "Neem contact op met de huurdersorganisatie" in page and "mailto:" not in page
    installation = app_with(CONTACT_EMAIL="hulp@consult.example").test_client()
    assert 'href="mailto:hulp@consult.example"' in installation.get("/toegankelijkheid").text


@pytest.mark.parametrize("path", ["/login", "/toegankelijkheid"])
def test_public_pages_link_the_statement_in_their_footer(client, path):
    """Is the statement linked from the footer of a public page?"""
    page = client.get(path).get_data(as_text=True)
    footer = page.split('<footer class="site-footer">')[1]
    assert 'href="/toegankelijkheid"' in footer


def test_the_open_answer_page_links_the_statement(app, client, world):
    """Does a tenant answering through the open link find the statement in the footer?"""
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        open_links.set_open_link(survey, "anonymous")
        db.session.commit()
        key = survey.open_link_key
    page = client.get(f"/open/{key}").get_data(as_text=True)
    assert "Toegankelijkheidsverklaring</a>" in page.split('<footer class="site-footer">')[1]


def test_the_board_pages_link_their_organisations_statement(client, world):
    """Does a board page link the statement of its own organisation?"""
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/").get_data(as_text=True)
    assert f'href="/toegankelijkheid/{world.a.slug}"' in page
