"""The published annual report, mailed to the panel."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.annual.models import AnnualReport
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url
from consult.membership.services import unsubscribe_url
from consult.panel.models import PanelMember

kinds = MailKinds()


@kinds.renderer("annual_report", label=_l("Annual report"), personal=("name", "unsubscribe_url"))
def render_report(message):
    """The year's report in a few words, with the links to the page and the PDF."""
    report = db.session.get(AnnualReport, message.context["report_id"])
    member = db.session.get(PanelMember, message.context["member_id"])
    organisation = report.organisation
    link = external_url("annual_public.public", slug=organisation.slug, year=report.year)
    subject = _l("Annual report %(year)d of %(organisation)s") % {
        "year": report.year,
        "organisation": organisation.name,
    }
    return subject, {
        "report": report,
        "organisation": organisation,
        "name": (member.name if member else None) or _("tenant"),
        "link": link,
        "pdf_link": link + ".pdf",
        "unsubscribe_url": unsubscribe_url(member) if member else None,
    }
