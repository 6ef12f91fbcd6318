"""The overview's first glance: what needs the board's attention today, each one tap away."""

from datetime import timedelta

from sqlalchemy import select

from consult.core import clock
from consult.dossiers import services as dossiers
from consult.dossiers.models import Phase
from consult.extensions import db
from consult.invitations import submitting
from consult.invitations.models import Invitation
from consult.organisations.attention import attention_today
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def busy_organisation(name: str) -> Organisation:
    """Four members, one with a refused address (so three invited); a consultation closing in
    three days that one answered (33,3%), another
    closing in a month; advice due in three days, advice due in a month, advice given 20 days
    ago without reply."""
    org = factories.organisation(name)
    today = clock.today()
    members = [factories.member(org) for _ in range(4)]
    members[0].bounced_at = clock.utcnow()
    closing = factories.consultation(org, closes_in_days=3, title="Groen")
    factories.invite(closing)
    first = db.session.scalars(select(Invitation).where(Invitation.consultation_id == closing.id))
    submitting.submit(first.first(), factories.answers(closing))
    factories.consultation(org, closes_in_days=30, title="Later")
    factories.dossier(org, "Sloop", advice_due_on=today + timedelta(days=3))
    factories.dossier(org, "Renovatie", advice_due_on=today + timedelta(days=30))
    given = factories.dossier(
        org,
        "Huurverhoging",
        requested_on=today - timedelta(days=60),
        advice_due_on=today - timedelta(days=21),
    )
    dossiers.move(given, Phase.DRAFTING)
    dossiers.move(given, Phase.ADVISED, on=today - timedelta(days=20))
    db.session.flush()
    return org


def test_attention_lists_what_is_due_this_week_and_nothing_of_others(ctx):
    """Are the week's deadlines (an overdue reply among them), the consultation closing, the
    response against the target, the refused address and the advice waiting found, without
    another organisation's?"""
    org = busy_organisation("Huurders Noord")
    busy_organisation("Huurders Zuid")
    found = attention_today(org, clock.today())
    assert [(d.title, deadline.kind) for d, deadline in found.deadlines] == [
        ("Huurverhoging", "reasons"),
        ("Sloop", "advice"),
    ]
    assert [c.title for c in found.closing] == ["Groen"]
    [response] = found.responses
    assert (response.consultation.title, response.rate, response.below_target) == (
        "Groen",
        33.3,
        False,
    )
    org.response_target = 50
    assert attention_today(org, clock.today()).responses[0].below_target
    assert found.refused_addresses == 1
    assert [d.title for d in found.waiting_for_landlord] == ["Huurverhoging"]


def test_a_quiet_organisation_needs_no_attention(ctx):
    """With nothing due, is the list empty?"""
    assert not attention_today(factories.organisation("Rustig"), clock.today())


def test_the_overview_shows_the_attention_list_with_links(app, client, world):
    """Does the board see, at the top of the overview, each item as a link: the dossier,
    the consultation, its funnel and the refused addresses in the member list?"""
    with app.app_context():
        org = busy_organisation("Huurders Gamma")
        from consult.core.policy import Role

        board = factories.user(org, Role.BOARD).email
        slug = org.slug
        db.session.commit()
    login(client, board)
    page = client.get(f"/o/{slug}/?lang=en").get_data(as_text=True)
    attention = page.split('id="attention-heading"')[1].split("</section>")[0]
    assert attention.count("<li>") == 6
    assert "33.3% of 3 invited, target 30%" in attention and "target reached" in attention
    assert "Closes on" in attention and "(overdue)" in attention
    assert f'href="/o/{slug}/panel/?refused=y"' in attention
    assert "1 panel member's address is refused" in attention
    dutch = client.get(f"/o/{slug}/?lang=nl").get_data(as_text=True)
    assert "33,3% van 3 uitgenodigden, doel 30%" in dutch
    members = client.get(f"/o/{slug}/panel/?refused=y&lang=en").get_data(as_text=True)
    assert "1 member matches" in members
