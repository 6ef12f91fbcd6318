"""The published jaaragenda as a PDF (as the advice letter is made) and as an ICS calendar
(as the dossier deadline feed is written)."""

import io
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

from consult.agreements.models import RIGHT_LABELS
from consult.core.clock import utcnow
from consult.core.templating import long_date
from consult.dossiers.advice.letter import LetterPDF, font_path
from consult.dossiers.calendar import services as calendar
from consult.mail.outbox import external_url
from consult.planning.agenda.models import AgreedVersion
from consult.planning.agenda.services import as_items
from consult.planning.forms import month_name, quarter_name
from consult.planning.services import by_quarter, dated_entries

PRODID = "-//Consult//Jaaragenda//NL"


def _agreed_line(version: AgreedVersion) -> str:
    return _(
        "Agreed with the landlord on %(date)s (version %(number)d).",
        date=long_date(version.agreed_on),
        number=version.number,
    )


def _item_line(item) -> str:
    line = f"{item.title} ({item.right_label}; {item.initiative_label})"
    return f"{line}. {item.note}" if item.note else line


def agenda_pdf(organisation, version: AgreedVersion) -> bytes:
    """The agreed version as an A4 PDF: per quarter, the months inside, and its fingerprint."""
    pdf = LetterPDF(font_path())
    pdf.add_page()
    if organisation.logo:
        pdf.image(io.BytesIO(organisation.logo), h=16)
        pdf.ln(2)
    pdf.block(organisation.name, 15, "B", 4)
    pdf.block(_("Year agenda %(year)d", year=version.plan.year), 13, "B", 2)
    pdf.block(_agreed_line(version), gap=4)
    for group in by_quarter(as_items(version)):
        if group.empty:
            continue
        pdf.block(quarter_name(group.quarter), 12, "B")
        for item in group.undated:
            pdf.block("- " + _item_line(item), gap=1)
        for month, items in group.months.items():
            pdf.block(month_name(month).capitalize(), 11, "B", 1)
            for item in items:
                pdf.block("- " + _item_line(item), gap=1)
        pdf.ln(2)
    pdf.block(f"SHA-256 {version.content_hash}", 8, gap=0)
    return bytes(pdf.output())


def _notes(entry) -> list[str]:
    notes = [str(RIGHT_LABELS[entry.right])]
    if entry.quarter_only:
        notes.append(_("Planned in this quarter; the month is not known yet."))
    return notes + [entry.note] if entry.note else notes


def agenda_ics(organisation, version: AgreedVersion) -> str:
    """The agreed version as an iCalendar: each item on the first day of its month (or
    quarter), linking to the public jaaragenda."""
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "localhost"
    link = external_url("jaaragenda.page", slug=organisation.slug, jaar=version.plan.year)
    events = [
        calendar.AllDayEvent(
            uid=f"jaaragenda-{organisation.id}-{entry.item_id}@{host}",
            day=entry.on,
            summary=entry.title,
            description="\n".join([*_notes(entry), link]),
            url=link,
        )
        for entry in dated_entries(as_items(version))
    ]
    name = _("Year agenda of %(organisation)s", organisation=organisation.name)
    return calendar.calendar(name, events, utcnow(), PRODID)
