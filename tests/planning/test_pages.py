"""The participatiekalender pages: the list and the calendar of a year, the item form,
copying, and who may see and change what."""

import re

import pytest
from sqlalchemy import select

from consult.core.clock import today
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.planning.models import PlanItem
from tests import factories
from tests.conftest import login


def _items(app, org_id) -> list[tuple]:
    with app.app_context():
        return db.session.execute(
            select(PlanItem.year, PlanItem.quarter, PlanItem.month, PlanItem.title)
            .where(PlanItem.organisation_id == org_id)
            .order_by(PlanItem.id)
        ).all()


def _add(app, org_id, title, **details) -> int:
    with app.app_context():
        item = factories.plan_item(db.session.get(Organisation, org_id), title, **details)
        db.session.commit()
        return item.id


def _form(**fields) -> dict:
    return {
        "year": "2026",
        "month": "",
        "quarter": "",
        "right": "advice",
        "initiative": "landlord",
    } | fields


@pytest.fixture
def board(client, world):
    login(client, world.a.board)
    client.get("/?lang=en")
    return f"/o/{world.a.slug}/participatiekalender"


def test_board_adds_an_item_and_finds_it_under_its_month(app, client, world, board):
    """Can the board add an own theme for March and see it in the first quarter?"""
    response = client.post(
        f"{board}/2026/new",
        data=_form(month="3", theme="Jaarthema betaalbaar wonen", note="Werkgroep start"),
    )
    assert response.headers["Location"].endswith("/participatiekalender/2026")
    page = client.get(f"{board}/2026").text
    first_quarter = page[page.index("Quarter 1") : page.index("Quarter 2")]
    assert "March" in first_quarter and "Jaarthema betaalbaar wonen" in first_quarter
    assert "Werkgroep start" in first_quarter and "planned" in first_quarter
    assert _items(app, world.a.id) == [(2026, 1, 3, "Jaarthema betaalbaar wonen")]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"month": "13"}, "Not a valid choice"),
        ({"month": "3", "quarter": "1"}, "Choose a month or a quarter, not both."),
        ({}, "Choose a month, or a quarter when the month is not known yet."),
    ],
)
def test_a_wrong_period_is_refused_and_nothing_is_lost(app, client, world, board, fields, message):
    """Month 13, or a month and a quarter both: a clear message, the typed theme kept?"""
    response = client.post(f"{board}/2026/new", data=_form(theme="Werkgroep overlast", **fields))
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Werkgroep overlast"' in response.text
    assert _items(app, world.a.id) == []


def test_a_topic_of_the_kruisjeslijst_sets_the_right(app, client, world, board):
    """Does choosing the service-cost topic give the item the consent right?"""
    client.post(f"/o/{world.a.slug}/kruisjeslijst/start", data={"agreed_on": "2026-01-15"})
    page = client.get(f"{board}/2026/new").text
    topic_id = re.search(r'<option value="(\d+)">Beleid ten aanzien van servicekosten', page)[1]
    client.post(f"{board}/2026/new", data=_form(quarter="2", topic_choice=topic_id))
    page = client.get(f"{board}/2026").text
    assert "Beleid ten aanzien van servicekosten" in page and "Consent right" in page


def test_linking_another_organisations_dossier_is_refused(app, client, world, board):
    """Is a dossier of organisation B refused on A's item, and the item left as it was?"""
    item_id = _add(app, world.a.id, "Huurbeleid")
    response = client.post(
        f"{board}/items/{item_id}/edit",
        data=_form(month="4", theme="Huurbeleid", dossier_choice=str(world.b.dossier_id)),
    )
    assert response.status_code == 200 and "Not a valid choice" in response.text
    with app.app_context():
        item = db.session.get(PlanItem, item_id)
        assert (item.month, item.dossier_id) == (3, None)


def test_linking_our_dossier_starts_the_item(app, client, world, board):
    """After linking the organisation's dossier, does the list say started and link to it?"""
    item_id = _add(app, world.a.id, "Huurbeleid")
    form = client.get(f"{board}/items/{item_id}/edit").text
    assert 'value="Huurbeleid"' in form and '<option selected value="3">' in form
    client.post(
        f"{board}/items/{item_id}/edit",
        data=_form(month="3", theme="Huurbeleid", dossier_choice=str(world.a.dossier_id)),
    )
    page = client.get(f"{board}/2026").text
    assert "started" in page and f"/dossiers/{world.a.dossier_id}" in page


def test_board_removes_an_item(app, client, world, board):
    """Can the board take an item off the plan?"""
    item_id = _add(app, world.a.id, "Huurbeleid")
    response = client.post(f"{board}/items/{item_id}/remove", follow_redirects=True)
    assert "“Huurbeleid” was removed from the plan." in response.text
    assert _items(app, world.a.id) == []


def test_the_list_groups_by_quarter_with_months_in_order(app, client, world, board):
    """Are the items under their quarter, the month not yet known first, months in order?"""
    _add(app, world.a.id, "Juni-item", month=6)
    _add(app, world.a.id, "Q2-item", month=None, quarter=2)
    _add(app, world.a.id, "April-item", month=4)
    page = client.get(f"{board}/2026").text
    order = [page.index(text) for text in ("Quarter 2", "Month not known yet", "Q2-item")]
    order += [
        page.index(text) for text in ("<h3>April</h3>", "April-item", "<h3>June</h3>", "Juni-item")
    ]
    assert order == sorted(order)
    first_quarter = page[page.index("Quarter 1") : page.index("Quarter 2")]
    assert "Nothing planned." in first_quarter


def test_the_calendar_shows_twelve_months(app, client, world, board):
    """Does the calendar show every month, an undated item in its quarter's first month?"""
    _add(app, world.a.id, "Q3-thema", month=None, quarter=3)
    _add(app, world.a.id, "September-item", month=9)
    page = client.get(f"{board}/2026/calendar").text
    months = re.findall(r'<li class="calendar-month">\s*<h2>(\w+)</h2>', page)
    assert months[0] == "January" and months[-1] == "December" and len(months) == 12
    july = page[page.index("<h2>July</h2>") : page.index("<h2>August</h2>")]
    assert "Quarter 3, month not known yet:" in july and "Q3-thema" in july
    assert "September-item" in page[page.index("<h2>September</h2>") :]


def test_the_years_can_be_walked_through(app, client, world, board):
    """Does the plan open on this year, with links to the years around it and no others?"""
    _add(app, world.a.id, "Oud", year=2020)
    year = today().year
    page = client.get(f"{board}/").text
    assert f"Participation calendar {year}" in page
    assert f'href="{board}/{year - 1}"' in page and f'href="{board}/{year + 1}"' in page
    assert f'href="{board}/2020"' in page
    calendar = client.get(f"{board}/2020/calendar").text
    assert f'href="{board}/2021/calendar"' in calendar
    assert client.get(f"{board}/1999").status_code == 404


def test_copying_last_years_plan(app, client, world, board):
    """Does the button copy 2026 into 2027 without the links, and twice only once?"""
    _add(app, world.a.id, "Huurverhoging")
    with app.app_context():
        item = db.session.scalar(select(PlanItem).where(PlanItem.organisation_id == world.a.id))
        item.dossier_id = world.a.dossier_id
        db.session.commit()
    response = client.post(f"{board}/2026/copy", follow_redirects=True)
    assert "1 item was copied to 2027." in response.text
    assert "Participation calendar 2027" in response.text
    again = client.post(f"{board}/2026/copy", follow_redirects=True)
    assert "Every item of 2026 is already in 2027." in again.text
    assert _items(app, world.a.id) == [(2026, 1, 3, "Huurverhoging"), (2027, 1, 3, "Huurverhoging")]
    with app.app_context():
        copy = db.session.scalar(select(PlanItem).where(PlanItem.year == 2027))
        assert copy.dossier_id is None
    assert "Copy the plan of 2027" in client.get(f"{board}/2028").text


def test_an_empty_year_offers_the_suggestions(app, client, world, board):
    """Does an empty year offer the recurring topics, and add them with one button?"""
    page = client.get(f"{board}/2030").text
    assert "Suggestion: start with the topics of every year" in page
    assert "Prestatieafspraken ondertekenen" in page
    client.post(f"{board}/2030/suggestions")
    page = client.get(f"{board}/2030").text
    assert "Suggestion:" not in page and page.count('class="plan-item"') == 4


def test_a_viewer_reads_the_plan_without_edit_controls(app, client, world):
    """Does a viewer see the plan but no button to add, copy or change?"""
    _add(app, world.a.id, "Huurbeleid")
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/participatiekalender/2026?lang=en").text
    assert "Huurbeleid" in page
    assert "Add to the plan" not in page and "/copy" not in page and "/edit" not in page


def test_another_organisations_board_gets_404_on_our_items(app, client, world):
    """Can B's board neither open, change nor remove A's item, even through its own URL?"""
    item_id = _add(app, world.a.id, "Huurbeleid")
    login(client, world.b.board)
    base = f"/o/{world.b.slug}/participatiekalender/items/{item_id}"
    assert client.get(f"{base}/edit").status_code == 404
    assert client.post(f"{base}/edit", data=_form(month="5", theme="Weg")).status_code == 404
    assert client.post(f"{base}/remove").status_code == 404
    assert _items(app, world.a.id) == [(2026, 1, 3, "Huurbeleid")]


def test_the_dossiers_page_and_overview_link_to_the_plan(client, world, board):
    """Can the board find the participatiekalender from the dossiers and the start page?"""
    for page in (f"/o/{world.a.slug}/dossiers/", f"/o/{world.a.slug}/"):
        assert f'href="{board}/"' in client.get(page).text


def test_the_year_view_groups_the_items_by_year_theme(app, client, world, board):
    """Does the year view show each item under its year theme, the rest under their own heading?"""
    from consult.themes import services as themes

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        theme = themes.add_theme(org, 2026, "Betaalbaar wonen", "Huren laag houden")
        themes.carry(theme, "plan_item", factories.plan_item(org, "Huurverhoging", month=5))
        factories.plan_item(org, "Onderhoudsplan", month=2)
        db.session.commit()
    page = client.get(f"{board}/2026/themes").text
    themed = page[page.index("Betaalbaar wonen") : page.index("Without a year theme")]
    assert "Huren laag houden" in themed and "Huurverhoging" in themed
    assert "Onderhoudsplan" in page[page.index("Without a year theme") :]
    assert "Onderhoudsplan" not in themed
