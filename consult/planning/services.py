"""Participatiekalender rules: items and their period, copying a year, the built-in recurring
items, and the plan grouped by quarter and month or as dated entries."""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from consult.agreements.models import AdviceRight
from consult.core.errors import DomainError
from consult.extensions import db
from consult.planning.models import FIRST_YEAR, LAST_YEAR, Initiative, PlanItem
from consult.planning.suggestions import SUGGESTIONS
from consult.themes.models import THEME_LINKS, YearTheme


@dataclass
class PlanDetails:
    """What the board enters about a plan item: a month or else a quarter, a topic of the
    kruisjeslijst or else an own theme."""

    year: int
    month: int | None = None
    quarter: int | None = None
    topic: object | None = None
    theme: str = ""
    #: Used for an own theme; a topic brings its own right.
    right: AdviceRight = AdviceRight.ADVICE
    initiative: Initiative = Initiative.LANDLORD
    note: str = ""
    dossier: object | None = None
    consultation: object | None = None


def quarter_of(month: int) -> int:
    return (month + 2) // 3


def items_of(organisation, year: int) -> list[PlanItem]:
    """The year's items by quarter, an item without a month first in its quarter."""
    return db.session.scalars(
        select(PlanItem)
        .where(PlanItem.organisation_id == organisation.id, PlanItem.year == year)
        .order_by(PlanItem.quarter, PlanItem.month.asc().nulls_first(), PlanItem.id)
        .options(selectinload(PlanItem.dossier), selectinload(PlanItem.consultation))
    ).all()


def years_of(organisation) -> list[int]:
    """The years that have a plan, earliest first."""
    return db.session.scalars(
        select(PlanItem.year)
        .where(PlanItem.organisation_id == organisation.id)
        .distinct()
        .order_by(PlanItem.year)
    ).all()


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("Enter a year from %(first)d to %(last)d.", first=FIRST_YEAR, last=LAST_YEAR)
        )


def _period(details: PlanDetails) -> tuple[int, int | None]:
    """The quarter and month to store: a month gives its quarter."""
    if details.month is not None and details.quarter is not None:
        raise DomainError(_("Choose a month or a quarter, not both."))
    if details.month is not None:
        if not 1 <= details.month <= 12:
            raise DomainError(_("Choose a month from January to December."))
        return quarter_of(details.month), details.month
    if details.quarter is None:
        raise DomainError(_("Choose a month, or a quarter when the month is not known yet."))
    if not 1 <= details.quarter <= 4:
        raise DomainError(_("Choose a quarter from 1 to 4."))
    return details.quarter, None


def _subject(organisation, details: PlanDetails) -> tuple[str, AdviceRight]:
    """The title and right to store: the topic's, or the own theme with the chosen right."""
    theme = details.theme.strip()
    if details.topic is not None and theme:
        raise DomainError(
            _("Choose a topic of the kruisjeslijst or type your own theme, not both.")
        )
    if details.topic is None:
        if not theme:
            raise DomainError(_("Choose a topic of the kruisjeslijst or type your own theme."))
        return theme, details.right
    if details.topic.organisation_id != organisation.id:
        raise DomainError(_("Choose a topic from your own kruisjeslijst."))
    return details.topic.title, AdviceRight(details.topic.right)


def _check_links(organisation, details: PlanDetails) -> None:
    if details.dossier is not None and details.dossier.organisation_id != organisation.id:
        raise DomainError(_("This dossier belongs to another organisation."))
    if details.consultation is not None and details.consultation.organisation_id != organisation.id:
        raise DomainError(_("This consultation belongs to another organisation."))


def _apply(item: PlanItem, organisation, details: PlanDetails) -> None:
    """Check the details and copy them onto the item.

    :raises DomainError: for a year out of range, a month and a quarter both (or neither), a
        month or quarter that does not exist, a topic and an own theme both (or neither), or a
        topic, dossier or consultation of another organisation.
    """
    _check_year(details.year)
    quarter, month = _period(details)
    title, right = _subject(organisation, details)
    _check_links(organisation, details)
    item.year, item.quarter, item.month = details.year, quarter, month
    item.topic, item.title, item.right = details.topic, title, right
    item.initiative, item.note = details.initiative, details.note.strip()
    item.dossier, item.consultation = details.dossier, details.consultation


def add_item(organisation, details: PlanDetails, actor=None) -> PlanItem:
    """A new item in the year plan.

    :raises DomainError: see ``_apply``.
    """
    item = PlanItem(organisation_id=organisation.id)
    _apply(item, organisation, details)
    db.session.add(item)
    db.session.flush()
    current_app.logger.info("%s added by %s", item, actor)
    return item


def update_item(item: PlanItem, details: PlanDetails, actor=None) -> None:
    """Change an item, its period, subject or links.

    :raises DomainError: see ``_apply``.
    """
    _apply(item, item.organisation, details)
    current_app.logger.info("%s changed by %s", item, actor)


def remove_item(item: PlanItem, actor=None) -> None:
    db.session.delete(item)
    current_app.logger.info("%s removed by %s", item, actor)


def copy_to_next_year(organisation, year: int, actor=None) -> int:
    """Copy the year's items to the next year, without their dossier or consultation; an
    item already copied is left out, so copying twice adds nothing. The number copied.

    :raises DomainError: when the year has nothing to copy or the next is out of range.
    """
    _check_year(year + 1)
    items = items_of(organisation, year)
    if not items:
        raise DomainError(
            _("Nothing is planned in %(year)d, so there is nothing to copy.", year=year)
        )
    already = set(
        db.session.scalars(
            select(PlanItem.copied_from_id).where(
                PlanItem.organisation_id == organisation.id,
                PlanItem.copied_from_id.in_([item.id for item in items]),
            )
        )
    )
    copies = [
        PlanItem(
            organisation_id=organisation.id,
            year=year + 1,
            quarter=item.quarter,
            month=item.month,
            topic_id=item.topic_id,
            title=item.title,
            right=item.right,
            initiative=item.initiative,
            note=item.note,
            copied_from_id=item.id,
        )
        for item in items
        if item.id not in already
    ]
    try:
        with db.session.begin_nested():
            db.session.add_all(copies)
    except IntegrityError as error:
        raise DomainError(_("Someone copied this plan at the same moment; look again.")) from error
    current_app.logger.info("%d plan items of %d copied by %s", len(copies), year, actor)
    return len(copies)


def add_suggestions(organisation, year: int, actor=None) -> int:
    """Add the built-in recurring items to the year, each unless its title is already there.
    The number added.

    :raises DomainError: for a year out of range.
    """
    _check_year(year)
    present = {
        title.casefold()
        for title in db.session.scalars(
            select(PlanItem.title).where(
                PlanItem.organisation_id == organisation.id, PlanItem.year == year
            )
        )
    }
    added = [
        add_item(
            organisation,
            PlanDetails(
                year,
                month=suggestion.month,
                quarter=suggestion.quarter,
                theme=suggestion.title,
                right=suggestion.right,
                initiative=suggestion.initiative,
                note=suggestion.note,
            ),
            actor,
        )
        for suggestion in SUGGESTIONS
        if suggestion.title.casefold() not in present
    ]
    return len(added)


@dataclass
class QuarterGroup:
    """One quarter of the list: items whose month is not known yet, then per month."""

    quarter: int
    undated: list = field(default_factory=list)
    months: dict[int, list] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.undated and not self.months


def by_quarter(items) -> list[QuarterGroup]:
    """All four quarters with their items, months in order inside; items come sorted."""
    groups = [QuarterGroup(quarter) for quarter in range(1, 5)]
    for item in items:
        group = groups[item.quarter - 1]
        if item.month is None:
            group.undated.append(item)
        else:
            group.months.setdefault(item.month, []).append(item)
    return groups


@dataclass
class MonthCell:
    """One month of the calendar; its quarter's undated items sit in the quarter's first."""

    month: int
    quarter_items: list
    items: list

    @property
    def quarter(self) -> int:
        return quarter_of(self.month)


@dataclass
class ThemeGroup:
    """The year's items carrying one theme; ``theme`` is None for the items without one."""

    theme: object | None
    items: list = field(default_factory=list)


def by_theme(items) -> list[ThemeGroup]:
    """The items (sorted, from ``items_of``) per year theme, themes by title, the items
    without a theme last under their own heading; which item carries which theme is one
    query on the link table."""
    link = THEME_LINKS["plan_item"]
    rows = db.session.execute(
        select(link.c.plan_item_id, YearTheme)
        .join(YearTheme, YearTheme.id == link.c.theme_id)
        .where(link.c.plan_item_id.in_([item.id for item in items]))
    ).all()
    theme_of = {item_id: theme for item_id, theme in rows}
    themes = sorted(set(theme_of.values()), key=lambda theme: (theme.title.casefold(), theme.id))
    groups = {theme.id: ThemeGroup(theme) for theme in themes}
    without = ThemeGroup(None)
    for item in items:
        theme = theme_of.get(item.id)
        (groups[theme.id] if theme else without).items.append(item)
    return [*groups.values(), *([without] if without.items else [])]


def calendar_months(items) -> list[MonthCell]:
    """The twelve months of the calendar view with their items."""
    groups = by_quarter(items)
    return [
        MonthCell(
            month,
            groups[quarter_of(month) - 1].undated if month % 3 == 1 else [],
            groups[quarter_of(month) - 1].months.get(month, []),
        )
        for month in range(1, 13)
    ]


@dataclass(frozen=True)
class DatedEntry:
    """A plan item as a day in a calendar."""

    #: The first day of the item's month, or of its quarter while the month is not known.
    on: date
    title: str
    right: AdviceRight
    initiative: Initiative
    note: str
    #: Only the quarter is known: ``on`` is the quarter's first day, not a real date.
    quarter_only: bool
    item_id: int


def dated_entries(items) -> list[DatedEntry]:
    """The plan items (of a year, from ``items_of``) as dated entries in date order.

    A pure function, so that the ICS feed of the dossier deadlines
    (consult/dossiers/calendar.py) can include the participatiekalender without a query of
    its own.
    """
    entries = [
        DatedEntry(
            on=date(item.year, item.month or 3 * item.quarter - 2, 1),
            title=item.title,
            right=AdviceRight(item.right),
            initiative=Initiative(item.initiative),
            note=item.note,
            quarter_only=item.month is None,
            item_id=item.id,
        )
        for item in items
    ]
    return sorted(entries, key=lambda entry: (entry.on, not entry.quarter_only, entry.item_id))
