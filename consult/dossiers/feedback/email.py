"""The mail to the panel members who answered: what became of their answers."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember

kinds = MailKinds()


@kinds.renderer(
    "dossier_feedback", label=_l("Feedback on a dossier"), personal=("name", "unsubscribe_url")
)
def render_feedback(message):
    """What became of the members' answers, with the link to the feedback page."""
    dossier = db.session.get(Dossier, message.context["dossier_id"])
    member = db.session.get(PanelMember, message.context["member_id"])
    subject = _l("What we did with your answers: %(title)s") % {"title": dossier.title}
    return subject, {
        "dossier": dossier,
        "organisation": dossier.organisation,
        "name": (member.name if member else None) or _("tenant"),
        "link": external_url("feedback.page", key=dossier.feedback_key),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }
