"""Year-theme rules: the themes of a year, what carries each, and the year grouped by theme."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from consult.core.errors import DomainError
from consult.dossiers.models import Dossier
from consult.extensions import db
from consult.meetings.models.meetings import Meeting
from consult.planning.models import PlanItem
from consult.surveys.models.consultations import Consultation
from consult.themes.models import THEME_LINKS, YearTheme
from consult.workgroups.models import WorkingGroup

#: What can carry a theme: its model, and its name on the page.
CARRIERS = {
    "dossier": (Dossier, _l("Dossiers")),
    "consultation": (Consultation, _l("Consultations")),
    "meeting": (Meeting, _l("Meetings")),
    "plan_item": (PlanItem, _l("Participatiekalender")),
    "working_group": (WorkingGroup, _l("Working groups")),
}


def themes_of(organisation, year: int) -> list[YearTheme]:
    return db.session.scalars(
        select(YearTheme)
        .where(YearTheme.organisation_id == organisation.id, YearTheme.year == year)
        .order_by(YearTheme.title)
    ).all()


def add_theme(organisation, year: int, title: str, goals: str = "", actor=None) -> YearTheme:
    """A new theme of the year.

    :raises DomainError: for a year out of range, an empty title, or a title the year has.
    """
    if not 2000 <= year <= 2100:
        raise DomainError(_("Enter a year from %(first)d to %(last)d.", first=2000, last=2100))
    if not title.strip():
        raise DomainError(_("Give the theme a title."))
    theme = YearTheme(
        organisation_id=organisation.id, year=year, title=title.strip(), goals=goals.strip()
    )
    try:
        with db.session.begin_nested():
            db.session.add(theme)
    except IntegrityError as error:
        raise DomainError(_("This year already has a theme with this title.")) from error
    current_app.logger.info("%s added by %s", theme, actor)
    return theme


def carry(theme: YearTheme, kind: str, thing, actor=None) -> None:
    """Let ``thing`` (a dossier, consultation, meeting, plan item or working group) carry the
    theme, instead of any theme it carried before.

    :raises DomainError: for a thing of another organisation.
    """
    if thing.organisation_id != theme.organisation_id:
        raise DomainError(_("Link only to what belongs to your own organisation."))
    table = THEME_LINKS[kind]
    key = table.c[f"{kind}_id"]
    db.session.execute(delete(table).where(key == thing.id))
    db.session.execute(insert(table).values({key.name: thing.id, "theme_id": theme.id}))
    current_app.logger.info("%s now carries %s, says %s", thing, theme, actor)


def carried(themes: list[YearTheme]) -> dict[int, dict[str, list]]:
    """Per theme, per kind, what carries it: the year grouped by theme."""
    found = {theme.id: {kind: [] for kind in CARRIERS} for theme in themes}
    for kind, (model, _label) in CARRIERS.items():
        table = THEME_LINKS[kind]
        rows = db.session.execute(
            select(table.c.theme_id, model)
            .join(model, model.id == table.c[f"{kind}_id"])
            .where(table.c.theme_id.in_(list(found)))
            .order_by(model.id)
        )
        for theme_id, thing in rows:
            found[theme_id][kind].append(thing)
    return found


def label_of(kind: str, thing) -> str:
    """How a thing is named in a list of choices and on the theme page."""
    if kind == "dossier":
        return f"{thing.code} {thing.title}"
    if kind == "working_group":
        return thing.name
    return thing.title
