"""The landlord's account: only shared dossiers, the advice once given, its own reply per
point, and never a panel member's personal data."""

from sqlalchemy import select

from consult.core.clock import today
from consult.dossiers import services
from consult.dossiers.advice import services as advice
from consult.dossiers.models import Dossier, Phase
from consult.extensions import db
from consult.panel.models import PanelMember
from tests.conftest import login


def _give_advice(app, world, share=True):
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        point = advice.save_point(dossier, "Verlaag de servicekosten", "Te hoog", [])
        services.move(dossier, Phase.DRAFTING)
        services.move(dossier, Phase.ADVISED, on=today())
        dossier.shared_with_landlord = share
        db.session.commit()
        return point.id


def test_the_landlord_lands_on_the_shared_dossiers(app, client, world):
    """After signing in, does the landlord see the shared dossier list, not the overview?"""
    _give_advice(app, world)
    login(client, world.a.landlord)
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert "Servicekostenbeleid" in page and "Panel" not in page


def test_an_unshared_dossier_is_not_found(app, client, world):
    """Is a dossier the board did not share invisible to the landlord?"""
    _give_advice(app, world, share=False)
    login(client, world.a.landlord)
    base = f"/o/{world.a.slug}/verhuurder"
    assert "Servicekostenbeleid" not in client.get(f"{base}/").get_data(as_text=True)
    assert client.get(f"{base}/{world.a.dossier_id}").status_code == 404


def test_the_landlord_replies_and_the_board_sees_it(app, client, world):
    """Is a reply without reasons refused, and a reply with reasons on the board's page and
    timeline under the landlord's name, received today once every point has its answer?"""
    point_id = _give_advice(app, world)
    login(client, world.a.landlord)
    url = f"/o/{world.a.slug}/verhuurder/{world.a.dossier_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Verlaag de servicekosten" in page
    prefix = f"reply-{point_id}"
    refused = client.post(f"{url}/points/{point_id}/reply", data={f"{prefix}-outcome": "partly"})
    assert refused.status_code == 400 and "redenen" in refused.get_data(as_text=True)
    client.post(
        f"{url}/points/{point_id}/reply",
        data={f"{prefix}-outcome": "partly", f"{prefix}-reasoning": "Wel voor schoonmaak"},
    )
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        assert (dossier.phase, dossier.reply_outcome) == ("reply", "partly")
        assert dossier.reply_received_on == today()  # the 3-day waiting term starts
    board = app.test_client()
    login(board, world.a.board)
    base = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    assert "Wel voor schoonmaak" in board.get(f"{base}/advice").get_data(as_text=True)
    timeline = board.get(base).get_data(as_text=True)
    assert f"{world.a.landlord} heeft de reactie van de verhuurder" in timeline


def test_the_landlord_never_sees_members(app, client, world):
    """Do the landlord's pages hold no panel member's address, and the panel refuse it?"""
    _give_advice(app, world)
    with app.app_context():
        emails = db.session.scalars(
            select(PanelMember.email).where(PanelMember.organisation_id == world.a.id)
        ).all()
    login(client, world.a.landlord)
    base = f"/o/{world.a.slug}/verhuurder"
    pages = client.get(f"{base}/").get_data(as_text=True)
    pages += client.get(f"{base}/{world.a.dossier_id}").get_data(as_text=True)
    assert emails and not any(email in pages for email in emails)
    assert client.get(f"/o/{world.a.slug}/panel/").status_code == 403
    other = app.test_client()
    login(other, world.b.landlord)
    assert other.get(f"{base}/{world.a.dossier_id}").status_code == 404


def test_the_board_shares_and_stops_sharing(app, client, world):
    """Can the board share the dossier with the landlord and take it back?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/landlord"
    client.post(f"{url}/share")
    landlord = app.test_client()
    login(landlord, world.a.landlord)
    page = f"/o/{world.a.slug}/verhuurder/{world.a.dossier_id}"
    assert "nog geen advies" in landlord.get(page).get_data(as_text=True)
    client.post(f"{url}/stop")
    assert landlord.get(page).status_code == 404


def test_a_landlord_of_two_organisations_chooses_and_lands_on_shared_dossiers(app, client, world):
    """With landlord roles in A and B, do both links on the choice page lead to the shared
    dossiers, not to a refused overview?"""
    from consult.accounts.models import User
    from consult.core.policy import Role
    from consult.organisations.models import Organisation
    from consult.organisations.services import grant_role

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == world.a.landlord))
        grant_role(user, db.session.get(Organisation, world.b.id), Role.LANDLORD)
        db.session.commit()
    login(client, world.a.landlord)
    page = client.get("/").get_data(as_text=True)
    for slug in (world.a.slug, world.b.slug):
        assert f'href="/o/{slug}/verhuurder/"' in page
