"""The board's own words: the texts of a consultation's mails and letters, per language,
with placeholders such as {voornaam}; and the thank-you mail that only exists with one."""

from flask import Blueprint, Flask

from consult.core.blueprints import register_views
from consult.mail.kinds import register_mail, register_periodic
from consult.organisations.access import register_organisation_blueprint

bp = Blueprint("texts", __name__, url_prefix="/o/<org>/consultations")
register_organisation_blueprint(bp)


def init_app(app: Flask) -> None:
    """The text pages, the helpers mail templates fill texts with, and the thank-you mail."""
    from consult.texts import placeholders, thanks, views

    register_views(app, views)
    app.jinja_env.globals.update(
        fill_text=lambda text, **values: placeholders.fill(text, values),
        fill_html=lambda text, **values: placeholders.fill_html(text, values),
    )
    register_mail(app, thanks.kinds)
    register_periodic(app, thanks.send_thanks)
