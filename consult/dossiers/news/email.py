"""The mail of an update on a dossier to the members who took part."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.dossiers.news.models import DossierNews
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember

kinds = MailKinds()


@kinds.renderer("dossier_news", label=_l("News on a dossier"), personal=("name", "unsubscribe_url"))
def render_news(message):
    """The update's title and text, with the link to the dossier's page."""
    news = db.session.get(DossierNews, message.context["news_id"])
    member = db.session.get(PanelMember, message.context["member_id"])
    subject = _l("News on %(title)s: %(news)s") % {"title": news.dossier.title, "news": news.title}
    return subject, {
        "news": news,
        "dossier": news.dossier,
        "organisation": news.dossier.organisation,
        "name": (member.name if member else None) or _("tenant"),
        "link": external_url("feedback.page", key=news.dossier.feedback_key),
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }
