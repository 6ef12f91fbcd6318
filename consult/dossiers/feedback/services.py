"""Closing the loop ("u zei, wij deden"): a feedback page per dossier for members or the
public, and a mail to every panel member who answered a linked consultation."""

import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers.models import Dossier, FeedbackVisibility, dossier_consultations
from consult.dossiers.services import record_event
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.mail import outbox
from consult.organisations.models import Organisation
from consult.panel.models import PanelMember
from consult.results.figures import frozen_results


def share(dossier: Dossier, visibility: FeedbackVisibility, summary: str, actor=None) -> None:
    """Set who may read the feedback page, and the board's words on it."""
    if visibility != FeedbackVisibility.NONE and dossier.feedback_key is None:
        dossier.feedback_key = secrets.token_urlsafe(24)
    dossier.feedback_visibility, dossier.feedback_summary = visibility, summary.strip()
    record_event(dossier, "feedback", actor)


def figures_only(dossier: Dossier) -> list[tuple]:
    """(snapshot, results) of the latest evidence of each linked consultation, without the
    open answers: on a page for members or everyone only the quotes the advice cites show."""
    latest = {}
    for snapshot in dossier.snapshots:
        latest[snapshot.consultation_id] = snapshot
    shown = []
    for snapshot in latest.values():
        results = frozen_results(snapshot.figures)
        for question in results.questions:
            question.open_answers, question.quotes = [], []
        shown.append((snapshot, results))
    return shown


def shared_dossier(key: str) -> Dossier | None:
    """The dossier whose feedback page has this address, if it is shown to anyone."""
    return db.session.scalar(
        select(Dossier).where(
            Dossier.feedback_key == key, Dossier.feedback_visibility != FeedbackVisibility.NONE
        )
    )


def public_dossiers(organisation: Organisation) -> list[Dossier]:
    """The dossiers the organisation shows to everyone, newest code first."""
    return db.session.scalars(
        select(Dossier)
        .where(
            Dossier.organisation_id == organisation.id,
            Dossier.feedback_visibility == FeedbackVisibility.PUBLIC,
        )
        .order_by(Dossier.code.desc())
        .options(selectinload(Dossier.consultations))
    ).all()


def member_dossiers(organisation: Organisation) -> list[Dossier]:
    """The dossiers panel members may read, for their own page."""
    return db.session.scalars(
        select(Dossier)
        .where(
            Dossier.organisation_id == organisation.id,
            Dossier.feedback_visibility != FeedbackVisibility.NONE,
        )
        .order_by(Dossier.code.desc())
    ).all()


def participants(dossier: Dossier) -> list[PanelMember]:
    """Panel members who sent answers to a linked consultation and may still get mail."""
    linked = select(dossier_consultations.c.consultation_id).where(
        dossier_consultations.c.dossier_id == dossier.id
    )
    return db.session.scalars(
        select(PanelMember)
        .where(
            PanelMember.id.in_(
                select(Invitation.member_id).where(
                    Invitation.consultation_id.in_(linked),
                    participation.answered(Invitation.consultation_id.in_(linked)),
                )
            ),
            PanelMember.mailable_on(today()),
        )
        .order_by(PanelMember.id)
    ).all()


def mail_participants(dossier: Dossier, actor=None) -> int:
    """Queue the feedback mail to each participant who did not get it yet.

    :returns: the number of mails queued.
    :raises DomainError: while the feedback page is shown to no one (the mail links to it).
    """
    if dossier.feedback_visibility == FeedbackVisibility.NONE:
        raise DomainError(_("First show the feedback page to members, then mail them."))
    queued = mail_to_participants(dossier, "dossier_feedback", dossier.id, dossier_id=dossier.id)
    record_event(dossier, "feedback_mailed", actor, count=queued)
    current_app.logger.info("%d feedback mails for %s queued by %s", queued, dossier, actor)
    return queued


def mail_to_participants(dossier: Dossier, kind: str, about: int, **context) -> int:
    """Queue a mail of ``kind`` to each participant who did not get this one yet.

    :param about: the id of what the mail is about, in its key ("<kind>:<about>:<member>").
    :returns: the number of mails queued.
    """
    members = {f"{kind}:{about}:{member.id}": member for member in participants(dossier)}
    return sum(
        outbox.queue_once(
            kind,
            members[key].email,
            key,
            organisation=dossier.organisation,
            locale=members[key].locale,
            member_id=members[key].id,
            **context,
        )
        for key in outbox.unqueued(list(members))
    )
