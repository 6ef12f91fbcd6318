"""Dossiers an organisation brings along: they keep their own code, and the landlord's reply
is entered with the date it was received."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers import codes, services
from consult.dossiers.advice import services as advice
from consult.dossiers.models import Dossier, Phase
from consult.extensions import db
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def test_an_own_code_is_kept_and_the_next_free_number_passes_it(ctx):
    """Is K16-006 kept, and does the next dossier of 2016 get K16-007, never a given code?"""
    org = factories.organisation()
    own = factories.dossier(org, "Groenonderhoud", requested_on=date(2016, 3, 1), code="K16-006")
    after = factories.dossier(org, "Huurverhoging 2016", requested_on=date(2016, 4, 1))
    assert (own.code, after.code) == ("K16-006", "K16-007")
    assert codes.next_code(org, 2026) == "K26-001"


@pytest.mark.parametrize(
    ("code", "message"),
    [("k16-006", "al een dossier"), ("K16 006", "1 tot 20"), ("<b>K1</b>", "1 tot 20")],
)
def test_a_taken_or_odd_code_is_refused(ctx, code, message):
    """Is a code the organisation has (in any letter case), or one with spaces or tags, refused?"""
    org = factories.organisation()
    factories.dossier(org, code="K16-006")
    with pytest.raises(DomainError, match=message):
        factories.dossier(org, "Tweede", code=code)


def test_another_organisation_may_use_the_same_code(ctx):
    """Does a code of one organisation leave another free to use it too?"""
    first, second = factories.organisation(), factories.organisation()
    factories.dossier(first, code="K16-006")
    assert factories.dossier(second, code="K16-006").code == "K16-006"


def test_board_opens_a_dossier_with_its_own_code(app, client, world):
    """Does the board open K16-006 through the form, and get a clear message the second time?"""
    login(client, world.a.board)
    form = {
        "title": "Groenonderhoud",
        "code": " K16-006 ",
        "kind": "requested",
        "right": "advice",
        "requested_on": "2016-03-01",
    }
    response = client.post(f"/o/{world.a.slug}/dossiers/new", data=form, follow_redirects=True)
    assert "Dossier K16-006 is geopend" in response.get_data(as_text=True)
    again = client.post(f"/o/{world.a.slug}/dossiers/new", data=form)
    assert again.status_code == 200
    assert "heeft al een dossier K16-006" in again.get_data(as_text=True)
    with app.app_context():
        count = select(func.count()).where(Dossier.code == "K16-006")
        assert db.session.scalar(count) == 1


def _advised_in_2016(app, org_id) -> tuple[int, int]:
    """A dossier of 2016 whose advice of one point went out on 1 April 2016."""
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        dossier = factories.dossier(org, requested_on=date(2016, 3, 1), code="K16-006")
        point = advice.save_point(dossier, "Meer groen", "", [])
        services.move(dossier, Phase.DRAFTING)
        services.move(dossier, Phase.ADVISED, on=date(2016, 4, 1))
        db.session.commit()
        return dossier.id, point.id


@pytest.mark.parametrize(
    ("received", "message"),
    [
        ("2016-03-20", "vóór 1 apr"),
        ((today() + timedelta(days=2)).isoformat(), "toekomst"),
    ],
)
def test_a_reply_date_before_the_advice_or_in_the_future_is_refused(
    app, client, world, received, message
):
    """Is a reply dated before the advice, or in the future, refused with nothing saved?"""
    dossier_id, point_id = _advised_in_2016(app, world.a.id)
    login(client, world.a.board)
    prefix = f"reply-{point_id}"
    response = client.post(
        f"/o/{world.a.slug}/dossiers/{dossier_id}/advice/{point_id}/reply",
        data={f"{prefix}-outcome": "followed", f"{prefix}-received_on": received},
    )
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.app_context():
        dossier = db.session.get(Dossier, dossier_id)
        assert dossier.phase == "advised" and dossier.points[0].reply_outcome is None


def test_the_board_enters_a_reply_with_the_date_it_came_in(app, client, world):
    """Does the last point's answer complete the reply on the day the letter came in?"""
    dossier_id, point_id = _advised_in_2016(app, world.a.id)
    login(client, world.a.board)
    prefix = f"reply-{point_id}"
    client.post(
        f"/o/{world.a.slug}/dossiers/{dossier_id}/advice/{point_id}/reply",
        data={f"{prefix}-outcome": "followed", f"{prefix}-received_on": "2016-04-12"},
    )
    with app.app_context():
        dossier = db.session.get(Dossier, dossier_id)
        assert (dossier.phase, dossier.reply_received_on) == ("reply", date(2016, 4, 12))
    page = client.get(f"/o/{world.a.slug}/dossiers/{dossier_id}").get_data(as_text=True)
    assert "12 april 2016" in page


def test_a_reply_without_a_date_counts_as_received_today(ctx):
    """Without a date, does a complete reply count from today, as the landlord's own does?"""
    dossier = factories.dossier(factories.organisation())
    point = advice.save_point(dossier, "Meer groen", "", [])
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=today())
    advice.record_reply(point, "followed", "")
    assert advice.complete_reply(dossier) and dossier.reply_received_on == today()
