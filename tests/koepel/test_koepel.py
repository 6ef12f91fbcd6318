"""Koepels: member organisations give their positions on a joint dossier; consent needs two
thirds of the recognised organisations."""

import re
from datetime import date

import pytest

from consult.core.errors import DomainError
from consult.dossiers import services as dossiers
from consult.dossiers.models import Dossier, Phase
from consult.extensions import db
from consult.koepel import services
from consult.koepel.models import Stance
from consult.koepel.services import ConsentCount
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


@pytest.mark.parametrize(
    ("recognised", "agree", "disagree", "outcome"),
    [
        (3, 2, 0, "reached"),  # two of three is two thirds
        (3, 1, 1, "open"),  # the last one can still make it
        (3, 0, 2, "not_reached"),
        (4, 3, 0, "reached"),  # 2/3 of 4 is 2.67: three are needed
        (4, 2, 0, "open"),
        (4, 1, 2, "not_reached"),
        (6, 4, 2, "reached"),
        (6, 3, 0, "open"),
        (6, 2, 3, "not_reached"),
        (0, 0, 0, "not_reached"),
    ],
)
def test_two_thirds_of_the_recognised_organisations(recognised, agree, disagree, outcome):
    """Is consent reached exactly at two thirds, rounded up, and decided when it can be?"""
    assert ConsentCount(recognised, agree, disagree, 0).outcome == outcome


def test_abstaining_does_not_count_as_agreeing():
    """With three of six agreeing and three abstaining, is consent not reached?"""
    count = ConsentCount(6, 3, 0, 3)
    assert (count.needed, count.undecided, count.outcome) == (4, 0, "not_reached")


@pytest.fixture
def koepel(ctx):
    """A koepel of three recognised HBVs and one that is not recognised, a joint consent
    dossier, and a board member in each member organisation."""
    centraal = factories.organisation("Centraal overleg")
    members = [factories.organisation(f"HBV {name}") for name in ("Noord", "Oost", "Zuid", "West")]
    for index, member in enumerate(members):
        factories.koepel_member(centraal, member, recognised=index < 3)
    dossier = factories.dossier(centraal, "Servicekostenbeleid", right="consent", joint=True)
    return centraal, members, dossier


def test_positions_count_only_for_recognised_organisations(koepel):
    """Do two recognised yeses reach consent, and the unrecognised one not add to it?"""
    _centraal, members, dossier = koepel
    on = date(2026, 11, 1)
    services.record_position(dossier, members[3], Stance.AGREE, "", on, None)
    services.record_position(dossier, members[0], Stance.AGREE, "", on, None)
    assert services.consent_count(dossier).outcome == "open"
    services.record_position(dossier, members[1], Stance.AGREE, "Onder voorwaarden", on, None)
    count = services.consent_count(dossier)
    assert (count.recognised, count.agree, count.needed, count.outcome) == (3, 2, 2, "reached")


def test_only_members_give_positions_and_only_on_joint_dossiers(koepel):
    """Is a position refused from an outsider, on a dossier that is not joint, or when the
    dossier is finished?"""
    centraal, members, dossier = koepel
    on = date(2026, 11, 1)
    with pytest.raises(DomainError):
        services.record_position(
            dossier, factories.organisation("Buiten"), Stance.AGREE, "", on, None
        )
    ordinary = factories.dossier(centraal, "Gewoon dossier")
    with pytest.raises(DomainError):
        services.record_position(ordinary, members[0], Stance.AGREE, "", on, None)
    dossiers.move(dossier, Phase.WITHDRAWN)
    with pytest.raises(DomainError):
        services.record_position(dossier, members[0], Stance.AGREE, "", on, None)


def test_a_koepel_cannot_hold_itself_or_a_member_twice(koepel):
    """Are the koepel itself and a member twice refused, and an unknown name answered
    like a known one (so nobody learns which organisations use Consult)?"""
    centraal, members, _dossier = koepel
    for slug in (centraal.slug, members[0].slug):
        with pytest.raises(DomainError):
            services.invite_member(centraal, slug, True)
    assert services.invite_member(centraal, "bestaat-niet", True) is None


def test_an_invitation_shows_nothing_until_accepted(koepel):
    """Does an invited organisation see no joint dossier and count for nothing until its
    admin accepts, and leave no trace when it declines?"""
    centraal, _members, dossier = koepel
    invited = factories.organisation("HBV Nieuw")
    services.invite_member(centraal, invited.slug, True)
    assert services.joint_dossiers_for(invited) == []
    assert services.consent_count(dossier).recognised == 3
    [invitation] = services.invitations_for(invited)
    services.answer_invitation(invited, invitation.id, accept=False)
    assert services.invitations_for(invited) == [] and len(services.members_of(centraal)) == 4


def _koepel_world(app, world):
    """Organisation B becomes the koepel of A; B has a joint consent dossier."""
    with app.app_context():
        centraal = db.session.get(Organisation, world.b.id)
        factories.koepel_member(centraal, db.session.get(Organisation, world.a.id))
        dossier = factories.dossier(centraal, "Huurbeleid centraal", right="consent", joint=True)
        db.session.commit()
        return dossier.id


def test_a_member_board_gives_its_position_and_the_koepel_sees_the_count(app, client, world):
    """Can A's board give A's position on B's joint dossier, shown on B's dossier page?"""
    dossier_id = _koepel_world(app, world)
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/koepel/").get_data(as_text=True)
    assert "Huurbeleid centraal" in page
    url = f"/o/{world.a.slug}/koepel/joint/{dossier_id}"
    refused = client.post(url, data={"stance": "agree"})
    assert refused.status_code == 400
    client.post(url, data={"stance": "agree", "note": "Akkoord", "decided_on": "2026-11-20"})
    koepel_board = app.test_client()
    login(koepel_board, world.b.board)
    page = koepel_board.get(f"/o/{world.b.slug}/dossiers/{dossier_id}").get_data(as_text=True)
    assert "1 van 1 erkende organisaties stemmen in" in page and "Instemming is bereikt." in page
    assert "Akkoord" in page


def test_outsiders_and_viewers_cannot_give_a_position(app, client, world):
    """Does a viewer get 403, and the koepel's own board 404 as 'member' of itself?"""
    dossier_id = _koepel_world(app, world)
    login(client, world.a.viewer)
    url = f"/o/{world.a.slug}/koepel/joint/{dossier_id}"
    assert client.get(url).status_code == 200
    assert client.post(url, data={"stance": "agree", "decided_on": "2026-11-20"}).status_code == 403
    other = app.test_client()
    login(other, world.b.board)
    assert other.get(f"/o/{world.b.slug}/koepel/joint/{dossier_id}").status_code == 404
    with app.app_context():
        assert services.positions_of(db.session.get(Dossier, dossier_id)) == []


def test_only_admins_invite_and_accept(app, client, world):
    """Is a board member refused; does B's admin's invitation show A's name only after A's
    admin accepted it on A's koepel page?"""
    login(client, world.b.board)
    url = f"/o/{world.b.slug}/koepel/members"
    assert client.post(url, data={"slug": world.a.slug}).status_code == 403
    koepel_admin = app.test_client()
    login(koepel_admin, world.b.admin)
    data = {"slug": world.a.slug, "recognised": "y"}
    page = koepel_admin.post(url, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Huurders Alfa" not in page and "nog niet geaccepteerd" in page
    member_admin = app.test_client()
    login(member_admin, world.a.admin)
    invitations = member_admin.get(f"/o/{world.a.slug}/koepel/").get_data(as_text=True)
    assert "Huurders Beta nodigt uw organisatie uit" in invitations
    membership_id = re.search(r"/koepel/invitations/(\d+)/accept", invitations)[1]
    member_admin.post(f"/o/{world.a.slug}/koepel/invitations/{membership_id}/accept")
    page = koepel_admin.get(f"/o/{world.b.slug}/koepel/").get_data(as_text=True)
    assert "Huurders Alfa" in page and "erkend" in page


def test_roles_are_not_shared_through_the_koepel(app, client, world):
    """Can A's board still not open B's own dossier pages after A joined B's koepel?"""
    dossier_id = _koepel_world(app, world)
    login(client, world.a.board)
    assert client.get(f"/o/{world.b.slug}/dossiers/{dossier_id}").status_code == 404
