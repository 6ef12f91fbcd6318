"""The advice letter in the organisation's letter language, whatever the reader's screen
shows, as a page and as a PDF with its title, author and language in the file."""

import io

from pypdf import PdfReader

from consult.dossiers import services
from consult.dossiers.advice import services as advice
from consult.dossiers.advice.letter import sentence
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.surveys.models.consultations import Consultation
from consult.surveys.services import enter_paper_form
from tests import factories
from tests.conftest import login


def _point_citing_a_statement(app, world) -> str:
    """A point of organisation A's dossier citing a figure of "De afrekening is duidelijk.";
    the letter's address."""
    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        for _ in range(5):
            enter_paper_form(consultation, factories.answers(consultation))
        dossier = db.session.get(Dossier, world.a.dossier_id)
        snapshot = services.freeze_evidence(dossier, consultation)
        figure = next(c for c in advice.citables(snapshot) if c.question.endswith("."))
        advice.save_point(dossier, "Leg de afrekening uit.", "", [(snapshot.id, figure.key)])
        db.session.commit()
    return f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/letter"


def _read(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages), reader


def test_the_letter_is_dutch_on_an_english_screen(app, client, world):
    """Does a board member with an English screen get the letter in Dutch, the PDF titled
    with its subject, by the organisation, in Dutch?"""
    letter = _point_citing_a_statement(app, world)
    login(client, world.a.board)
    page = client.get(f"{letter}?lang=en").get_data(as_text=True)
    assert "Download as PDF" in page and "Punt 1" in page and 'lang="nl"' in page
    text, reader = _read(client.get(f"{letter}.pdf").data)
    assert "Punt 1" in text and "Bijlage: wat onze leden zeiden" in text
    assert reader.metadata.title.startswith("Advies over")
    assert reader.metadata.author == "Huurders Alfa"
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_the_appendix_has_no_double_full_stop(app, client, world):
    """Is a cited statement ending in a full stop followed by "Bron:" without a second one?"""
    letter = _point_citing_a_statement(app, world)
    login(client, world.a.board)
    text, _reader = _read(client.get(f"{letter}.pdf").data)
    page = client.get(letter).get_data(as_text=True)
    assert "De afrekening is duidelijk. Bron:" in page
    assert "duidelijk.." not in page and "duidelijk.." not in text
    assert sentence("Opmerkingen?") == "Opmerkingen?" and sentence("Wijk") == "Wijk."


def test_an_admin_chooses_english_letters(app, client, world):
    """After the admin chooses English, is the letter English on a Dutch screen?"""
    letter = _point_citing_a_statement(app, world)
    login(client, world.a.admin)
    response = client.post(
        f"/o/{world.a.slug}/settings",
        data={"letter_language": "en", "response_target": "30"},
        follow_redirects=True,
    )
    assert "De instellingen zijn opgeslagen." in response.get_data(as_text=True)
    page = client.get(f"{letter}?lang=nl").get_data(as_text=True)
    assert "Point 1" in page and "Downloaden als pdf" in page
    text, reader = _read(client.get(f"{letter}.pdf").data)
    assert "Point 1" in text and reader.trailer["/Root"]["/Lang"] == "en"


def test_an_unknown_letter_language_is_refused(app, client, world):
    """Is a language the app does not speak refused with a message, the setting unchanged?"""
    login(client, world.a.admin)
    response = client.post(
        f"/o/{world.a.slug}/settings", data={"letter_language": "xx", "response_target": "30"}
    )
    assert response.status_code == 400
    assert "Ongeldige keuze." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organisation, world.a.id).letter_language == "nl"
