"""The rules of a draagvlakmeting: setting it up, the addresses concerned and the proposal."""

from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from consult.core import uploads
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.dossiers.documents.services import DOCUMENT_TYPES, too_large_message
from consult.draagvlak.models import Meting, MetingAddress
from consult.extensions import db
from consult.imports.parsing import ADDRESS, read_table
from consult.invitations import codes

#: What the link token of an address is derived for (see consult.core.tokens).
PURPOSE = "draagvlak"
#: Headings of the landlord's list that name the address and the tenant's e-mail.
ADDRESS_HEADINGS = ("adres", "address", "woning")
EMAIL_HEADINGS = ("e-mail", "email", "e-mailadres", "mail")


def create_meting(
    organisation,
    title: str,
    question: str,
    opens_on: date,
    closes_on: date,
    secret: bool,
    actor=None,
) -> Meting:
    """Start a draagvlakmeting with the legal threshold of 70%.

    :raises DomainError: when it closes before it opens.
    """
    if closes_on < opens_on:
        raise DomainError(_("The vote cannot close before it opens."))
    meting = Meting(
        organisation_id=organisation.id,
        title=title,
        question=question,
        opens_on=opens_on,
        closes_on=closes_on,
        secret=secret,
    )
    db.session.add(meting)
    db.session.flush()
    current_app.logger.info("%s added by %s", meting, actor)
    return meting


def add_addresses(meting: Meting, data: bytes, filename: str, actor=None) -> int:
    """Add the addresses of the landlord's list (CSV or XLSX with a column "adres" and,
    where known, "e-mail"); addresses already in the meting are left as they are.

    :returns: how many addresses were added.
    :raises DomainError: for an unreadable list, one without an address column, or an
        address that appears twice in it.
    """
    table = read_table(data, filename)
    address_column = _column(table.headings, ADDRESS_HEADINGS)
    if address_column is None:
        raise DomainError(_("The list needs a column “adres” with the addresses concerned."))
    email_column = _column(table.headings, EMAIL_HEADINGS)
    known = {a.address.casefold() for a in meting.addresses}
    seen: set[str] = set()
    added = 0
    for number, cells in table.rows:
        address = " ".join(_cell(cells, address_column).split())
        if not address:
            continue
        if address.casefold() in seen:
            raise DomainError(
                _("Row %(row)d repeats an address: %(address)s", row=number, address=address)
            )
        seen.add(address.casefold())
        if address.casefold() in known:
            continue
        email = _cell(cells, email_column).strip()
        if email and not ADDRESS.fullmatch(email):
            raise DomainError(
                _("Row %(row)d: “%(email)s” is not an e-mail address.", row=number, email=email)
            )
        add_address(meting, address[:200], email[:254] or None)
        added += 1
    db.session.flush()
    current_app.logger.info("%d addresses added to %s by %s", added, meting, actor)
    return added


def _column(headings: list[str], names: tuple[str, ...]) -> int | None:
    for index, heading in enumerate(headings):
        if heading.strip().casefold() in names:
            return index
    return None


def _cell(cells: list[str], index: int | None) -> str:
    """The cell in that column; a short row or a missing column gives an empty cell."""
    return cells[index] if index is not None and index < len(cells) else ""


def add_address(meting: Meting, address: str, email: str | None) -> MetingAddress:
    salt = new_salt()
    row = MetingAddress(
        organisation_id=meting.organisation_id,
        meting=meting,
        address=address,
        email=email,
        token_salt=salt,
        token_hash=hash_token(derive_token(PURPOSE, salt)),
        code_hash=None if email else codes.hash_code(codes.derive_code(salt)),
    )
    db.session.add(row)
    return row


def link_of(address: MetingAddress) -> str:
    """The address's one-time token, derived again from its salt."""
    return derive_token(PURPOSE, address.token_salt)


def code_of(address: MetingAddress) -> str:
    """The short code on the letter of an address without e-mail ("K7QX2-M9FRA"), derived
    again from its salt; recorded as the address's code from now on if it was not yet."""
    code = codes.derive_code(address.token_salt)
    address.code_hash = address.code_hash or codes.hash_code(code)
    return codes.grouped(code)


def attach_proposal(meting: Meting, data: bytes, filename: str, actor=None) -> None:
    """Keep the landlord's proposal with the meting, by the rules of dossier documents.

    :raises DomainError: for a file too large or of a type not accepted, or one that cannot
        be stored.
    """
    if len(data) > current_app.config["MAX_DOCUMENT_BYTES"]:
        raise DomainError(too_large_message())
    file_type = uploads.sniff(data)
    if file_type not in DOCUMENT_TYPES:
        raise DomainError(_("Add the proposal as a PDF, Word or OpenDocument file."))
    if meting.proposal_stored_name:
        uploads.discard_after_commit(proposal_path(meting))
    meting.proposal_filename = uploads.clean_filename(filename, file_type)
    meting.proposal_stored_name = uploads.new_name()
    meting.proposal_type = file_type.content_type
    db.session.flush()
    uploads.store(proposal_path(meting), data)
    current_app.logger.info("proposal of %s added by %s", meting, actor)


def proposal_path(meting: Meting) -> Path:
    return uploads.path_of(meting.organisation_id, meting.proposal_stored_name)
