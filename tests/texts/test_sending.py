"""What a member receives: the board's text in the member's language, else the one in the
consultation's language, else the app's own; in mails, letters, thank-you and feedback."""

import io
from datetime import date, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from consult.core import clock
from consult.dossiers import services as dossiers
from consult.dossiers.feedback import services as feedback
from consult.dossiers.models import FeedbackVisibility
from consult.extensions import db
from consult.invitations import codes, inviting, letters, reminders, submitting
from consult.invitations.models import Invitation
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.panel import services as panel
from consult.texts import services, thanks
from consult.texts.catalog import kinds
from tests import factories


def _member(org, name, locale):
    member = factories.member(org, name=name)
    member.locale = locale
    return member


def _write(consultation, kind, language, body, subject=None):
    services.save_text(consultation, kinds()[kind], language, subject, body)


def _mails(kind) -> dict[str, object]:
    """recipient -> the rendered mail, rendered as one batch (shared parts once)."""
    cache = {}
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
    ).all()
    return {message.recipient: render(message, cache) for message in messages}


def test_an_invitation_speaks_the_members_language_with_fallback(ctx):
    """Does a Turkish member get the Turkish text, an English member (no English text) the
    Dutch one of the consultation, each with their own name and working link?"""
    org = factories.organisation()
    fatma = _member(org, "Fatma Yılmaz", "tr")
    john = _member(org, "John Smith", "en")
    consultation = factories.consultation(org)
    _write(
        consultation,
        "invitation_mail",
        "tr",
        "Merhaba {voornaam},\n\n{link}",
        "Fikriniz: {consultatie}",
    )
    _write(
        consultation, "invitation_mail", "nl", "Hallo {voornaam}!\n\n{link}", "Graag: {consultatie}"
    )
    tokens = factories.invite(consultation)
    mails = _mails("invitation")
    assert mails[fatma.email].subject == "Fikriniz: Servicekosten"
    assert "Merhaba Fatma," in mails[fatma.email].text
    assert f"/i/{tokens[fatma.email]}" in mails[fatma.email].text
    assert mails[john.email].subject == "Graag: Servicekosten"
    assert "Hallo John!" in mails[john.email].text
    assert f'href="http://localhost/i/{tokens[john.email]}"' in mails[john.email].html
    assert mails[john.email].unsubscribe_url  # the footer and headers stay


def test_without_a_text_the_apps_own_invitation_is_sent(ctx):
    """Without the board's text in the member's or the consultation's language, is the
    app's default sent in the member's interface language, as before?"""
    org = factories.organisation()
    member = _member(org, "Ans", "nl")
    consultation = factories.consultation(org)
    _write(consultation, "invitation_mail", "de", "Hallo {voornaam}, {link}", "Ihre Meinung")
    factories.invite(consultation)
    mail = _mails("invitation")[member.email]
    assert mail.subject == "Uw mening gevraagd: Servicekosten"
    assert "Beantwoord de vragen via uw persoonlijke link" in mail.text


def test_a_reminder_uses_the_boards_text(ctx):
    """Does a reminder mail carry the board's reminder text?"""
    org = factories.organisation()
    member = _member(org, "Piet Jansen", "nl")
    consultation = factories.consultation(org)
    factories.invite(consultation)
    _write(consultation, "reminder_mail", "nl", "Piet, nog even: {link}", "Nog even: {consultatie}")
    reminders.schedule_reminder(consultation, clock.today())
    reminders.send_due_reminders()
    mail = _mails("reminder")[member.email]
    assert mail.subject == "Nog even: Servicekosten"
    assert "Piet, nog even: http://localhost/i/" in mail.text


def test_a_letter_uses_the_boards_text_in_the_members_language(ctx):
    """Does a printed letter carry the board's text in the member's language (else the
    consultation's), with the member's code where the text puts it?"""
    org = factories.organisation()
    people = {}
    for name, locale in (("Anna Kowalska", "pl"), ("Bert Smit", "nl"), ("Carl Berg", "de")):
        people[name] = _member(org, name, locale)
        people[name].email = None
        panel.set_post_details(people[name], "Dorpsstraat 1\n1234 AB Dorp", "post")
    consultation = factories.consultation(org)
    _write(
        consultation, "invitation_letter", "pl", "Szanowna {naam},\n\nKod:\n\n{code}\n\nDziękujemy."
    )
    _write(consultation, "invitation_letter", "nl", "Beste {voornaam},\n\n{code}\n\nEigen woorden.")
    inviting.invite_panel(consultation)
    pdf = PdfReader(io.BytesIO(letters.letters_pdf(consultation, 1)))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    code = {
        i.member.name: codes.code_of(i)
        for i in db.session.scalars(
            select(Invitation).where(Invitation.consultation_id == consultation.id)
        )
    }
    polish = next(page for page in pages if "Anna Kowalska" in page)
    assert "Szanowna Anna Kowalska," in polish and "Dziękujemy." in polish
    assert code["Anna Kowalska"] in polish
    german = next(page for page in pages if "Carl Berg" in page)
    assert "Beste Carl," in german and "Eigen woorden." in german and code["Carl Berg"] in german
    _write(consultation, "reminder_letter", "nl", "Nog niet gezien, {naam}?\n\n{code}")
    reminder = PdfReader(io.BytesIO(letters.letters_pdf(consultation, 1, reminder=True)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reminder.pages)
    assert "Nog niet gezien, Bert Smit?" in text and "Szanowna Anna Kowalska," not in text


def test_the_feedback_mail_uses_the_text_of_the_consultation_answered(ctx):
    """Does the feedback mail of a dossier carry the board's text of the consultation the
    member answered?"""
    org = factories.organisation()
    member = _member(org, "Ans de Boer", "nl")
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    [invitation] = db.session.scalars(select(Invitation)).all()
    submitting.submit(invitation, factories.answers(consultation))
    _write(consultation, "feedback_mail", "nl", "Dag {voornaam}, lees {link}", "Uitslag {dossier}")
    dossier = factories.dossier(org, requested_on=date(2026, 9, 1))
    dossiers.freeze_evidence(dossier, consultation)
    feedback.share(dossier, FeedbackVisibility.MEMBERS, "Samenvatting")
    feedback.mail_participants(dossier)
    mail = _mails("dossier_feedback")[member.email]
    assert mail.subject == "Uitslag Servicekostenbeleid"
    assert "Dag Ans, lees http://localhost/terugkoppeling/" in mail.text


def test_the_thank_you_mail_goes_once_and_only_with_a_text(ctx):
    """Is the thank-you mail of an identified consultation sent once per answer, only once
    the board wrote it, and never to a member who paused; and never in an anonymous one,
    where it would tell who answered?"""
    org = factories.organisation()
    ans = _member(org, "Ans", "nl")
    bert = _member(org, "Bert", "nl")
    anonymous = factories.consultation(org, title="Anoniem")
    _write(anonymous, "thanks_mail", "nl", "Dank je wel, {voornaam}!", "Dank: {consultatie}")
    consultation = factories.consultation(org)
    consultation.anonymous = False
    for survey in (anonymous, consultation):
        inviting.invite_panel(survey)
    for invitation in db.session.scalars(select(Invitation)).all():
        submitting.submit(invitation, factories.answers(invitation.consultation))
    today = clock.today()
    assert thanks.queue_thanks(today) == 0
    _write(consultation, "thanks_mail", "nl", "Dank je wel, {voornaam}!", "Dank: {consultatie}")
    bert.paused_until = today + timedelta(days=30)
    db.session.commit()
    assert thanks.queue_thanks(today) == 1
    assert thanks.queue_thanks(today) == 0
    mail = _mails("thanks")[ans.email]
    assert mail.subject == "Dank: Servicekosten"
    assert "Dank je wel, Ans!" in mail.text
