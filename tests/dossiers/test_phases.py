"""A dossier's phases: only the allowed steps, each on the timeline with who and when."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.models import Dossier, Phase, ReplyOutcome
from consult.extensions import db
from tests import factories
from tests.conftest import login


def test_a_dossier_goes_from_announcement_to_closing(ctx):
    """Can a dossier take the whole road, with each step on the timeline?"""
    board = factories.user(org := factories.organisation())
    dossier = factories.dossier(org, requested_on=date(2026, 9, 1))
    for phase in (Phase.CONSULTING, Phase.DRAFTING):
        services.move(dossier, phase, actor=board)
    services.move(dossier, Phase.ADVISED, on=date(2026, 10, 9), actor=board)
    services.move(
        dossier, Phase.LANDLORD_REPLY, date(2026, 10, 20), ReplyOutcome.PARTLY, actor=board
    )
    services.move(dossier, Phase.CLOSED, actor=board)
    assert dossier.phase == Phase.CLOSED and dossier.next_phases == ()
    assert [e.action for e in reversed(dossier.events)] == ["opened"] + ["phase"] * 5
    assert {e.actor_label for e in dossier.events if e.action == "phase"} == {board.email}


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), Phase.ADVISED),  # no advice without drafting it
        ((), Phase.LANDLORD_REPLY),
        ((Phase.CONSULTING,), Phase.CLOSED),
        ((Phase.WITHDRAWN,), Phase.DRAFTING),  # withdrawn is final
    ],
)
def test_steps_outside_the_state_machine_are_refused(ctx, path, refused):
    """Is a step the procedure does not have refused, leaving the phase as it was?"""
    dossier = factories.dossier(factories.organisation())
    for phase in path:
        services.move(dossier, phase)
    before = dossier.phase
    with pytest.raises(DomainError):
        services.move(dossier, refused, on=today(), outcome=ReplyOutcome.FOLLOWED)
    assert dossier.phase == before


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (None, "Vul de datum in"),
        ("tomorrow", "toekomst"),  # taken when the test runs, not when it is collected
        (date(2026, 1, 1), "vóór"),
    ],
)
def test_giving_advice_needs_a_real_day(ctx, on, message):
    """Is the day the advice went out required, not in the future, not before the request?"""
    on = today() + timedelta(days=1) if on == "tomorrow" else on
    dossier = factories.dossier(factories.organisation(), requested_on=date(2026, 3, 2))
    services.move(dossier, Phase.DRAFTING)
    with pytest.raises(DomainError, match=message):
        services.move(dossier, Phase.ADVISED, on=on)


def test_the_reply_needs_the_landlords_answer(ctx):
    """Is the reply refused without saying whether the landlord follows the advice?"""
    dossier = factories.dossier(factories.organisation(), requested_on=date(2026, 3, 2))
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=date(2026, 4, 1))
    with pytest.raises(DomainError):
        services.move(dossier, Phase.LANDLORD_REPLY, on=date(2026, 4, 10))


def _phase_of(app, dossier_id):
    with app.app_context():
        return db.session.get(Dossier, dossier_id).phase


def test_board_moves_the_phase_on_the_page(app, client, world):
    """Does the board see the new phase and the step on the timeline?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    response = client.post(f"{url}/phase", data={"phase": "consulting"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Achterban raadplegen" in page
    assert f"{world.a.board} heeft het dossier naar een nieuwe fase gebracht" in page
    assert _phase_of(app, world.a.dossier_id) == "consulting"


def test_a_refused_step_on_the_page_changes_nothing(app, client, world):
    """Does a step the dossier cannot take give a message and keep the phase?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    client.post(f"{url}/phase", data={"phase": "drafting"})
    response = client.post(f"{url}/phase", data={"phase": "advised", "on": "2099-01-01"})
    assert response.status_code == 400
    assert "De datum kan niet in de toekomst liggen." in response.get_data(as_text=True)
    assert _phase_of(app, world.a.dossier_id) == "drafting"


def test_a_viewer_cannot_move_the_phase(app, client, world):
    """Is a viewer refused, the phase unchanged?"""
    login(client, world.a.viewer)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/phase"
    assert client.post(url, data={"phase": "consulting"}).status_code == 403
    assert _phase_of(app, world.a.dossier_id) == "announced"


def test_edits_name_the_changed_fields_on_the_timeline(app, client, world):
    """Does changing the title and the contact show both on the timeline?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    form = client.get(f"{url}/edit").get_data(as_text=True)
    assert 'value="Servicekostenbeleid"' in form
    response = client.post(
        f"{url}/edit",
        data={
            "title": "Servicekosten 2027",
            "kind": "requested",
            "right": "advice",
            "requested_on": today().isoformat(),
            "landlord_contact": "Mevr. Jansen, afdeling Wonen",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Servicekosten 2027" in page and "Mevr. Jansen" in page
    assert "heeft het dossier gewijzigd: titel" in page and "contactpersoon verhuurder" in page


def test_only_board_members_can_be_responsible(app, client, world):
    """Is a viewer offered as responsible refused, and a board member kept?"""
    from consult.accounts.models import User

    with app.app_context():
        ids = {
            email: db.session.scalar(select(User.id).where(User.email == email))
            for email in (world.a.board, world.a.viewer, world.b.board)
        }
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/edit"
    base = {"title": "X", "kind": "unsolicited", "right": "advice"}
    for outsider in (world.a.viewer, world.b.board):
        response = client.post(url, data={**base, "responsible_ids": ids[outsider]})
        assert (
            response.status_code == 200
            and "ongeldige keuze" in response.get_data(as_text=True).lower()
        )
    client.post(url, data={**base, "responsible_ids": ids[world.a.board]})
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        assert [user.email for user in dossier.responsibles] == [world.a.board]


def test_an_open_linked_consultation_is_an_inspraakmoment(app, client, world):
    """Does the dossier list show the inspraakmoment of an open linked consultation?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/dossiers"
    client.post(
        f"{base}/{world.a.dossier_id}/consultations", data={"consultation": world.a.draft_id}
    )
    assert "Inspraakmoment" not in client.get(f"{base}/").get_data(as_text=True)
    response = client.post(
        f"{base}/{world.a.dossier_id}/consultations/{world.a.draft_id}/evidence",
        follow_redirects=True,
    )
    assert "Een concept heeft nog geen resultaten" in response.get_data(as_text=True) or (
        "concept" in response.get_data(as_text=True)
    )
    client.post(
        f"{base}/{world.a.dossier_id}/consultations", data={"consultation": world.a.consultation_id}
    )
    assert "Inspraakmoment" in client.get(f"{base}/").get_data(as_text=True)


def test_another_organisations_consultation_cannot_be_linked(app, client, world):
    """Is a consultation of organisation B refused for a dossier of A?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}"
    client.post(f"{url}/consultations", data={"consultation": world.b.consultation_id})
    response = client.post(f"{url}/consultations/{world.b.consultation_id}/evidence")
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Dossier, world.a.dossier_id).consultations == []
