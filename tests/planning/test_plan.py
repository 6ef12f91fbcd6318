"""The participatiekalender's rules: periods, subjects, links, status, copying a year, the
built-in suggestions and the plan as dated entries."""

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from consult.agreements import services as agreements
from consult.agreements.models import AdviceRight
from consult.core.errors import DomainError
from consult.dossiers import services as dossiers
from consult.dossiers.models import Phase
from consult.extensions import db
from consult.planning import services
from consult.planning.models import Initiative, PlanItem, PlanStatus
from tests import factories


@pytest.fixture(autouse=True)
def english(ctx):
    """Messages in English, whatever the Dutch catalog says."""
    with force_locale("en"):
        yield


def _count() -> int:
    return db.session.scalar(select(func.count(PlanItem.id)))


def test_items_sort_by_quarter_with_the_undated_first(ctx):
    """Does "some time in Q2" come after February and before April and May?"""
    org = factories.organisation()
    factories.plan_item(org, "Mei", month=5)
    factories.plan_item(org, "Ergens in Q2", month=None, quarter=2)
    factories.plan_item(org, "April", month=4)
    factories.plan_item(org, "Februari", month=2)
    factories.plan_item(org, "Volgend jaar", year=2027, month=1)
    items = services.items_of(org, 2026)
    assert [item.title for item in items] == ["Februari", "Ergens in Q2", "April", "Mei"]
    assert [item.quarter for item in items] == [1, 2, 2, 2]


@pytest.mark.parametrize(
    ("month", "quarter", "message"),
    [
        (13, None, "Choose a month from January to December."),
        (0, None, "Choose a month from January to December."),
        (None, 5, "Choose a quarter from 1 to 4."),
        (3, 1, "Choose a month or a quarter, not both."),
        (None, None, "Choose a month, or a quarter when the month is not known yet."),
    ],
)
def test_a_period_that_does_not_exist_is_refused(ctx, month, quarter, message):
    """Are month 13, quarter 5, a month and a quarter both, or neither refused?"""
    org = factories.organisation()
    with pytest.raises(DomainError, match=message):
        factories.plan_item(org, month=month, quarter=quarter)
    assert _count() == 0


def test_a_year_outside_the_range_is_refused(ctx):
    """Is a typing error such as the year 20026 refused?"""
    with pytest.raises(DomainError, match="Enter a year from 2000 to 2100."):
        factories.plan_item(factories.organisation(), year=20026)


@pytest.fixture
def kruisjeslijst(ctx):
    """An organisation with the template kruisjeslijst; its service-cost topic (consent)."""
    org = factories.organisation()
    version = agreements.start_from_template(org, date(2026, 1, 15))
    topic = next(t for t in version.topics if t.title == "Beleid ten aanzien van servicekosten")
    return org, topic


def test_a_topic_sets_the_title_and_the_right(kruisjeslijst):
    """Does a topic of the kruisjeslijst give the item its title and consent right?"""
    org, topic = kruisjeslijst
    item = services.add_item(
        org, services.PlanDetails(2026, month=9, topic=topic, right=AdviceRight.INFORMATION)
    )
    assert (item.title, item.right) == (topic.title, AdviceRight.CONSENT)


def test_the_right_stays_when_the_topic_is_gone(kruisjeslijst):
    """When the kruisjeslijst version is gone, does the item keep its title and right?"""
    org, topic = kruisjeslijst
    item = services.add_item(org, services.PlanDetails(2026, month=9, topic=topic))
    db.session.delete(topic.version)
    db.session.flush()
    db.session.expire_all()
    item = db.session.get(PlanItem, item.id)
    assert item.topic_id is None
    assert (item.title, item.right) == ("Beleid ten aanzien van servicekosten", "consent")


@pytest.mark.parametrize(
    ("topic", "theme", "message"),
    [
        (True, "Jaarthema leefbaarheid", "not both"),
        (False, "   ", "Choose a topic of the kruisjeslijst or type your own theme."),
    ],
)
def test_a_topic_and_an_own_theme_both_or_neither_is_refused(kruisjeslijst, topic, theme, message):
    """Must the board choose a topic or type a theme, one of the two?"""
    org, service_costs = kruisjeslijst
    details = services.PlanDetails(
        2026, month=9, topic=service_costs if topic else None, theme=theme
    )
    with pytest.raises(DomainError, match=message):
        services.add_item(org, details)


def test_a_topic_of_another_organisation_is_refused(kruisjeslijst):
    """Is a topic from another organisation's kruisjeslijst refused?"""
    _org, topic = kruisjeslijst
    with pytest.raises(DomainError, match="your own kruisjeslijst"):
        services.add_item(
            factories.organisation(), services.PlanDetails(2026, month=9, topic=topic)
        )


@pytest.mark.parametrize("link", ["dossier", "consultation"])
def test_a_dossier_or_consultation_of_another_organisation_is_refused(ctx, link):
    """Is linking another organisation's dossier or consultation refused, the item unchanged?"""
    org, other = factories.organisation(), factories.organisation()
    item = factories.plan_item(org)
    db.session.commit()
    foreign = factories.dossier(other) if link == "dossier" else factories.consultation(other)
    details = services.PlanDetails(2026, month=4, theme="Anders", **{link: foreign})
    with pytest.raises(DomainError, match="belongs to another organisation"):
        services.update_item(item, details)
    db.session.rollback()
    item = db.session.get(PlanItem, item.id)
    assert (item.month, item.title, item.dossier_id, item.consultation_id) == (
        3,
        "Huurbeleid",
        None,
        None,
    )


def test_the_status_follows_the_linked_dossier_and_consultation(ctx):
    """Is an item planned, started once linked, and done when its dossier is closed?"""
    org = factories.organisation()
    item = factories.plan_item(org)
    assert item.status == PlanStatus.PLANNED
    item.consultation = factories.consultation(org)
    assert item.status == PlanStatus.STARTED
    item.dossier = factories.dossier(org)
    assert item.status == PlanStatus.STARTED
    dossiers.move(item.dossier, Phase.WITHDRAWN)
    assert item.status == PlanStatus.DONE
    closed = factories.dossier(org)
    dossiers.move(closed, Phase.CLOSED)
    only_dossier = factories.plan_item(org, "Ander", dossier=closed)
    assert only_dossier.status == PlanStatus.DONE


@pytest.fixture
def plan_2026(ctx):
    """A plan with a linked, an undated and a landlord's item in 2026."""
    org = factories.organisation()
    factories.plan_item(
        org,
        "Huurverhoging",
        month=3,
        dossier=factories.dossier(org),
        consultation=factories.consultation(org),
    )
    factories.plan_item(org, "Jaarthema wonen en zorg", month=None, quarter=3)
    factories.plan_item(org, "Evaluatie", month=11, initiative=Initiative.ORGANISATION)
    return org


def test_copying_a_year_leaves_the_links_behind(plan_2026):
    """Are the items copied to next year with their period and right, but no links?"""
    assert services.copy_to_next_year(plan_2026, 2026) == 3
    copies = services.items_of(plan_2026, 2027)
    assert [(c.title, c.quarter, c.month, c.right) for c in copies] == [
        ("Huurverhoging", 1, 3, "advice"),
        ("Jaarthema wonen en zorg", 3, None, "advice"),
        ("Evaluatie", 4, 11, "advice"),
    ]
    assert copies[2].initiative == Initiative.ORGANISATION
    assert all(c.dossier_id is None and c.consultation_id is None for c in copies)
    assert all(c.status == PlanStatus.PLANNED for c in copies)


def test_copying_twice_does_not_double(plan_2026):
    """After copying, moving a copy and copying again: still three items in 2027?"""
    services.copy_to_next_year(plan_2026, 2026)
    services.items_of(plan_2026, 2027)[0].month = 2
    assert services.copy_to_next_year(plan_2026, 2026) == 0
    assert len(services.items_of(plan_2026, 2027)) == 3


def test_an_empty_year_cannot_be_copied(ctx):
    """Does copying a year without a plan say there is nothing to copy?"""
    with pytest.raises(DomainError, match="nothing to copy"):
        services.copy_to_next_year(factories.organisation(), 2026)


def test_the_suggestions_start_a_year_once(ctx):
    """Do the recurring topics land in their months, and not twice?"""
    org = factories.organisation()
    assert services.add_suggestions(org, 2027) == 4
    assert services.add_suggestions(org, 2027) == 0
    items = services.items_of(org, 2027)
    assert [(i.month, i.quarter, i.title) for i in items] == [
        (None, 1, "Jaarlijkse huuraanpassing"),
        (6, 2, "Prestatieafspraken: het bod van de corporatie"),
        (None, 4, "Jaarlijkse evaluatie van de samenwerking"),
        (12, 4, "Prestatieafspraken ondertekenen"),
    ]
    assert "vóór 1 juli" in items[1].note and "vóór 15 december" in items[3].note


def test_the_plan_is_grouped_by_quarter_and_month(plan_2026):
    """Are all four quarters there, undated items apart from the months?"""
    groups = services.by_quarter(services.items_of(plan_2026, 2026))
    assert [g.quarter for g in groups] == [1, 2, 3, 4]
    assert [list(g.months) for g in groups] == [[3], [], [], [11]]
    assert groups[1].empty and [i.title for i in groups[2].undated] == ["Jaarthema wonen en zorg"]
    months = services.calendar_months(services.items_of(plan_2026, 2026))
    assert len(months) == 12
    assert [i.title for i in months[6].quarter_items] == ["Jaarthema wonen en zorg"]
    assert not months[7].quarter_items and [i.title for i in months[2].items] == ["Huurverhoging"]


def test_the_plan_as_dated_entries(plan_2026):
    """Is each item dated on the first day of its month, or else of its quarter?"""
    entries = services.dated_entries(reversed(services.items_of(plan_2026, 2026)))
    assert [(e.on, e.title, e.quarter_only) for e in entries] == [
        (date(2026, 3, 1), "Huurverhoging", False),
        (date(2026, 7, 1), "Jaarthema wonen en zorg", True),
        (date(2026, 11, 1), "Evaluatie", False),
    ]
    assert entries[0].right == AdviceRight.ADVICE and entries[2].initiative == "organisation"


def test_removing_an_item_keeps_its_dossier(plan_2026):
    """Does taking an item off the plan leave the dossier it was linked to?"""
    item = services.items_of(plan_2026, 2026)[0]
    dossier_id = item.dossier_id
    services.remove_item(item)
    db.session.flush()
    assert len(services.items_of(plan_2026, 2026)) == 2
    assert dossiers.dossiers_of(plan_2026)[0].id == dossier_id
