"""Inviting the panel with one-time links: every reachable member not asked before gets a row
holding a salt and the hash of the token derived from it, and a mail through the outbox. Events
and members' meetings use it; only the row and the mail differ."""

from collections.abc import Callable

from sqlalchemy import Select, select

from consult.core.clock import today
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.mail import outbox
from consult.panel.models import PanelMember


def invite_members(
    organisation,
    purpose: str,
    asked: Select,
    make_row: Callable[..., object],
    mail_kind: str,
    id_key: str,
) -> int:
    """Give each reachable member of the organisation not in ``asked`` a one-time link.

    :param purpose: the token purpose, so a link of one kind never opens another.
    :param asked: a subquery of the member ids already asked.
    :param make_row: called as ``make_row(member_id=..., token_salt=..., token_hash=...)``;
        returns the (unsaved) row that holds the link.
    :param mail_kind: the outbox kind, also the stem of the mail's dedupe key.
    :param id_key: the keyword under which the mail renderer reads the row's id.
    :returns: how many members were asked now.
    """
    members = db.session.scalars(
        select(PanelMember)
        .where(
            PanelMember.organisation_id == organisation.id,
            PanelMember.mailable_on(today()),
            PanelMember.id.not_in(asked),
        )
        .order_by(PanelMember.id)
    ).all()
    for member in members:
        salt = new_salt()
        row = make_row(
            member_id=member.id,
            token_salt=salt,
            token_hash=hash_token(derive_token(purpose, salt)),
        )
        db.session.add(row)
        db.session.flush()
        outbox.queue(
            mail_kind,
            member.email,
            f"{mail_kind.replace('_', '-')}:{row.id}",
            organisation=organisation,
            locale=member.locale,
            **{id_key: row.id},
        )
    return len(members)
