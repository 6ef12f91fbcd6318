"""Letters to the addresses without e-mail: one A4 page per address that has not voted, for
a window envelope, with the question, the closing day, the address's short code (typed at
``/d/code``) and a QR code with its link. The letter goes "to the tenant of" the address:
the landlord's list names addresses, not people. The layout is the consultation letters'
(``consult.invitations.letters``), written with the same ``LetterPDF``."""

import io

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.audit import services as audit
from consult.core import clock
from consult.core.templating import long_date
from consult.dossiers.advice.letter import LetterPDF, font_path
from consult.draagvlak.models import Meting, MetingAddress
from consult.draagvlak.services import code_of, link_of
from consult.extensions import db
from consult.invitations.letters import (
    WINDOW_LEFT,
    WINDOW_TOP,
    WINDOW_WIDTH,
    write_code,
)
from consult.mail.outbox import external_url

audit.ACTION_LABELS["draagvlak.letters_printed"] = _l("printed the letters with voting codes")


def letter_addresses(meting: Meting) -> list[MetingAddress]:
    """The addresses without e-mail that have not voted, by address."""
    return db.session.scalars(
        select(MetingAddress)
        .where(
            MetingAddress.meting_id == meting.id,
            MetingAddress.email.is_(None),
            MetingAddress.voted_on.is_(None),
        )
        .order_by(MetingAddress.address)
    ).all()


def letters_pdf(meting: Meting) -> tuple[bytes, int]:
    """The letters as one PDF, and how many; records each address's code if it had none."""
    addresses = letter_addresses(meting)
    organisation = meting.organisation
    pdf = LetterPDF(font_path())
    pdf.set_title(meting.title)
    pdf.set_author(organisation.name)
    pdf.set_creator("Consult")
    for address in addresses:
        _write_letter(pdf, meting, address)
    if not addresses:
        pdf.add_page()
        pdf.block(_("Every address without e-mail has voted; no letters are needed."))
    return bytes(pdf.output()), len(addresses)


def _write_letter(pdf: LetterPDF, meting: Meting, address: MetingAddress) -> None:
    organisation = meting.organisation
    pdf.add_page()
    if organisation.logo:
        pdf.image(io.BytesIO(organisation.logo), x=WINDOW_LEFT, y=14, h=16)
    pdf.set_xy(WINDOW_LEFT, 32)
    pdf.block(organisation.name, 13, "B", 0)
    pdf.set_xy(WINDOW_LEFT, WINDOW_TOP)  # the window: the address only
    pdf.set_right_margin(210 - WINDOW_LEFT - WINDOW_WIDTH)
    pdf.block(_("To the tenant of") + "\n" + address.address, 11, gap=0)
    pdf.set_right_margin(22)
    pdf.set_xy(WINDOW_LEFT, 100)
    pdf.block(long_date(clock.today()), gap=4)
    pdf.block(_("Draagvlakmeting: %(title)s", title=meting.title), 12, "B", 4)
    pdf.block(
        _(
            "Your landlord has made a proposal for your complex. It counts as reasonable when "
            "at least %(threshold)d%% of all addresses concerned agree; an address that does "
            "not vote counts as not agreeing. %(organisation)s asks every address:",
            threshold=meting.threshold,
            organisation=organisation.name,
        )
    )
    pdf.block(meting.question, style="B", gap=3)
    pdf.block(_("You can vote until %(date)s.", date=long_date(meting.closes_on)), gap=4)
    _write_code(pdf, address)
    pdf.block(_("One vote per address: only the first vote of this address counts."), gap=4)
    pdf.block(_("On behalf of the board of %(name)s", name=organisation.name), style="B")


def _write_code(pdf: LetterPDF, address: MetingAddress) -> None:
    """The code in large print with where to type it, and the QR code with the link."""
    write_code(
        pdf,
        external_url("address_vote.ballot", token=link_of(address)),
        code_of(address),
        _(
            "Vote online: go to %(address)s and type the code of your address:",
            address=external_url("address_vote.enter_code"),
        ),
        _("Or scan the square code with your phone's camera. Keep this letter to yourself."),
    )
