"""The year agenda agreed with the landlord: sharing, proposals, frozen versions, the public
jaaragenda with its PDF and ICS, and a koepel's plan for its member organisations."""

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from consult.core.clock import today, utcnow
from consult.core.errors import DomainError
from consult.dossiers.services import content_hash
from consult.extensions import db
from consult.organisations.models import Organisation
from consult.planning import services as planning
from consult.planning.agenda import services as agenda
from consult.planning.agenda.models import AgreedVersion, ProposalState
from consult.planning.models import PlanItem
from tests import factories
from tests.conftest import login


def test_agreeing_freezes_the_plan_and_a_change_makes_a_new_version(ctx):
    """Is the plan frozen with its fingerprint, refused unchanged, and does a later change
    make version 2 while version 1 stays as it was?"""
    org = factories.organisation()
    factories.plan_item(org, "Huurverhoging", month=5)
    plan = agenda.plan_of(org, 2026)
    first = agenda.agree(plan, today(), "Overleg van vandaag")
    assert first.number == 1 and [i["title"] for i in first.items] == ["Huurverhoging"]
    assert first.content_hash == content_hash(first.items)
    with pytest.raises(DomainError, match="niets veranderd"):
        agenda.agree(plan, today())
    factories.plan_item(org, "Servicekosten", month=9)
    assert agenda.changed_since_agreed(plan)
    second = agenda.agree(plan, today())
    assert second.number == 2 and len(second.items) == 2 and len(first.items) == 1


def test_an_agreed_version_cannot_be_changed(ctx):
    """Is changing a stored agreed version refused, like evidence?"""
    org = factories.organisation()
    factories.plan_item(org)
    version = agenda.agree(agenda.plan_of(org, 2026), today())
    db.session.flush()
    version.note = "achteraf"
    with pytest.raises(ValueError, match="cannot be changed"):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(
    ("items", "days", "message"), [(0, 0, "geen onderwerpen"), (1, 1, "toekomst")]
)
def test_agreeing_needs_items_and_no_future_date(ctx, items, days, message):
    """Is an empty plan, or a date in the future, refused?"""
    org = factories.organisation()
    for _ in range(items):
        factories.plan_item(org)
    with pytest.raises(DomainError, match=message):
        agenda.agree(agenda.plan_of(org, 2026), today() + timedelta(days=days))
    assert db.session.scalar(select(AgreedVersion)) is None


def test_a_proposal_taken_in_becomes_an_item_on_the_landlords_initiative(ctx):
    """Does an accepted proposal join the plan, a declined one not, and is a plan that is
    not shared closed to proposals?"""
    org = factories.organisation()
    plan = agenda.plan_of(org, 2026)
    with pytest.raises(DomainError, match="niet met u gedeeld"):
        agenda.propose(plan, 2, "Energielabels", "")
    agenda.share_with_landlord(plan, True)
    taken = agenda.propose(plan, 2, "Energielabels", "Nieuwe labels in Q2")
    refused = agenda.propose(plan, 3, "Parkeren", "")
    agenda.answer_proposal(taken, True)
    agenda.answer_proposal(refused, False)
    with pytest.raises(DomainError):
        agenda.answer_proposal(taken, False)
    [item] = planning.items_of(org, 2026)
    assert (item.title, item.quarter, item.initiative) == ("Energielabels", 2, "landlord")
    assert refused.state == ProposalState.DECLINED


def _agreed_and_published(app, org_id, *titles) -> None:
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        for title in titles:
            factories.plan_item(org, title, month=4)
        plan = agenda.plan_of(org, 2026)
        agenda.publish(plan, agenda.agree(plan, today()).number)
        db.session.commit()


def test_the_landlord_reads_the_shared_plan_and_proposes(app, client, world):
    """Does the landlord see the shared plan read-only, propose an item, and does the board
    then take it in from its page?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        factories.plan_item(org, "Huurverhoging", month=5)
        db.session.commit()
    login(client, world.a.landlord)
    plan_url = f"/o/{world.a.slug}/verhuurder/jaaragenda/2026"
    assert client.get(plan_url).status_code == 404  # not shared yet
    client.post("/logout")
    login(client, world.a.board)
    client.post(f"/o/{world.a.slug}/participatiekalender/2026/afspraken/share")
    client.post("/logout")
    login(client, world.a.landlord)
    page = client.get(plan_url).text
    assert "Huurverhoging" in page and "Wijzigen" not in page
    refused = client.post(plan_url, data={"quarter": "2", "title": ""})
    assert refused.status_code == 400 and "Geef het onderwerp een titel" in refused.text
    assert client.post(plan_url, data={"quarter": "2", "title": "Energielabels"}).status_code == 302
    assert client.post(f"/o/{world.a.slug}/participatiekalender/2026/new").status_code == 403
    client.post("/logout")
    login(client, world.a.board)
    board_page = client.get(f"/o/{world.a.slug}/participatiekalender/2026/afspraken").text
    assert "Energielabels" in board_page and world.a.landlord in board_page
    with app.app_context():
        proposal_id = agenda.proposals_of(agenda.find_plan(org_of(world), 2026))[0].id
    client.post(f"/o/{world.a.slug}/participatiekalender/proposals/{proposal_id}/accept")
    assert "Energielabels" in client.get(f"/o/{world.a.slug}/participatiekalender/2026").text


def org_of(world):
    return db.session.get(Organisation, world.a.id)


def test_the_board_agrees_and_publishes_through_its_page(app, client, world):
    """Does the board mark the plan as agreed, see its fingerprint, and publish it?"""
    base = f"/o/{world.a.slug}/participatiekalender/2026/afspraken"
    with app.app_context():
        factories.plan_item(org_of(world), "Huurverhoging", month=5)
        db.session.commit()
    login(client, world.a.board)
    future = (today() + timedelta(days=2)).isoformat()
    refused = client.post(f"{base}/agree", data={"agreed_on": future})
    assert refused.status_code == 400 and "toekomst" in refused.text
    client.post(f"{base}/agree", data={"agreed_on": today().isoformat()})
    page = client.get(base).text
    assert "Versie 1, afgesproken op" in page and "SHA-256" in page
    client.post(f"{base}/publish", data={"number": "1"})
    assert client.get(f"/h/{world.a.slug}/jaaragenda").status_code == 200


def test_the_public_jaaragenda_shows_the_agreed_version_only(app, client, world):
    """Does the public page show the published version, and not what changed later, the
    proposals, who marked it agreed, or another organisation's plan?"""
    assert client.get(f"/h/{world.a.slug}/jaaragenda").status_code == 404
    _agreed_and_published(app, world.a.id, "Huurverhoging")
    _agreed_and_published(app, world.b.id, "Plan van B")
    with app.app_context():
        org = org_of(world)
        factories.plan_item(org, "Later toegevoegd", month=8)
        plan = agenda.plan_of(org, 2026)
        agenda.share_with_landlord(plan, True)
        agenda.propose(plan, 1, "Voorstel verhuurder", "")
        db.session.commit()
    page = client.get(f"/h/{world.a.slug}/jaaragenda").text
    assert "Huurverhoging" in page and "Afgesproken met de verhuurder op" in page
    for hidden in ("Later toegevoegd", "Voorstel verhuurder", "Plan van B", "Consult", "@"):
        assert hidden not in page.split("<main", 1)[-1].split("</main>")[0], hidden
    assert client.get(f"/h/{world.a.slug}/jaaragenda?jaar=2025").status_code == 404
    assert client.get("/h/bestaat-niet/jaaragenda").status_code == 404


def test_the_jaaragenda_downloads_as_pdf_and_ics(app, client, world):
    """Are the PDF and the calendar file of the published version offered?"""
    _agreed_and_published(app, world.a.id, "Huurverhoging; met komma, en meer")
    pdf = client.get(f"/h/{world.a.slug}/jaaragenda.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "attachment" in pdf.headers["Content-Disposition"]
    ics = client.get(f"/h/{world.a.slug}/jaaragenda.ics")
    text = ics.get_data(as_text=True)
    assert ics.mimetype == "text/calendar" and text.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Huurverhoging\\; met komma\\, en meer" in text
    assert "DTSTART;VALUE=DATE:20260401" in text


def test_koepel_members_see_the_koepels_plan(app, client, world):
    """Does a member organisation see its koepel's agreed plan on its koepel page, and an
    organisation outside the koepel not?"""
    with app.app_context():
        koepel = factories.organisation("Koepel Zuid")
        factories.koepel_member(koepel, org_of(world))
        factories.plan_item(koepel, "Gezamenlijk huurbeleid", year=today().year, month=6)
        agenda.agree(agenda.plan_of(koepel, today().year), today())
        db.session.commit()
    login(client, world.a.board)
    page = client.get(f"/o/{world.a.slug}/koepel/").text
    assert "Jaarplan van Koepel Zuid" in page and "Gezamenlijk huurbeleid" in page
    client.post("/logout")
    login(client, world.b.board)
    assert "Gezamenlijk huurbeleid" not in client.get(f"/o/{world.b.slug}/koepel/").text


def test_another_organisation_cannot_agree_or_answer(app, client, world):
    """Is the board of organisation A refused on B's agenda, leaving it unagreed?"""
    with app.app_context():
        factories.plan_item(db.session.get(Organisation, world.b.id))
        db.session.commit()
    login(client, world.a.admin)
    url = f"/o/{world.b.slug}/participatiekalender/2026/afspraken/agree"
    assert client.post(url, data={"agreed_on": today().isoformat()}).status_code in (403, 404)
    with app.app_context():
        assert db.session.scalar(select(AgreedVersion)) is None
        assert db.session.scalar(select(PlanItem.title)) == "Huurbeleid"


def test_two_boards_agreeing_at_once_make_one_version(ctx):
    """When a version of the same number was stored a moment ago, is the second refused
    with a clear message instead of an error?"""
    org = factories.organisation()
    factories.plan_item(org)
    plan = agenda.plan_of(org, 2026)
    assert plan.versions == []  # as this board's page loaded them
    # Another board's version 1, stored after that.
    db.session.execute(
        insert(AgreedVersion).values(
            organisation_id=org.id,
            plan_id=plan.id,
            number=1,
            agreed_on=today(),
            items=[],
            content_hash=content_hash([]),
            note="",
            agreed_by="ander@example.org",
            created_at=utcnow(),
        )
    )
    with pytest.raises(DomainError, match="zojuist"):
        agenda.agree(plan, today())
