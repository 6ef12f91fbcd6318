"""The board's segments page and panel dashboard: what a board member sees."""

import json
import re
from datetime import timedelta

from sqlalchemy import select

from consult.core.clock import utcnow
from consult.extensions import db
from consult.invitations import inviting
from consult.organisations.models import Organisation
from consult.panel.models import SegmentDimension, SegmentValue
from tests import factories
from tests.conftest import login


def _dimension(app, org_id, name="Wijk") -> SegmentDimension:
    with app.app_context():
        dimension = db.session.scalar(
            select(SegmentDimension).filter_by(organisation_id=org_id, name=name)
        )
        values = {value.label: value.id for value in dimension.values}
        return dimension.id, values


def test_populations_entered_on_the_segments_page_drive_the_verdict(app, client, world):
    """Does entering the tenants per district make the dashboard name the missing group?"""
    dimension_id, values = _dimension(app, world.a.id)
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/panel/segments/{dimension_id}/populations",
        data={f"d{dimension_id}-value_{values['Noord']}": "200",
              f"d{dimension_id}-value_{values['Zuid']}": "800"},
    )  # fmt: skip
    assert response.status_code == 302
    # world: two members in Noord, one in Zuid -> Zuid is 33% of the panel, 80% of tenants
    page = client.get(f"/o/{world.a.slug}/panel/dashboard?lang=en").text
    assert "Zuid under-represented: 33.3% of the panel, 80.0% of the tenants." in page
    assert "Noord over-represented" in page
    charts = re.findall(r'data-target="composition-\d+">(.*?)</script>', page)
    assert len(charts) == 1  # Wijk has tenant numbers, Leeftijd not
    bars = json.loads(charts[0])["data"]
    assert [bar["y"] for bar in bars] == [[66.7, 33.3], [20.0, 80.0]]
    assert 'data-target="panel-size"' in page and "/vendor/plotly-" in page


def test_a_negative_number_of_tenants_is_refused(app, client, world):
    """Is a negative number refused next to its field, storing nothing?"""
    dimension_id, values = _dimension(app, world.a.id)
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/panel/segments/{dimension_id}/populations?lang=en",
        data={f"d{dimension_id}-value_{values['Noord']}": "-5"},
    )
    assert response.status_code == 400 and "Number must be between" in response.text
    with app.app_context():
        assert db.session.get(SegmentValue, values["Noord"]).population is None


def test_the_board_adds_a_dimension_and_values(app, client, world):
    """Can the board add its own dimension, and are duplicate values refused?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/panel/segments"
    added = client.post(url, data={"name": "Huishouden", "values": "Alleen\nGezin\n"})
    assert added.status_code == 302
    dimension_id, values = _dimension(app, world.a.id, "Huishouden")
    assert list(values) == ["Alleen", "Gezin"]
    twice = client.post(
        f"{url}/{dimension_id}/values?lang=en", data={f"v{dimension_id}-values": "gezin"}
    )
    assert twice.status_code == 400 and "Each value may appear only once." in twice.text
    client.post(f"{url}/{dimension_id}/values", data={f"v{dimension_id}-values": "Samen"})
    assert list(_dimension(app, world.a.id, "Huishouden")[1]) == ["Alleen", "Gezin", "Samen"]
    duplicate = client.post(f"{url}?lang=en", data={"name": "wijk", "values": "A\nB"})
    assert "There is already a dimension with this name." in duplicate.text


def test_another_organisations_dimension_cannot_be_changed(app, client, world):
    """Does a board member of A get 404 for B's dimension, and B's numbers stay as they were?"""
    dimension_id, values = _dimension(app, world.b.id)
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/panel/segments/{dimension_id}/populations",
        data={f"d{dimension_id}-value_{values['Noord']}": "5"},
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(SegmentValue, values["Noord"]).population is None


def test_size_over_time_and_activity(app, client, world):
    """Does the dashboard count joiners and leavers per month, and list who never answers?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        quiet = factories.member(org, email="stil@example.org")
        gone = factories.member(org, email="weg@example.org")
        gone.joined_at = utcnow() - timedelta(days=70)
        gone.left_at, gone.status = utcnow(), "left"
        for title in ("Een", "Twee", "Drie"):
            inviting.invite_panel(factories.consultation(org, title=title), emails=[quiet.email])
        db.session.commit()
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/panel/dashboard?lang=en").text
    assert "stil@example.org" in page
    size = page[page.index("Size over time") :]
    last_row = size[: size.index("</tbody>")].split("<tr>")[-1]
    assert last_row.count("<td>") == 3
    joined, left, active = [cell.split("</td>")[0] for cell in last_row.split("<td>")[1:]]
    assert int(joined) >= 4 and left == "1" and active == "4"


def test_representativeness_follows_the_panel_over_time(app, client, world):
    """When young members joined only this month, was the panel less like the tenants a
    year ago, on the dashboard and on the start page?"""
    from consult.core.clock import today
    from consult.panel.segments import set_populations
    from consult.panel.statistics import representativeness_over_time

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        leeftijd = db.session.scalar(
            select(SegmentDimension).filter_by(organisation_id=org.id, name="Leeftijd")
        )
        jong, oud = leeftijd.values
        set_populations(leeftijd, {jong.id: 500, oud.id: 500})
        for member in org_members_of(org):
            member.joined_at = utcnow() - timedelta(days=500)  # the world's three: all 'jong'
        for _ in range(3):
            factories.member(org, values=[oud])  # joined now
        db.session.commit()
        [year_ago, *_middle, now] = representativeness_over_time(org, today(), months=13)
        assert year_ago.figures["Leeftijd"] == 50.0 and now.figures["Leeftijd"] == 100.0
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/?lang=en").get_data(as_text=True)
    assert "Like the tenants by Leeftijd: 100.0% (a year ago 50.0%)" in page
    dashboard = client.get(f"/o/{world.a.slug}/panel/dashboard?lang=en").get_data(as_text=True)
    assert "Representativeness over time" in dashboard


def org_members_of(org):
    from consult.panel.services import members_of

    return members_of(org)
