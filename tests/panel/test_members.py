"""The board keeps a panel of members with their segments."""

import pytest
from sqlalchemy import func, select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.membership import services as membership
from consult.panel.models import PanelMember, SegmentDimension
from tests import factories
from tests.conftest import login


def _value_id(app, org_id, dimension, label):
    with app.app_context():
        dim = db.session.scalar(
            select(SegmentDimension).filter_by(organisation_id=org_id, name=dimension)
        )
        return next(v.id for v in dim.values if v.label == label)


def test_board_adds_a_member_with_segments(app, client, world):
    """Does a member added by hand appear in the list with district and age band?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/panel/new",
        data={
            "email": "Nieuw.Lid@Example.org",
            "language": "en",
            "name": "Nieuw Lid",
            f"segment_{_dimension_id(app, world.a.id, 'Wijk')}": _value_id(
                app, world.a.id, "Wijk", "Zuid"
            ),
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "nieuw.lid@example.org" in page
    row = page[page.index("nieuw.lid@example.org") :].split("</tr>")[0]
    assert "Zuid" in row and "onbekend" in row
    with app.app_context():
        member = db.session.scalar(select(PanelMember).filter_by(email="nieuw.lid@example.org"))
        assert member.locale == "en"


def _dimension_id(app, org_id, name):
    with app.app_context():
        return db.session.scalar(
            select(SegmentDimension.id).filter_by(organisation_id=org_id, name=name)
        )


def test_a_second_member_with_the_same_address_is_refused(app, client, world):
    """Is an address already on the panel refused with a message, and nothing stored?"""
    login(client, world.a.board)
    client.post(
        f"/o/{world.a.slug}/panel/new", data={"email": "dubbel@example.org", "language": "nl"}
    )
    response = client.post(
        f"/o/{world.a.slug}/panel/new", data={"email": "DUBBEL@example.org", "language": "nl"}
    )
    assert "staat al in het panel" in response.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).where(PanelMember.email == "dubbel@example.org"))
            == 1
        )


def test_an_invalid_address_is_refused(client, world):
    """Is a malformed e-mail address refused next to the field?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/panel/new", data={"email": "not-an-address", "language": "nl"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_segment_values_of_another_organisation_are_refused(ctx):
    """Can a member be given a segment value that belongs to another organisation?"""
    alfa, beta = factories.organisation(), factories.organisation()
    factories.dimensions(alfa)
    foreign_wijk, _ = factories.dimensions(beta)
    with pytest.raises(DomainError):
        membership.add_member(alfa, "x@example.org", None, [foreign_wijk.values[0].id])


def test_the_same_address_may_be_on_two_panels(ctx):
    """May one tenant be on the panels of two organisations?"""
    for org in (factories.organisation(), factories.organisation()):
        membership.add_member(org, "same@example.org", None, [])
    assert db.session.scalar(select(func.count(PanelMember.id))) == 2
