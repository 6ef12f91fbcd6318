"""The board's start page: the live response of each consultation and refused addresses."""

from sqlalchemy import select

from consult.core.clock import utcnow
from consult.extensions import db
from consult.invitations import links, submitting
from consult.invitations.models import Invitation
from tests import factories
from tests.conftest import login


def test_the_overview_shows_the_live_response_and_recent_bounces(app, client, world):
    """Does the start page say how many of the invited answered, and warn of refused mail?"""
    with app.app_context():
        invitation = db.session.scalar(
            select(Invitation).where(Invitation.organisation_id == world.a.id).limit(1)
        )
        invitation.bounced_at = utcnow()
        answered = links.find_by_token(world.a.tokens[1])
        submitting.submit(answered, factories.answers(answered.consultation))
        db.session.commit()
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/?lang=en").text
    assert "1 of 3 invited answered (33.3%)" in page
    assert "1 address was refused by the mail server in the last 30 days." in page


def test_the_overview_lists_the_nearest_deadlines_overdue_first(app, client, world):
    """Does the start page show an overdue advice first, and not a closed dossier's?"""
    from datetime import timedelta

    from consult.core.clock import today
    from consult.dossiers import services as dossiers
    from consult.dossiers.models import Phase
    from consult.organisations.models import Organisation

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        late = factories.dossier(org, "Huurverhoging", requested_on=today() - timedelta(weeks=7))
        closed = factories.dossier(org, "Oud dossier", requested_on=today() - timedelta(weeks=8))
        dossiers.move(closed, Phase.CLOSED)
        db.session.commit()
        late_code = late.code
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/?lang=en").text
    tile = page[page.index("Nearest deadlines") :]
    assert tile.index(f"{late_code} Huurverhoging") < tile.index("Servicekostenbeleid")
    assert "(overdue)" in tile and "Oud dossier" not in tile
