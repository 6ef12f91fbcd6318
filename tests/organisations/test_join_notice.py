"""The overview says why the public sign-up page is still closed, and how to open it."""

from consult.extensions import db
from consult.membership import services as membership
from consult.organisations.models import Organisation
from tests.conftest import login


def test_the_overview_says_why_the_join_page_is_closed(app, client, world):
    """Does the overview tell an admin that /join is closed for want of a privacy statement,
    with a link to write it, tell a board member who can, and say nothing once it exists?"""
    login(client, world.a.admin)
    page = client.get(f"/o/{world.a.slug}/").get_data(as_text=True)
    assert f"/join/{world.a.slug}" in page and "nog gesloten" in page
    assert f'href="/o/{world.a.slug}/panel/settings/#settings-heading"' in page
    client.post("/logout")
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/").get_data(as_text=True)
    assert "nog gesloten" in page and "/panel/settings/" not in page
    with app.app_context():
        membership.publish_privacy_text(db.session.get(Organisation, world.a.id), "Privacy.")
        db.session.commit()
    assert "nog gesloten" not in client.get(f"/o/{world.a.slug}/").get_data(as_text=True)


def test_another_organisations_privacy_statement_does_not_open_this_one(app, client, world):
    """Is the notice about the organisation's own statement, not another's?"""
    with app.app_context():
        membership.publish_privacy_text(db.session.get(Organisation, world.b.id), "Privacy.")
        db.session.commit()
    login(client, world.a.admin)
    assert "nog gesloten" in client.get(f"/o/{world.a.slug}/").get_data(as_text=True)
