"""The mail of dossiers: the board's deadline notices and the feedback to panel members."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.accounts.models import User
from consult.core.templating import long_date
from consult.dossiers.deadline_mail import Stage
from consult.dossiers.deadlines import Deadline
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember

kinds = MailKinds()

SUBJECTS = {
    Stage.WEEK: _l("Within a week: %(deadline)s %(date)s – %(code)s"),
    Stage.TODAY: _l("Today: %(deadline)s %(date)s – %(code)s"),
    Stage.OVERDUE: _l("Overdue: %(deadline)s %(date)s – %(code)s"),
}


@kinds.renderer("deadline", label=_l("Deadline of a dossier"))
def render_deadline(message):
    """A deadline mail: which dossier, which deadline, when, and the link to the dossier."""
    context = message.context
    dossier = db.session.get(Dossier, context["dossier_id"])
    user = db.session.get(User, context["user_id"])
    deadline = Deadline(context["deadline"], date.fromisoformat(context["due_on"]))
    stage = Stage(context["stage"])
    subject = SUBJECTS[stage] % {
        "deadline": deadline.label,
        "date": long_date(deadline.due_on),
        "code": dossier.code,
    }
    return subject, {
        "dossier": dossier,
        "deadline": deadline,
        "stage": stage,
        "name": user.name if user else None,
        "responsible": context["responsible"],
        "organisation": dossier.organisation,
        "link": external_url("dossiers.show", org=dossier.organisation.slug, dossier_id=dossier.id),
    }


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
