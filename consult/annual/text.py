"""The annual report's figures as sections of sentences in the reader's language: written once
here, shown on the pages and in the PDF alike."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.agreements.models import RIGHT_LABELS
from consult.dossiers.models import REPLY_OUTCOME_LABELS
from consult.meetings.models.meetings import KIND_LABELS

#: The consent decisions as the report counts them.
CONSENT_LABELS = {
    "given": _l("Consent given"),
    "conditional": _l("Consent given under conditions"),
    "withheld": _l("Consent withheld"),
}


@dataclass
class Section:
    title: str
    lines: list[str]


def _consultation(row: dict) -> str:
    if row["responses"] is None:
        told = _("fewer than %(num)d responses", num=row["fewer_than"])
    else:
        told = _(
            "%(responses)d responses of %(invited)d invited",
            responses=row["responses"],
            invited=row["invited"],
        )
    return f"{row['title']}: {told}. {_used(row.get('used_in', []))}"


def _outcome(key: str | None) -> str:
    if key is None:
        return _("no answer yet")
    return str(CONSENT_LABELS.get(key) or REPLY_OUTCOME_LABELS.get(key, key))


def _used(dossiers: list[dict]) -> str:
    """How a consultation's results were used: the dossiers they went into, and the outcome."""
    if not dossiers:
        return _("Not used in a dossier.")
    used = "; ".join(
        f"{' '.join(filter(None, (d['code'], d['title'])))} ({_outcome(d['outcome'])})"
        for d in dossiers
    )
    return _("Used in: %(dossiers)s", dossiers=used)


def _percent(value) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _panel(figures: dict) -> list[str]:
    lines = [_("Panel members: %(num)d", num=figures["panel_members"])]
    for name, (start, end) in figures.get("representativeness", {}).items():
        if start is not None or end is not None:
            lines.append(
                _(
                    "Like the tenants by %(dimension)s: %(start)s early in the year, %(end)s at "
                    "its end",
                    dimension=name,
                    start=_percent(start),
                    end=_percent(end),
                )
            )
    return lines


def _dossiers(figures: dict) -> list[str]:
    lines = [_("Opened: %(num)d", num=figures["opened"])]
    lines += [f"{RIGHT_LABELS.get(r, r)}: {n}" for r, n in figures["by_right"].items()]
    lines += [f"{REPLY_OUTCOME_LABELS.get(o, o)}: {n}" for o, n in figures["by_outcome"].items()]
    lines += [f"{CONSENT_LABELS.get(d, d)}: {n}" for d, n in figures.get("consent", {}).items()]
    lines.append(
        _(
            "Landlord's written replies on time: %(on_time)d, late: %(late)d",
            on_time=figures["replies_on_time"],
            late=figures["replies_late"],
        )
    )
    return lines


def sections(figures: dict) -> list[Section]:
    """The figures of an annual report as titled sections of sentences."""
    meetings = figures["meetings"]
    plan = figures["plan"]
    found = [
        Section(_("Panel"), _panel(figures)),
        Section(
            _("Consultations"),
            [_consultation(row) for row in figures["consultations"]] or [_("None this year.")],
        ),
        Section(_("Dossiers"), _dossiers(figures["dossiers"])),
        Section(
            _("Meetings"),
            [
                _(
                    "Held: %(num)d, with %(decisions)d decisions",
                    num=meetings["held"],
                    decisions=meetings["decisions"],
                )
            ]
            + [f"{KIND_LABELS.get(k, k)}: {n}" for k, n in meetings["by_kind"].items()],
        ),
        Section(
            _("Working groups"),
            [
                f"{w['name']}: "
                + _("%(met)d of %(goals)d goals met", met=w["met"], goals=w["goals"])
                for w in figures["working_groups"]
            ],
        ),
        Section(_("Year themes"), list(figures["themes"])),
        Section(
            _("Participatiekalender"),
            [
                _(
                    "Planned: %(planned)d, started: %(started)d, done: %(done)d",
                    planned=plan["planned"],
                    started=plan["started"],
                    done=plan["done"],
                )
            ],
        ),
    ]
    return [section for section in found if section.lines]
