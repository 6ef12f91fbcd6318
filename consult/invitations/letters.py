"""Invitation and reminder letters for the members who get post, for the board to print.

One A4 page per member, in the member's language: the organisation's logo, the name and
address placed for the window of a Dutch window envelope (window at the left, about 20 mm
from the left and 50 mm from the top, 90 x 40 mm), the invitation, the personal short code
(``consult.invitations.codes``), a QR code with the personal link, the closing date and how
to get a paper form.

fpdf2 keeps a whole document in memory, so the letters come in print batches of
``BATCH_SIZE``: the memory one download needs does not grow with the panel.
"""

import io
import re
from dataclasses import dataclass

import segno
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from consult.core import clock
from consult.core.i18n import parsed_locale
from consult.core.templating import long_date
from consult.dossiers.advice.letter import LetterPDF, font_path
from consult.extensions import db
from consult.invitations import codes, links, participation
from consult.invitations.models import Invitation
from consult.mail.outbox import external_url
from consult.panel.models import Channel, PanelMember
from consult.texts import placeholders
from consult.texts.services import pick, texts_by_language

#: Letters per download: a print batch, and the ceiling on one PDF's memory.
BATCH_SIZE = 250
#: Where the window of the envelope is, in mm from the page's top left corner.
WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH = 22, 52, 85


@dataclass(frozen=True)
class Batch:
    number: int  #: from 1
    first: int  #: the first letter's position in the whole run, from 1
    last: int


def _letters(consultation, reminder: bool):
    """Letters of the consultation: every invitation by post, for reminders only those whose
    code is not used yet and whose member may still be reminded (as for reminder mails: not
    paused, not left); members erased since are left out."""
    query = select(Invitation).where(
        Invitation.consultation_id == consultation.id,
        Invitation.channel == Channel.POST,
        Invitation.member_id.is_not(None),
    )
    if not reminder:
        return query
    answered = participation.answered(Invitation.consultation_id == consultation.id)
    return query.join(PanelMember, PanelMember.id == Invitation.member_id).where(
        ~answered, PanelMember.reachable_on(clock.today())
    )


def batches(consultation, reminder: bool = False) -> list[Batch]:
    """The print batches of the consultation's letters (empty when nobody gets post)."""
    count = db.session.scalar(
        select(func.count()).select_from(_letters(consultation, reminder).subquery())
    )
    return [
        Batch(n + 1, start + 1, min(start + BATCH_SIZE, count))
        for n, start in enumerate(range(0, count, BATCH_SIZE))
    ]


def batches_by_kind(consultation) -> dict[str, list[Batch]]:
    """The print batches of the invitation letters and of the reminder letters."""
    return {kind: batches(consultation, kind == "reminder") for kind in ("invitation", "reminder")}


def letters_pdf(consultation, batch: int, reminder: bool = False) -> bytes | None:
    """Print batch ``batch`` (from 1) of the letters as one PDF; None for a batch that does
    not exist."""
    invitations = db.session.scalars(
        _letters(consultation, reminder)
        .options(joinedload(Invitation.member))
        .order_by(Invitation.id)
        .offset((batch - 1) * BATCH_SIZE)
        .limit(BATCH_SIZE)
    ).all()
    if batch < 1 or not invitations:
        return None
    organisation = consultation.organisation
    pdf = LetterPDF(font_path())
    pdf.set_title(consultation.title)
    pdf.set_author(organisation.name)
    pdf.set_creator("Consult")
    logo = organisation.logo
    own = texts_by_language(consultation.id, "reminder_letter" if reminder else "invitation_letter")
    for invitation in invitations:
        locale = invitation.member.locale
        with force_locale(parsed_locale(locale)):
            text = pick(own, locale, consultation.language)
            _write_letter(pdf, consultation, invitation, logo, reminder, text)
    return bytes(pdf.output())


def _write_letter(pdf: LetterPDF, consultation, invitation, logo, reminder: bool, own) -> None:
    """One letter on a page of its own (a long introduction may take a second page), in the
    board's own words ``own`` when it wrote them."""
    member = invitation.member
    organisation = consultation.organisation
    pdf.add_page()
    write_head(pdf, organisation, member, logo)
    title = consultation.title
    if reminder:
        pdf.block(_("Reminder: %(title)s", title=title), 12, "B", 4)
    else:
        pdf.block(_("Invitation: %(title)s", title=title), 12, "B", 4)
    if own is not None:
        _write_own_text(pdf, consultation, invitation, own.body)
    else:
        _write_default_text(pdf, consultation, invitation, reminder)
    pdf.block(_("On behalf of the board of %(name)s", name=organisation.name), style="B")


def _write_own_text(pdf: LetterPDF, consultation, invitation, body: str) -> None:
    """The board's text, paragraph by paragraph; a paragraph that is just {code} is the code
    block (code in large print and QR code), else that block follows the text."""
    member = invitation.member
    name = member.name or _("member")
    values = placeholders.about(consultation) | {
        "voornaam": placeholders.first_name(name),
        "naam": name,
        "code": codes.code_of(invitation),
        "codepagina": external_url("codes.enter"),
    }
    code_written = False
    for paragraph in re.split(r"\n\s*\n", body):
        if paragraph.strip() == "{code}":
            _write_code(pdf, invitation)
            code_written = True
        elif paragraph.strip():
            pdf.block(placeholders.fill(paragraph.strip("\n"), values))
    if not code_written:
        _write_code(pdf, invitation)


def _write_default_text(pdf: LetterPDF, consultation, invitation, reminder: bool) -> None:
    """The app's own letter text."""
    member = invitation.member
    organisation = consultation.organisation
    title = consultation.title
    name = member.name or _("member")
    pdf.block(_("Dear %(name)s,", name=name), gap=3)
    if reminder:
        pdf.block(
            _(
                "We have not received your answers to “%(title)s” yet. Your opinion counts: "
                "there is still time.",
                title=title,
            )
        )
    else:
        pdf.block(
            _(
                "%(organisation)s asks your opinion on “%(title)s”.",
                organisation=organisation.name,
                title=title,
            )
        )
        if consultation.introduction:
            pdf.block(consultation.introduction)
    pdf.block(_("You can answer until %(date)s.", date=long_date(consultation.closes_on)), gap=4)
    _write_code(pdf, invitation)
    pdf.block(
        _(
            "Would you rather answer on paper? Ask the board of %(organisation)s for a paper "
            "form; a volunteer brings it to you and collects it.",
            organisation=organisation.name,
        ),
        gap=4,
    )


def _write_code(pdf: LetterPDF, invitation) -> None:
    """The invitation's way in: where to type its code, the code, and the QR code."""
    write_code(
        pdf,
        external_url("answer.respond", token=links.token_of(invitation)),
        codes.code_of(invitation),
        _(
            "Answer online: go to %(address)s and type your personal code:",
            address=external_url("codes.enter"),
        ),
        _(
            "Or scan the square code with your phone's camera. The code works once: "
            "keep this letter to yourself."
        ),
    )


def write_head(pdf: LetterPDF, organisation, member, logo) -> None:
    """The letterhead, the member's name and address in the envelope's window, and today's
    date: the top of every letter to a member (elections use it too)."""
    if logo:
        pdf.image(io.BytesIO(logo), x=WINDOW_LEFT, y=14, h=16)
    pdf.set_xy(WINDOW_LEFT, 32)
    pdf.block(organisation.name, 13, "B", 0)
    # The window: name and address only, nothing else may show through it.
    pdf.set_xy(WINDOW_LEFT, WINDOW_TOP)
    recipient = "\n".join(filter(None, [member.name, (member.postal_address or "").strip()]))
    pdf.set_right_margin(210 - WINDOW_LEFT - WINDOW_WIDTH)
    pdf.block(recipient, 11, gap=0)
    pdf.set_right_margin(22)
    pdf.set_xy(WINDOW_LEFT, 100)
    pdf.block(long_date(clock.today()), gap=4)


def write_code(pdf: LetterPDF, link: str, code: str, instruction: str, note: str) -> None:
    """The way in: ``instruction`` (where to type the code), the code in large print, the QR
    code of ``link`` beside them, and ``note`` in small print (elections use it too)."""
    top = pdf.get_y()
    # A fixed mask spares testing all eight (a quarter of a letter's time); any mask scans.
    qr = segno.make(link, error="m", mask=0, micro=False)
    image = io.BytesIO()
    qr.save(image, kind="png", scale=4, border=2)
    pdf.image(image, x=210 - 22 - 40, y=top, w=40, h=40)
    pdf.set_right_margin(22 + 44)
    pdf.block(instruction, gap=1)
    pdf.block(code, 20, "B", 1)
    pdf.block(note, 10)
    pdf.set_right_margin(22)
    pdf.set_y(max(pdf.get_y(), top + 44))
