"""The mails of joining and of the member's own page; each carries the unsubscribe link."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import link_token, unsubscribe_url
from consult.panel.models import MemberLink

CONFIRM_SUBJECTS = {
    "signup": _l("Please confirm: you are joining the tenant panel of %(organisation)s"),
    "invited": _l("%(organisation)s invites you to its tenant panel"),
    "reconsent": _l("Do you want to stay on the tenant panel of %(organisation)s?"),
}

kinds = MailKinds()


def _link_context(message, endpoint: str) -> dict:
    link = db.session.get(MemberLink, message.context["link_id"])
    member = link.member
    return {
        "link": external_url(endpoint, token=link_token(link)),
        "expires_at": link.expires_at,
        "name": member.name or _("tenant"),
        "organisation": member.organisation,
        "unsubscribe_url": unsubscribe_url(member),
    }


PERSONAL = ("name", "link", "unsubscribe_url")


@kinds.renderer("member_confirm", label=_l("Confirmation of panel membership"), personal=PERSONAL)
def render_confirmation(message):
    """Asks to confirm joining (signed up or invited) or staying on the panel."""
    context = _link_context(message, "membership.confirm")
    reason = message.context["reason"]
    subject = CONFIRM_SUBJECTS[reason] % {"organisation": context["organisation"].name}
    # The day only: mails of one import then share everything but the personal parts.
    return subject, {**context, "reason": reason, "expires_at": context["expires_at"].date()}


@kinds.renderer("member_access", label=_l("Link to a member's own page"), personal=PERSONAL)
def render_access(message):
    """The link to the member's own page."""
    context = _link_context(message, "membership.own_page")
    subject = _l("Your page on the tenant panel of %(organisation)s")
    return subject % {"organisation": context["organisation"].name}, context
