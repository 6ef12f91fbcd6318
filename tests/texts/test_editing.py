"""The board writes its own texts of a consultation's mails and letters: placeholders are
checked on save, a preview shows a member's data, and a reset brings the default back."""

import pytest

from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys.models.consultations import Consultation
from consult.texts import placeholders, services
from consult.texts.catalog import kinds
from consult.texts.models import ConsultationText
from tests import factories
from tests.conftest import login

INVITATION = "Beste {voornaam},\n\nDoe mee met {consultatie}:\n{link}\n\nGroet, {organisatie}"


def _url(world, kind="invitation_mail", language="nl", end=""):
    a = world.a
    return f"/o/{a.slug}/consultations/{a.consultation_id}/texts/{kind}/{language}{end}"


def _stored(app, world) -> list[ConsultationText]:
    with app.app_context():
        return db.session.query(ConsultationText).all()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Beste {voornam}, {link}", "Onbekende plaatshouder: {voornam}"),
        ("Beste {voornaam}, klik hier.", "Plaatshouder ontbreekt: {link}"),
        ("Zie {link.__class__} en {link}", "Onbekende plaatshouder: {link.__class__}"),
        ("Zie {link[0]} en {link}", "Onbekende plaatshouder: {link[0]}"),
    ],
)
def test_a_wrong_placeholder_is_refused_by_name_and_nothing_is_saved(
    app, client, world, body, message
):
    """Is a text with an unknown, missing or attribute-reaching placeholder refused with its
    name, and is nothing saved?"""
    login(client, world.a.board)
    page = client.post(_url(world), data={"subject": "Mee doen?", "body": body, "save": "1"})
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    assert _stored(app, world) == []


def test_a_placeholder_in_the_subject_is_checked_too(ctx):
    """Is an unknown placeholder in a mail's subject refused as well?"""
    with pytest.raises(DomainError, match=r"\{titel\}"):
        placeholders.check(kinds()["invitation_mail"], "Over {titel}", INVITATION)


def test_a_letter_must_carry_the_code(ctx):
    """Is a letter without {code} refused, since the member could not answer without it?"""
    org = factories.organisation()
    consultation = factories.consultation(org)
    with pytest.raises(DomainError, match=r"\{code\}"):
        services.save_text(consultation, kinds()["invitation_letter"], "nl", None, "Beste {naam}")


def test_the_board_saves_a_text_and_the_overview_says_so(app, client, world):
    """Does a good text get saved for its language, and does the overview show it as own?"""
    login(client, world.a.board)
    saved = client.post(
        _url(world, language="tr"),
        data={"subject": "{consultatie}", "body": INVITATION, "save": "1"},
    )
    assert saved.status_code == 302
    [text] = _stored(app, world)
    assert (text.kind, text.language, text.body) == ("invitation_mail", "tr", INVITATION)
    overview = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/texts")
    assert "eigen tekst" in overview.get_data(as_text=True)


def test_the_preview_shows_an_invited_member_and_an_example_link(app, client, world):
    """Does the preview fill in a real invited member's name, escaped, with an example link
    instead of their real one, without saving anything?"""
    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        factories.member(consultation.organisation, name="Fatma <b>Yılmaz</b>")
        factories.invite(consultation)
        db.session.commit()
    login(client, world.a.board)
    page = client.post(
        _url(world, language="tr"),
        data={"subject": "Merhaba {voornaam}", "body": "Merhaba {naam}!\n\n{link}", "preview": "1"},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Merhaba Fatma &lt;b&gt;Yılmaz&lt;/b&gt;!" in html
    assert "/i/voorbeeld" in html
    assert _stored(app, world) == []


def test_the_preview_uses_a_sample_member_when_nobody_is_invited(app, client, world):
    """Without invited members, does the preview show a sample member?"""
    login(client, world.a.board)
    a = world.a
    page = client.get(f"/o/{a.slug}/consultations/{a.draft_id}/texts/reminder_letter/nl")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Beste Ans de Vries," in html and "K7QX2-M9FRA" in html


def test_reset_brings_the_default_back(app, client, world):
    """After a reset, is the board's text gone and the default offered again?"""
    login(client, world.a.board)
    client.post(_url(world), data={"subject": "Hallo", "body": INVITATION, "save": "1"})
    assert len(_stored(app, world)) == 1
    assert client.post(_url(world, end="/reset")).status_code == 302
    assert _stored(app, world) == []
    page = client.get(_url(world)).get_data(as_text=True)
    assert "Uw mening gevraagd: {consultatie}" in page


def test_an_unknown_kind_or_language_is_not_found(client, world):
    """Is a kind or a language the app does not offer answered with 404?"""
    login(client, world.a.board)
    assert client.get(_url(world, kind="newsletter")).status_code == 404
    assert client.get(_url(world, language="xx")).status_code == 404


def test_filling_in_never_formats(ctx):
    """Are placeholders looked up by name only, and values escaped in HTML?"""
    values = {"naam": "<script>", "link": "https://x.nl/?a=1&b=2"}
    assert (
        placeholders.fill("{naam} {link.__class__} {0}", values) == "<script> {link.__class__} {0}"
    )
    html = str(placeholders.fill_html("Hoi {naam}\n\n{link}", values))
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert '<a href="https://x.nl/?a=1&amp;b=2">' in html
