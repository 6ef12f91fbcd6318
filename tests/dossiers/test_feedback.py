"""Closing the loop: a feedback page per dossier for members or everyone, and a mail to the
members who took part ("u zei, wij deden")."""

from datetime import date

import pytest
from sqlalchemy import select

from consult.core import clock
from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.advice import services as advice
from consult.dossiers.feedback import services as feedback
from consult.dossiers.models import Dossier, FeedbackVisibility, Phase, ReplyOutcome
from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from consult.mail import delivery
from consult.mail.models import OutboxMessage
from consult.membership import services as membership
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def _answered_dossier(org, answering: int, members: int = 7):
    """A dossier linked to a consultation that ``answering`` of ``members`` answered."""
    people = [factories.member(org, name=f"Huurder {n}") for n in range(members)]
    consultation = factories.consultation(org, title="Servicekosten 2027")
    inviting.invite_panel(consultation)
    for invitation in db.session.scalars(
        select(Invitation)
        .where(Invitation.consultation_id == consultation.id)
        .order_by(Invitation.id)
        .limit(answering)
    ):
        submitting.submit(invitation, factories.answers(consultation))
    dossier = factories.dossier(org, requested_on=date(2026, 9, 1))
    services.freeze_evidence(dossier, consultation)
    return dossier, people


def test_only_members_who_answered_and_can_get_mail_are_participants(ctx):
    """Are members who did not answer, or unsubscribed, left out of the feedback mail?"""
    dossier, people = _answered_dossier(factories.organisation(), answering=6)
    membership.leave(people[0])
    assert {m.id for m in feedback.participants(dossier)} == {p.id for p in people[1:6]}


def test_the_feedback_mail_goes_once_per_member(ctx):
    """Does mailing twice reach each participant once, and refuse while nothing is shown?"""
    dossier, _people = _answered_dossier(factories.organisation(), answering=6)
    with pytest.raises(DomainError, match="Laat"):
        feedback.mail_participants(dossier)
    feedback.share(dossier, FeedbackVisibility.MEMBERS, "Wij hebben geadviseerd.")
    assert feedback.mail_participants(dossier) == 6
    assert feedback.mail_participants(dossier) == 0
    keys = db.session.scalars(select(OutboxMessage.idempotency_key)).all()
    assert len([k for k in keys if k.startswith("dossier_feedback:")]) == 6


def test_the_mail_arrives_with_a_working_link(mailing_app, smtp_server):
    """Does a participant get the mail over SMTP, with a link to a page that opens?"""
    with mailing_app.app_context():
        org = factories.organisation()
        dossier, _people = _answered_dossier(org, answering=5, members=5)
        feedback.share(dossier, FeedbackVisibility.MEMBERS, "Uw antwoorden hielpen.")
        feedback.mail_participants(dossier)
        db.session.commit()
        delivery.deliver_all()
        key = dossier.feedback_key
    texts = plain_texts(smtp_server)
    feedback_mails = [text for text in texts if "/terugkoppeling/" in text]
    assert len(feedback_mails) == 5  # besides the five invitations
    assert "Uw antwoorden hielpen." in feedback_mails[0]
    assert f"/terugkoppeling/{key}" in feedback_mails[0]
    page = mailing_app.test_client().get(f"/terugkoppeling/{key}")
    assert page.status_code == 200 and "Servicekosten 2027" in page.get_data(as_text=True)


def plain_texts(smtp_server) -> list[str]:
    """The plain-text parts of every mail the test's SMTP server received."""
    return [
        part.get_payload(decode=True).decode()
        for message in smtp_server.messages()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    ]


def _share(app, world, visibility, summary="Dank voor uw mening"):
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        feedback.share(dossier, visibility, summary)
        db.session.commit()
        return dossier.feedback_key


def test_the_page_shows_the_advice_only_once_given(app, client, world):
    """Before the advice is given, are its draft points kept off the members' page?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        point = advice.save_point(dossier, "Geen verhoging dit jaar", "", [])
        db.session.commit()
    key = _share(app, world, FeedbackVisibility.MEMBERS)
    page = client.get(f"/terugkoppeling/{key}").get_data(as_text=True)
    assert "Geen verhoging dit jaar" not in page and "nog niet gegeven" in page
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        services.move(dossier, Phase.DRAFTING)
        services.move(dossier, Phase.ADVISED, on=clock.today())
        advice.record_reply(
            db.session.merge(point), ReplyOutcome.NOT_FOLLOWED, "Te duur voor de begroting"
        )
        db.session.commit()
    page = client.get(f"/terugkoppeling/{key}").get_data(as_text=True)
    assert "Geen verhoging dit jaar" in page and "Te duur voor de begroting" in page
    assert "Dank voor uw mening" in page


def test_a_hidden_or_unknown_page_is_not_found(app, client, world):
    """Is the page gone once the board stops showing it, and an unknown key not found?"""
    key = _share(app, world, FeedbackVisibility.PUBLIC)
    assert client.get(f"/terugkoppeling/{key}").status_code == 200
    _share(app, world, FeedbackVisibility.NONE)
    assert client.get(f"/terugkoppeling/{key}").status_code == 404
    assert client.get("/terugkoppeling/verzonnen").status_code == 404


def test_only_public_dossiers_are_on_the_public_list(app, client, world):
    """Does the public list show a public dossier and not one for members only?"""
    _share(app, world, FeedbackVisibility.MEMBERS)
    assert "Servicekostenbeleid" not in client.get(f"/h/{world.a.slug}/dossiers").get_data(
        as_text=True
    )
    _share(app, world, FeedbackVisibility.PUBLIC)
    page = client.get(f"/h/{world.a.slug}/dossiers").get_data(as_text=True)
    assert "Servicekostenbeleid" in page and "Aangekondigd" in page
    assert "Servicekostenbeleid" not in client.get(f"/h/{world.b.slug}/dossiers").get_data(
        as_text=True
    )
    assert client.get("/h/bestaat-niet/dossiers").status_code == 404


def test_small_groups_stay_hidden_on_the_public_page(app, client, world):
    """With three answers only, are the figures left out of the feedback page?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        dossier, _people = _answered_dossier(org, answering=3, members=3)
        feedback.share(dossier, FeedbackVisibility.PUBLIC, "")
        db.session.commit()
        key = dossier.feedback_key
    page = client.get(f"/terugkoppeling/{key}").get_data(as_text=True)
    assert "minder dan 5" in page and "Schoonmaak" not in page


def test_the_board_shares_and_mails_from_the_dossier_page(app, client, world):
    """Can the board choose 'members', write the summary (escaped), and send the mail?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    response = client.post(
        f"{url}/feedback",
        data={"visibility": "members", "summary": "<script>alert(1)</script> Wij deden dit."},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "/terugkoppeling/" in page and "<script>alert(1)</script>" not in page
    response = client.post(f"{url}/feedback/mail", follow_redirects=True)
    assert "De terugkoppeling gaat naar 0 leden." in response.get_data(as_text=True)
    viewer = app.test_client()
    login(viewer, world.a.viewer)
    assert viewer.post(f"{url}/feedback", data={"visibility": "public"}).status_code == 403


def test_open_answers_stay_off_the_page_unless_the_advice_cites_them(app, client, world):
    """Are members' own words kept off the feedback page, except a quote the given advice
    cites, and is a members-only page kept out of search engines?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        dossier, _people = _answered_dossier(org, answering=6)
        snapshot = dossier.snapshots[0]
        quote = next(c for c in advice.citables(snapshot) if c.quote)
        advice.save_point(dossier, "Punt", "", [(snapshot.id, quote.key)])
        feedback.share(dossier, FeedbackVisibility.MEMBERS, "")
        db.session.commit()
        key = dossier.feedback_key
    before = client.get(f"/terugkoppeling/{key}")
    assert "Prima" not in before.get_data(as_text=True)
    assert before.headers["X-Robots-Tag"] == "noindex, nofollow"
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.feedback_key == key))
        services.move(dossier, Phase.DRAFTING)
        services.move(dossier, Phase.ADVISED, on=clock.today())
        db.session.commit()
    assert "Prima" in client.get(f"/terugkoppeling/{key}").get_data(as_text=True)


def test_a_refused_feedback_form_keeps_what_was_typed(app, client, world):
    """Without a choice of readers, does the page come back with the summary still there?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/feedback"
    response = client.post(url, data={"summary": "Wat wij deden met uw antwoorden"})
    assert response.status_code == 400
    assert "Wat wij deden met uw antwoorden" in response.get_data(as_text=True)
