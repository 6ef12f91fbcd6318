"""Writing and reading the audit log."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.extensions import db

#: What each action means, for the board's log page.
ACTION_LABELS = {
    "member.added": _l("added a member"),
    "member.edited": _l("edited a member"),
    "member.paused": _l("paused invitations"),
    "member.left": _l("left the panel"),
    "member.erased": _l("erased a member"),
    "member.exported_own_data": _l("downloaded their own data"),
    "panel.imported": _l("imported members"),
    "panel.exported": _l("exported the member list"),
    "panel.purged": _l("purged unconfirmed sign-ups"),
    "panel.reconsent_asked": _l("asked members to confirm they want to stay"),
    "privacy.published": _l("published a new privacy statement"),
    "response.paper_entered": _l("entered a paper questionnaire"),
    "results.exported": _l("exported the results"),
    "draagvlak.letters_exported": _l("downloaded the voting links for letters"),
    "responses.exported": _l("exported the answers per respondent (anonymised)"),
    "consultation.closed_early": _l("closed a consultation before its closing date"),
    "question.reworded": _l("changed the wording of a published question"),
    "theme.added": _l("added a theme for open answers"),
    "theme.renamed": _l("renamed a theme for open answers"),
    "theme.removed": _l("deleted a theme for open answers"),
    "open_answer.tagged": _l("changed the themes of an open answer"),
    "open_answer.quoted": _l("marked an open answer as a quote"),
    "open_answer.unquoted": _l("unmarked an open answer as a quote"),
    "koepel.member_invited": _l("invited an organisation into the koepel"),
    "koepel.joined": _l("accepted the invitation of a koepel"),
    "koepel.declined": _l("declined the invitation of a koepel"),
    "kruisjeslijst.adopted": _l("saved a new version of the kruisjeslijst"),
    "koepel.member_recognised": _l("recognised a member organisation"),
    "koepel.member_unrecognised": _l("stopped recognising a member organisation"),
    "koepel.member_removed": _l("removed a member organisation from the koepel"),
    "year_plan.shared": _l("shared a year plan with the landlord"),
    "year_plan.unshared": _l("stopped sharing a year plan with the landlord"),
    "year_plan.agreed": _l("marked a year plan as agreed with the landlord"),
    "year_plan.published": _l("published a year agenda"),
    "year_plan.unpublished": _l("stopped publishing a year agenda"),
    "team.invited": _l("invited someone new to the team"),
    "team.reinvited": _l("sent a team invitation again"),
    "team.added": _l("gave an existing account a role in the team"),
    "team.role_changed": _l("changed a role in the team"),
    "team.removed": _l("removed someone from the team"),
    "organisation.settings_changed": _l("changed the organisation's settings"),
    "team.two_factor_required": _l("required two-factor sign-in for everyone"),
    "team.two_factor_optional": _l("made two-factor sign-in optional"),
    "two_factor.enabled": _l("turned on two-factor sign-in"),
    "two_factor.disabled": _l("turned off two-factor sign-in"),
    "two_factor.recovery_code_used": _l("signed in with a recovery code"),
    "organisation.created": _l("created the organisation (installation administrator)"),
    "organisation.suspended": _l("suspended the organisation (installation administrator)"),
    "organisation.reinstated": _l(
        "lifted the organisation's suspension (installation administrator)"
    ),
}


def record(organisation, action: str, subject: str | None = None, actor=None, **details):
    """Add an entry in the current transaction (the caller commits with the change itself).

    :param actor: the signed-in user, or None for the member themselves or the system.
    :param details: counts and ids only, never a name or an address.
    """
    if actor is not None and getattr(actor, "is_authenticated", False):
        label, actor_id = actor.email, actor.id
    else:
        label, actor_id = (actor if isinstance(actor, str) else "Consult"), None
    entry = AuditEntry(
        organisation_id=organisation.id,
        actor_id=actor_id,
        actor_label=label,
        action=action,
        subject=subject,
        details=details,
    )
    db.session.add(entry)
    return entry


def entries_of(organisation, limit: int = 200) -> list[AuditEntry]:
    """The organisation's newest entries first."""
    return db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.organisation_id == organisation.id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    ).all()
