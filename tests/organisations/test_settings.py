"""The organisation's settings: the advice letter's language and the response aimed for."""

import pytest

from consult.extensions import db
from consult.organisations.models import Organisation
from tests.conftest import login


def test_an_admin_sets_the_response_target(app, client, world):
    """Is a new target saved, and shown against the open consultation on the overview?"""
    login(client, world.a.admin)
    response = client.post(
        f"/o/{world.a.slug}/settings?lang=en",
        data={"letter_language": "nl", "response_target": "45"},
        follow_redirects=True,
    )
    assert "The settings have been saved." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organisation, world.a.id).response_target == 45
    overview = client.get(f"/o/{world.a.slug}/").get_data(as_text=True)
    assert "target 45%" in overview


@pytest.mark.parametrize("target", ["0", "101", "veel", ""])
def test_a_target_out_of_range_is_refused(app, client, world, target):
    """Is a target that is not a whole number from 1 to 100 refused with that message, and
    the setting unchanged?"""
    login(client, world.a.admin)
    response = client.post(
        f"/o/{world.a.slug}/settings?lang=en",
        data={"letter_language": "nl", "response_target": target},
    )
    assert response.status_code == 400
    assert "Enter a whole number from 1 to 100." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organisation, world.a.id).response_target == 30


def test_a_board_member_cannot_change_the_settings(client, world):
    """Are the settings for admins only?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/settings", data={"letter_language": "en", "response_target": "10"}
    )
    assert response.status_code == 403
