"""The inspraakmoment of a dossier ends when the dossier ends or its consultation closes."""

import pytest

from consult.dossiers import services
from consult.dossiers.feedback import services as feedback
from consult.dossiers.models import Dossier, FeedbackVisibility, Phase
from consult.extensions import db
from consult.surveys import closing
from consult.surveys.models.consultations import Consultation
from tests import factories
from tests.conftest import login


def _speaking_dossier(org):
    """A public dossier linked to an open consultation."""
    dossier = factories.dossier(org)
    consultation = factories.consultation(org, title="Servicekosten 2027")
    services.link_consultation(dossier, consultation)
    feedback.share(dossier, FeedbackVisibility.PUBLIC, "")
    return dossier, consultation


@pytest.mark.parametrize("phase", [Phase.CLOSED, Phase.WITHDRAWN])
def test_a_finished_dossier_has_no_inspraakmoment(ctx, phase):
    """Does closing or withdrawing a dossier end its inspraakmoment, though the consultation
    is still open?"""
    dossier, consultation = _speaking_dossier(factories.organisation())
    assert services.inspraakmoment(dossier) == [consultation]
    services.move(dossier, phase)
    assert services.inspraakmoment(dossier) == []


def test_closing_the_consultation_early_ends_the_inspraakmoment(ctx):
    """Is a consultation closed early no longer the dossier's inspraakmoment?"""
    dossier, consultation = _speaking_dossier(factories.organisation())
    closing.close_early(consultation, "Voorstel ingetrokken")
    assert services.inspraakmoment(dossier) == []


def test_every_page_stops_saying_open_once_the_dossier_is_withdrawn(app, client, world):
    """Do the public list, the dossier list and the dossier page say "none" instead of
    "open until" once the dossier is withdrawn?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        services.link_consultation(dossier, db.session.get(Consultation, world.a.consultation_id))
        feedback.share(dossier, FeedbackVisibility.PUBLIC, "")
        db.session.commit()
    board = f"/o/{world.a.slug}/dossiers/"
    pages = [f"/h/{world.a.slug}/dossiers", board, f"{board}{world.a.dossier_id}"]
    login(client, world.a.board)
    for page in pages:
        assert "open tot" in client.get(page).get_data(as_text=True), page
    with app.app_context():
        services.move(db.session.get(Dossier, world.a.dossier_id), Phase.WITHDRAWN)
        db.session.commit()
    assert not any("open tot" in client.get(page).get_data(as_text=True) for page in pages)
    public = client.get(pages[0]).get_data(as_text=True)
    assert "Ingetrokken" in public and "Inspraakmoment: geen" in " ".join(public.split())
