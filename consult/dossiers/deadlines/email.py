"""The board's mail about a dossier's deadlines: a week before, on the day, and overdue."""

from datetime import date

from flask_babel import lazy_gettext as _l

from consult.accounts.models import User
from consult.core.templating import long_date
from consult.dossiers.deadlines.notices import Stage
from consult.dossiers.deadlines.services import Deadline
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url

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
