"""The mail to the panel members who answered: what became of their answers."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from consult.dossiers.models import Dossier, dossier_consultations
from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember
from consult.surveys.models.consultations import Consultation
from consult.texts import placeholders
from consult.texts.services import text_for

kinds = MailKinds()


@kinds.renderer(
    "dossier_feedback",
    label=_l("Feedback on a dossier"),
    personal=("name", "first_name", "unsubscribe_url"),
)
def render_feedback(message):
    """What became of the members' answers, with the link to the feedback page; in the
    board's own words when it wrote them for the consultation the member answered."""
    dossier = db.session.get(Dossier, message.context["dossier_id"])
    member = db.session.get(PanelMember, message.context["member_id"])
    name = (member.name if member else None) or _("tenant")
    context = {
        "dossier": dossier,
        "organisation": dossier.organisation,
        "name": name,
        "first_name": placeholders.first_name(name),
        "link": external_url("feedback.page", key=dossier.feedback_key),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }
    answered = _answered(dossier, member)
    own = text_for(answered, "feedback_mail", message.locale) if answered else None
    if own is None:
        return _l("What we did with your answers: %(title)s") % {"title": dossier.title}, context
    values = placeholders.about(answered) | {"dossier": dossier.title, "naam": name}
    values["voornaam"] = context["first_name"]
    return placeholders.fill(own.subject, values), context | {
        "board_body": own.body,
        "consultation": answered,
    }


def _answered(dossier: Dossier, member: PanelMember | None) -> Consultation | None:
    """The first of the dossier's consultations that the member answered (its texts apply)."""
    if member is None:
        return None
    linked = dossier_consultations.c.dossier_id == dossier.id
    return db.session.scalar(
        select(Consultation)
        .join(dossier_consultations, dossier_consultations.c.consultation_id == Consultation.id)
        .join(Invitation, Invitation.consultation_id == Consultation.id)
        .where(
            linked,
            Invitation.member_id == member.id,
            participation.answered(
                Invitation.member_id == member.id,
                Consultation.id.in_(select(dossier_consultations.c.consultation_id).where(linked)),
            ),
        )
        .order_by(Consultation.id)
        .limit(1)
    )
