"""Working groups: a SMART work plan, links to dossiers, a progress note per quarter, and
nothing of another organisation."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.meetings import services as meetings
from consult.organisations.models import Organisation
from consult.workgroups import services
from consult.workgroups.models import GoalState, WorkingGroup
from tests import factories
from tests.conftest import login


def _goal(**changes):
    values = {
        "what": "Huurders informeren over isolatie",
        "measure": "3 bijeenkomsten",
        "who": "Werkgroep",
        "due_on": clock.today() + timedelta(days=90),
    }
    return services.GoalDetails(**{**values, **changes})


def test_a_woonstad_werkgroep_with_a_smart_plan_links_to_a_dossier(ctx):
    """Does a werkgroep keep its mandate, members, SMART goals and linked dossier?"""
    org = factories.organisation("Klantenraad Woonstad")
    member = factories.user(org)
    dossier = factories.dossier(org, "Verduurzaming")
    group = services.save_group(
        org,
        services.GroupDetails(
            "Werkgroep Duurzaamheid",
            theme="Verduurzaming",
            mandate="Advies voorbereiden",
            landlord_contact="J. de Vries, Vastgoed",
            members=[member],
            dossiers=[dossier],
        ),
    )
    goal = services.add_goal(group, _goal())
    services.set_goal_state(goal, GoalState.MET)
    assert group.dossiers == [dossier] and group.members == [member]
    assert goal.state == GoalState.MET


@pytest.mark.parametrize("missing", ["what", "measure", "who", "due_on"])
def test_a_goal_without_a_smart_part_is_refused(ctx, missing):
    """Is a goal refused when what, measure, who or when is missing?"""
    group = services.save_group(factories.organisation(), services.GroupDetails("Groep"))
    with pytest.raises(DomainError):
        services.add_goal(group, _goal(**{missing: None if missing == "due_on" else " "}))


def test_one_progress_note_per_quarter(ctx):
    """Does writing a quarter's note again replace it?"""
    group = services.save_group(factories.organisation(), services.GroupDetails("Groep"))
    services.write_note(group, 2027, 1, "Gestart")
    services.write_note(group, 2027, 1, "Twee bijeenkomsten gehouden")
    db.session.flush()
    assert [(n.quarter, n.text) for n in group.notes] == [(1, "Twee bijeenkomsten gehouden")]


def test_links_and_members_of_another_organisation_are_refused(ctx):
    """Are another organisation's dossier and account refused, and a name used twice?"""
    org, other = factories.organisation(), factories.organisation()
    with pytest.raises(DomainError):
        services.save_group(org, services.GroupDetails("G", dossiers=[factories.dossier(other)]))
    with pytest.raises(DomainError):
        services.save_group(org, services.GroupDetails("G", members=[factories.user(other)]))
    services.save_group(org, services.GroupDetails("Dubbel"))
    with pytest.raises(DomainError):
        services.save_group(org, services.GroupDetails("Dubbel"))


def test_an_agenda_item_links_to_a_working_group(ctx):
    """Can an agenda item be linked to a working group of the organisation only?"""
    org, other = factories.organisation(), factories.organisation()
    board = factories.user(org)
    meeting = factories.meeting(org)
    group = services.save_group(org, services.GroupDetails("Groep"))
    item = meetings.add_item(meeting, meetings.ItemDetails("Voortgang", working_group=group), board)
    assert item.working_group == group
    elsewhere = services.save_group(other, services.GroupDetails("Elders"))
    with pytest.raises(DomainError):
        meetings.add_item(meeting, meetings.ItemDetails("X", working_group=elsewhere), board)


def test_the_board_makes_a_group_and_adds_a_goal_over_http(app, client, world):
    """Can the board make a working group linked to a dossier and add a SMART goal?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/werkgroepen/new",
        data={"name": "Werkgroep Servicekosten", "dossier_ids": str(world.a.dossier_id)},
        follow_redirects=True,
    )
    assert "Werkgroep Servicekosten" in response.text and "Servicekostenbeleid" in response.text
    with app.app_context():
        group_id = db.session.scalar(
            select(WorkingGroup.id).where(WorkingGroup.name == "Werkgroep Servicekosten")
        )
    due = (clock.today() + timedelta(days=60)).isoformat()
    page = client.post(
        f"/o/{world.a.slug}/werkgroepen/{group_id}/goals",
        data={"what": "Afrekening controleren", "measure": "Rapport", "who": "Ans", "due_on": due},
        follow_redirects=True,
    )
    assert "Afrekening controleren" in page.text


def test_another_organisations_group_is_not_found(app, client, world):
    """Does a board member of A get 404 for a working group of B?"""
    with app.app_context():
        group = services.save_group(
            db.session.get(Organisation, world.b.id), services.GroupDetails("B")
        )
        db.session.commit()
        group_id = group.id
    login(client, world.a.board)
    assert client.get(f"/o/{world.a.slug}/werkgroepen/{group_id}").status_code == 404


def test_a_working_group_member_sees_only_the_group(app, client, world):
    """Does a working-group member who is not on the board see their group, 404 for another
    group, and 403 for the rest of the organisation?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        member = factories.user(org, factories.Role.GROUP_MEMBER)
        mine = services.save_group(org, services.GroupDetails("Werkgroep Groen", members=[member]))
        other = services.save_group(org, services.GroupDetails("Werkgroep Geld"))
        db.session.commit()
        email, mine_id, other_id = member.email, mine.id, other.id
    login(client, email)
    assert (
        client.get("/", follow_redirects=True).request.path
        == f"/o/{world.a.slug}/mijn-werkgroepen/"
    )
    assert "Werkgroep Groen" in client.get(f"/o/{world.a.slug}/mijn-werkgroepen/{mine_id}").text
    assert client.get(f"/o/{world.a.slug}/mijn-werkgroepen/{other_id}").status_code == 404
    note = client.post(
        f"/o/{world.a.slug}/mijn-werkgroepen/{mine_id}/notes",
        data={"year": "2027", "quarter": "1", "text": "Eerste bijeenkomst"},
        follow_redirects=True,
    )
    assert "Eerste bijeenkomst" in note.text
    for page in ("werkgroepen/", f"werkgroepen/{mine_id}", "vergaderingen/", "dossiers/", ""):
        assert client.get(f"/o/{world.a.slug}/{page}").status_code == 403
