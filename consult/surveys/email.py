"""The mail of consultations: the confirmation link for answers given through an open link."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.core.tokens import derive_token
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import ResponseDraft
from consult.surveys.open_links import PURPOSE

kinds = MailKinds()


@kinds.renderer(
    "open_confirm", label=_l("Confirmation of answers through an open link"), personal=("link",)
)
def render_confirmation(message):
    """The link that makes answers given through an open link count."""
    draft = db.session.get(ResponseDraft, message.context["draft_id"])
    if draft is None or draft.confirm_salt is None:
        raise LookupError("the answers waiting for this confirmation were discarded")
    consultation = db.session.get(Consultation, draft.consultation_id)
    link = external_url("open.confirm", token=derive_token(PURPOSE, draft.confirm_salt))
    subject = _("Please confirm your answers to %(title)s", title=consultation.title)
    return subject, {"consultation": consultation, "link": link}
