"""The mail of accounts: the password reset link, the invitation to a team and the notice of a
new role."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.accounts.models import PasswordReset
from consult.accounts.services import reset_link
from consult.accounts.team import ROLE_LABELS, invitation_days
from consult.core.policy import Role
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.organisations.models import Organisation

kinds = MailKinds()


@kinds.renderer("password_reset", label=_l("Password reset"))
def render_password_reset(message):
    reset = db.session.get(PasswordReset, message.context["reset_id"])
    return _("Reset your Consult password"), {"link": reset_link(reset), "user": reset.user}


def _mail_context(message) -> dict:
    organisation = db.session.get(Organisation, message.organisation_id)
    role = ROLE_LABELS[Role(message.context["role"])]
    return {"organisation": organisation, "role": role, "inviter": message.context["inviter"]}


@kinds.renderer("account_invitation", label=_l("Invitation to the team"))
def render_invitation(message):
    reset = db.session.get(PasswordReset, message.context["reset_id"])
    context = _mail_context(message)
    days = invitation_days()
    subject = _(
        "You are invited to %(organisation)s in Consult", organisation=context["organisation"].name
    )
    return subject, context | {"link": reset_link(reset), "user": reset.user, "days": days}


@kinds.renderer("team_added", label=_l("New role in the team"))
def render_added(message):
    context = _mail_context(message)
    subject = _(
        "You now have a role in %(organisation)s in Consult",
        organisation=context["organisation"].name,
    )
    return subject, context | {"link": external_url("accounts.login")}
