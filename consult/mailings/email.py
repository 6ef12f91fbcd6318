"""The mail of a mailing: the board's subject and text, with the unsubscribe link."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mailings.models import Mailing
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember

kinds = MailKinds()


@kinds.prefetch("panel_mailing")
def load_members(messages) -> list:
    """The members and mailings of a batch, in two queries instead of two per mail."""
    members = {message.context["member_id"] for message in messages}
    mailings = {message.context["mailing_id"] for message in messages}
    return [
        *db.session.scalars(select(PanelMember).where(PanelMember.id.in_(members))),
        *db.session.scalars(select(Mailing).where(Mailing.id.in_(mailings))),
    ]


@kinds.renderer(
    "panel_mailing", label=_l("Mailing to the panel"), personal=("name", "unsubscribe_url")
)
def render_mailing(message):
    """The mailing as the board wrote it, to one member."""
    mailing = db.session.get(Mailing, message.context["mailing_id"])
    member = db.session.get(PanelMember, message.context["member_id"])
    return mailing.subject, {
        "mailing": mailing,
        "organisation": mailing.organisation,
        "name": (member.name if member else None) or _("tenant"),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }
