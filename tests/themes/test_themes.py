"""Year themes: a year's themes with goals, and the year grouped by theme."""

import pytest
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.themes import services
from consult.themes.models import YearTheme
from consult.workgroups import services as workgroups
from tests import factories
from tests.conftest import login


def test_the_year_groups_by_theme_and_a_thing_carries_one_theme(ctx):
    """Does each dossier, meeting, plan item and working group appear under its one theme?"""
    org = factories.organisation()
    afford = services.add_theme(org, 2027, "Betaalbaarheid", "Huren laag houden")
    green = services.add_theme(org, 2027, "Duurzaamheid")
    dossier = factories.dossier(org)
    meeting = factories.meeting(org)
    item = factories.plan_item(org, year=2027)
    group = workgroups.save_group(org, workgroups.GroupDetails("Werkgroep Energie"))
    services.carry(afford, "dossier", dossier)
    services.carry(afford, "meeting", meeting)
    services.carry(green, "plan_item", item)
    services.carry(green, "working_group", group)
    services.carry(green, "dossier", dossier)  # moves to the other theme
    found = services.carried([afford, green])
    assert found[afford.id]["dossier"] == [] and found[afford.id]["meeting"] == [meeting]
    assert found[green.id]["dossier"] == [dossier]
    assert found[green.id]["working_group"] == [group]


def test_a_theme_of_another_organisation_carries_nothing_of_ours(ctx):
    """Is a dossier of another organisation refused, and a title used twice in a year?"""
    org, other = factories.organisation(), factories.organisation()
    theme = services.add_theme(org, 2027, "Leefbaarheid")
    with pytest.raises(DomainError):
        services.carry(theme, "dossier", factories.dossier(other))
    with pytest.raises(DomainError):
        services.add_theme(org, 2027, "Leefbaarheid")


def test_the_board_adds_a_theme_and_links_a_dossier_over_http(app, client, world):
    """Can the board add a theme and let the dossier carry it, shown on the year page?"""
    login(client, world.a.board)
    client.post(f"/o/{world.a.slug}/jaarthemas/new", data={"year": "2027", "title": "Wonen"})
    with app.app_context():
        theme_id = db.session.scalar(select(YearTheme.id).where(YearTheme.title == "Wonen"))
    client.post(
        f"/o/{world.a.slug}/jaarthemas/{theme_id}/carry",
        data={"thing": f"dossier:{world.a.dossier_id}"},
    )
    page = client.get(f"/o/{world.a.slug}/jaarthemas/2027").text
    assert "Wonen" in page and "Servicekostenbeleid" in page


def test_another_organisations_theme_is_not_found(app, client, world):
    """Does a board member of A get 404 linking to a theme of B?"""
    with app.app_context():
        theme = services.add_theme(db.session.get(Organisation, world.b.id), 2027, "B")
        db.session.commit()
        theme_id = theme.id
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/jaarthemas/{theme_id}/carry",
        data={"thing": f"dossier:{world.a.dossier_id}"},
    )
    assert response.status_code == 404
