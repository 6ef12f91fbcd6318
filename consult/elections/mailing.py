"""Reaching the electorate: each voter by e-mail gets the one-time link once through the
outbox (in the caller's transaction, before or during voting: the mail says nothing about
a vote), and those on post a printed letter with their short code."""

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from consult.core.clock import today, utcnow
from consult.core.i18n import parsed_locale
from consult.core.templating import long_date
from consult.dossiers.advice.letter import LetterPDF, font_path
from consult.elections.models import Election, Voter
from consult.elections.services import code_of, token_of
from consult.extensions import db
from consult.invitations.letters import write_code, write_head
from consult.mail.outbox import external_url, queue_once
from consult.panel.models import PanelMember


def send_links(election: Election) -> int:
    """Queue the link of every voter by e-mail that has not had it.

    :returns: how many mails were queued.
    """
    waiting = (
        select(Voter)
        .join(PanelMember, PanelMember.id == Voter.member_id)
        .where(
            Voter.election_id == election.id,
            Voter.code_hash.is_(None),
            Voter.link_sent_at.is_(None),
            PanelMember.mailable_on(today()),
        )
        .options(joinedload(Voter.member))
    )
    sent = 0
    for voter in db.session.scalars(waiting):
        if queue_once(
            "election_link",
            voter.member.email,
            f"election:{voter.id}",
            organisation=election.organisation,
            locale=voter.member.locale,
            voter_id=voter.id,
        ):
            voter.link_sent_at = utcnow()
            sent += 1
    return sent


def letter_voters(election: Election) -> list[Voter]:
    """The voters on post whose member can still be written to, by id."""
    return list(
        db.session.scalars(
            select(Voter)
            .where(
                Voter.election_id == election.id,
                Voter.code_hash.is_not(None),
                Voter.member_id.is_not(None),
            )
            .options(joinedload(Voter.member))
            .order_by(Voter.id)
        )
    )


def letters_pdf(election: Election) -> bytes | None:
    """A letter per voter on post, with the code and a QR code of the link; None if none."""
    voters = letter_voters(election)
    if not voters:
        return None
    pdf = LetterPDF(font_path())
    pdf.set_title(election.title)
    pdf.set_author(election.organisation.name)
    pdf.set_creator("Consult")
    logo = election.organisation.logo
    for voter in voters:
        with force_locale(parsed_locale(voter.member.locale)):
            _write_letter(pdf, election, voter, logo)
    return bytes(pdf.output())


def _write_letter(pdf: LetterPDF, election: Election, voter: Voter, logo) -> None:
    """One letter on a page of its own, its top as the invitation letters have it."""
    organisation = election.organisation
    pdf.add_page()
    write_head(pdf, organisation, voter.member, logo)
    pdf.block(_("Election: %(title)s", title=election.title), 12, "B", 4)
    pdf.block(
        _(
            "%(organisation)s elects %(seats)d board members. Your vote is secret. You can "
            "vote from %(opens)s to %(closes)s.",
            organisation=organisation.name,
            seats=election.seats,
            opens=long_date(election.opens_on),
            closes=long_date(election.closes_on),
        ),
        gap=4,
    )
    write_code(
        pdf,
        external_url("election_vote.ballot", token=token_of(voter)),
        code_of(voter),
        _(
            "Vote online: go to %(address)s and type your personal code:",
            address=external_url("election_vote.enter_code"),
        ),
        _("Or scan the square code with your phone's camera. The code works once."),
    )
    pdf.block(_("On behalf of the board of %(name)s", name=organisation.name), style="B")
