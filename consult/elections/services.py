"""Setting up an election: its period and rules, the candidates with their photos, and the
electorate drawn from the panel (a member, or an address, per vote)."""

from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from consult.core import uploads
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.elections.models import Candidate, Election, ElectionState, Voter
from consult.extensions import db
from consult.invitations import codes
from consult.panel.models import PanelMember

#: What a voter's link token is derived for (see consult.core.tokens).
PURPOSE = "election"
#: The largest candidate photo accepted.
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_TYPES = (uploads.JPEG, uploads.PNG)


def create_election(
    organisation,
    title: str,
    seats: int,
    opens_on: date,
    closes_on: date,
    quorum,
    per_address,
    actor=None,
) -> Election:
    """Set up an election.

    :raises DomainError: when it closes before it opens.
    """
    if closes_on < opens_on:
        raise DomainError(_("The election cannot close before it opens."))
    election = Election(
        organisation_id=organisation.id,
        title=title,
        seats=seats,
        opens_on=opens_on,
        closes_on=closes_on,
        quorum=quorum or None,
        per_address=bool(per_address),
    )
    db.session.add(election)
    db.session.flush()
    current_app.logger.info("%s added by %s", election, actor)
    return election


def _before_voting(election: Election) -> None:
    if election.state_on(today()) != ElectionState.NOT_YET_OPEN:
        raise DomainError(_("Candidates can only change before voting opens."))


def add_candidate(
    election: Election, name: str, statement: str, photo: bytes | None = None, actor=None
) -> Candidate:
    """Add a candidate, with a photo (JPEG or PNG) when given.

    :raises DomainError: once voting has opened, or for a photo too large or of another type.
    """
    _before_voting(election)
    candidate = Candidate(
        organisation_id=election.organisation_id,
        election=election,
        name=name,
        statement=statement or "",
    )
    if photo:
        _check_photo(photo)
        candidate.photo_stored_name = uploads.new_name()
        candidate.photo_type = uploads.sniff(photo).content_type
    db.session.add(candidate)
    db.session.flush()
    if photo:
        uploads.store(photo_path(candidate), photo)
    current_app.logger.info("%s added by %s", candidate, actor)
    return candidate


def _check_photo(data: bytes) -> None:
    if len(data) > PHOTO_MAX_BYTES:
        raise DomainError(_("The photo is larger than 2 MB. Save it smaller."))
    if uploads.sniff(data) not in PHOTO_TYPES:
        raise DomainError(_("Add the photo as a JPEG or PNG file."))


def remove_candidate(candidate: Candidate, actor=None) -> None:
    """Take a candidate off the ballot before voting opens.

    :raises DomainError: once voting has opened.
    """
    _before_voting(candidate.election)
    if candidate.photo_stored_name:
        uploads.discard_after_commit(photo_path(candidate))
    db.session.delete(candidate)
    db.session.flush()
    current_app.logger.info("%s removed by %s", candidate, actor)


def photo_path(candidate: Candidate) -> Path:
    return uploads.path_of(candidate.organisation_id, candidate.photo_stored_name)


def _voters_from_members(election: Election):
    """(member, address) for every active reachable member with a way to reach them."""
    members = db.session.scalars(
        select(PanelMember)
        .where(
            PanelMember.organisation_id == election.organisation_id,
            PanelMember.reachable_on(today()),
            (PanelMember.email.is_not(None)) | (PanelMember.postal_address.is_not(None)),
        )
        .order_by(PanelMember.id)
    ).all()
    if not election.per_address:
        return [(member, None) for member in members]
    by_address: dict[str, PanelMember] = {}
    for member in members:
        address = " ".join((member.postal_address or "").split())
        known = by_address.get(address.casefold())
        # One vote per address: its link goes to the first member there with e-mail.
        if address and (known is None or (known.email is None and member.email)):
            by_address[address.casefold()] = member
    return [(m, " ".join(m.postal_address.split())) for m in by_address.values()]


def draw_up_electorate(election: Election, actor=None) -> int:
    """Add to the electorate every reachable active member (or address) not in it yet, each
    with a one-time link, and a letter code for those on post.

    :returns: how many voters were added.
    :raises DomainError: once the election is closed.
    """
    if election.state_on(today()) in (ElectionState.CLOSED, ElectionState.COUNTED):
        raise DomainError(_("The election is closed; the electorate is fixed."))
    known = db.session.execute(
        select(Voter.member_id, Voter.address).where(Voter.election_id == election.id)
    ).all()
    members = {member_id for member_id, _address in known}
    addresses = {address.casefold() for _member_id, address in known if address}
    added = 0
    for member, address in _voters_from_members(election):
        if member.id in members or (address and address.casefold() in addresses):
            continue
        salt = new_salt()
        by_post = member.gets_post if address is None else member.email is None
        db.session.add(
            Voter(
                organisation_id=election.organisation_id,
                election_id=election.id,
                member_id=member.id,
                address=address,
                token_salt=salt,
                token_hash=hash_token(derive_token(PURPOSE, salt)),
                code_hash=codes.hash_code(codes.derive_code(salt)) if by_post else None,
            )
        )
        added += 1
    db.session.flush()
    current_app.logger.info("%d voters added to %s by %s", added, election, actor)
    return added


def token_of(voter: Voter) -> str:
    """The voter's one-time link token, derived again from its salt."""
    return derive_token(PURPOSE, voter.token_salt)


def code_of(voter: Voter) -> str | None:
    """The voter's printed letter code ("K7QX2-M9FRA"), or None for a voter by e-mail."""
    if voter.code_hash is None:
        return None
    return codes.grouped(codes.derive_code(voter.token_salt))
