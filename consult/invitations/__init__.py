"""Personal one-time invitations to a consultation, and the tenant's answer page behind them."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

#: The board's side: sending invitations.
bp = Blueprint("invitations", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)

#: The tenant's side: the link from the e-mail, no account needed.
public_bp = Blueprint("answer", __name__, url_prefix="/i")

#: The tenant's side for letters: ``/c``, where the short code from a letter is typed.
codes_bp = Blueprint("codes", __name__)


def init_app(app: Flask) -> None:
    """Inviting, the letters and their code page, personal paper forms, the tenant's answer
    page, the invitation mail and the due reminders."""
    from consult.invitations import email, letter_views, paper_views, reminders, views

    register_views(app, views, letter_views, paper_views)
    register_mail(app, email.kinds)
    register_periodic(app, reminders.send_due_reminders)
