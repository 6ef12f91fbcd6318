"""Meetings: agenda terms, moving a meeting, items from the board, the landlord and member
organisations, papers on time and late, fixing and mailing the agenda, and who sees what."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.meetings import papers, services
from consult.meetings.models.meetings import MeetingKind, MeetingState
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login

PDF = b"%PDF-1.7\n"


def _details(meeting, **changes):
    values = {
        "kind": MeetingKind(meeting.kind),
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "users": [p.user for p in meeting.participants if p.user],
        "member_organisations": [
            p.member_organisation for p in meeting.participants if p.member_organisation
        ],
    }
    return services.MeetingDetails(**{**values, **changes})


def test_the_portaal_spring_meeting_has_its_8_and_2_week_terms(ctx):
    """Does a koepel's spring meeting get its concept agenda 8 and its papers 2 weeks ahead,
    with items from three HBV's?"""
    koepel = factories.organisation("Portaal HBV's")
    hbvs = [factories.organisation(name) for name in ("HBV Hestia", "HBV De Klink", "HBV Leiden")]
    for hbv in hbvs:
        factories.koepel_member(koepel, hbv)
    meeting = factories.meeting(koepel, member_organisations=hbvs)
    day = meeting.starts_at.date()
    assert meeting.concept_due_on == day - timedelta(weeks=8)
    assert meeting.final_due_on == day - timedelta(weeks=2)
    for hbv in hbvs:
        services.add_item(meeting, services.ItemDetails(f"Inbreng {hbv.name}"), hbv)
    assert [item.proposed_by for item in meeting.items] == [h.name for h in hbvs]
    assert [item.position for item in meeting.items] == [1, 2, 3]


def test_the_organisations_own_terms_apply_and_a_moved_meeting_moves_them(ctx):
    """Do the organisation's own terms apply, and does moving the meeting move its terms?"""
    org = factories.organisation()
    services.set_terms(org, MeetingKind.LANDLORD, 6, 3)
    meeting = factories.meeting(org, kind="landlord")
    assert meeting.starts_at.date() - meeting.final_due_on == timedelta(weeks=3)
    later = meeting.starts_at + timedelta(days=14)
    assert services.update_meeting(meeting, _details(meeting, starts_at=later))
    assert meeting.concept_due_on == later.date() - timedelta(weeks=6)
    assert not services.update_meeting(meeting, _details(meeting, title="Ander"))


def test_terms_out_of_order_are_refused(ctx):
    """Is a final agenda due before the concept agenda refused?"""
    with pytest.raises(DomainError):
        services.set_terms(factories.organisation(), MeetingKind.BOARD, 2, 4)


def test_a_paper_after_the_term_is_late_and_moving_the_meeting_changes_that(ctx):
    """Is a paper added after the final term marked late, and on time once the meeting moves?"""
    org = factories.organisation()
    board = factories.user(org)
    meeting = factories.meeting(org, days_ahead=10)  # the 2-week term has passed
    item = services.add_item(meeting, services.ItemDetails("Huurverhoging"), board)
    paper = papers.add_paper(item, "notitie.pdf", PDF, board)
    assert paper.late
    services.update_meeting(
        meeting, _details(meeting, starts_at=meeting.starts_at + timedelta(days=28))
    )
    assert not paper.late


def test_a_file_of_another_kind_is_refused(ctx):
    """Is a file that is no document refused with a clear message?"""
    org = factories.organisation()
    board = factories.user(org)
    item = services.add_item(factories.meeting(org), services.ItemDetails("x"), board)
    with pytest.raises(DomainError, match="niet toevoegen"):
        papers.add_paper(item, "virus.exe", b"MZ\x90\x00", board)


def test_fixing_the_agenda_mails_every_participant_the_same_day(ctx):
    """Does fixing the agenda mail it to invited accounts and member organisations' boards?"""
    koepel = factories.organisation()
    hbv = factories.organisation()
    factories.koepel_member(koepel, hbv)
    hbv_board = factories.user(hbv)
    landlord = factories.user(koepel, factories.Role.LANDLORD)
    meeting = factories.meeting(koepel, users=[landlord], member_organisations=[hbv])
    services.add_item(meeting, services.ItemDetails("Jaarplan"), landlord)
    services.move(meeting, MeetingState.FIXED)
    assert meeting.fixed_on == clock.today()
    sent = db.session.scalars(
        select(OutboxMessage.recipient).where(OutboxMessage.kind == "meeting_agenda")
    )
    assert sorted(sent) == sorted([landlord.email, hbv_board.email])
    message = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == landlord.email)
    )
    mail = render(message)
    assert "Jaarplan" in mail.text and "19:30" in mail.text
    assert f"/verhuurder/vergaderingen/{meeting.id}" in mail.text
    with pytest.raises(DomainError):
        services.add_item(meeting, services.ItemDetails("Te laat"), landlord)


def test_an_empty_agenda_cannot_be_fixed_and_cancelled_is_final(ctx):
    """Is fixing an empty agenda refused, and can a cancelled meeting not come back?"""
    meeting = factories.meeting(factories.organisation())
    with pytest.raises(DomainError):
        services.move(meeting, MeetingState.FIXED)
    services.move(meeting, MeetingState.CANCELLED)
    with pytest.raises(DomainError):
        services.move(meeting, MeetingState.PLANNED)


def test_links_and_invitees_of_another_organisation_are_refused(ctx):
    """Are a dossier and an account of another organisation refused?"""
    org, other = factories.organisation(), factories.organisation()
    meeting = factories.meeting(org)
    with pytest.raises(DomainError):
        services.add_item(
            meeting,
            services.ItemDetails("x", dossier=factories.dossier(other)),
            factories.user(org),
        )
    with pytest.raises(DomainError):
        services.update_meeting(meeting, _details(meeting, users=[factories.user(other)]))


def test_the_board_plans_a_meeting_and_adds_an_item_over_http(app, client, world):
    """Can the board plan a meeting, see its terms and put an item on the agenda?"""
    login(client, world.a.board)
    day = (clock.today() + timedelta(days=90)).isoformat()
    response = client.post(
        f"/o/{world.a.slug}/vergaderingen/new",
        data={"kind": "landlord", "title": "Regulier overleg", "day": day, "time": "14:00"},
        follow_redirects=True,
    )
    assert "Regulier overleg" in response.text and "14:00" in response.text
    with app.app_context():
        meeting = db.session.scalar(
            select(services.Meeting).where(services.Meeting.title == "Regulier overleg")
        )
        meeting_id = meeting.id
    response = client.post(
        f"/o/{world.a.slug}/vergaderingen/{meeting_id}/items",
        data={"title": "Onderhoudsplan", "dossier_choice": str(world.a.dossier_id)},
        follow_redirects=True,
    )
    assert "Onderhoudsplan" in response.text


def test_bad_meeting_input_shows_a_message_and_stores_nothing(app, client, world):
    """Is a meeting without a date refused with a message in Dutch?"""
    login(client, world.a.board)
    response = client.post(f"/o/{world.a.slug}/vergaderingen/new", data={"title": "X"})
    assert response.status_code == 200
    assert "Vul de datum in" in response.text


def test_the_landlord_sees_only_meetings_it_takes_part_in(app, client, world):
    """Does a landlord account see a meeting it is invited to, and get 404 for another?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        landlord = db.session.scalar(
            select(services.User).where(services.User.email == world.a.landlord)
        )
        invited = factories.meeting(org, title="Met verhuurder", users=[landlord])
        other = factories.meeting(org, title="Alleen bestuur", kind="board")
        db.session.commit()
        invited_id, other_id = invited.id, other.id
    login(client, world.a.landlord)
    listing = client.get(f"/o/{world.a.slug}/verhuurder/vergaderingen/")
    assert "Met verhuurder" in listing.text and "Alleen bestuur" not in listing.text
    assert client.get(f"/o/{world.a.slug}/verhuurder/vergaderingen/{other_id}").status_code == 404
    response = client.post(
        f"/o/{world.a.slug}/verhuurder/vergaderingen/{invited_id}/items",
        data={"title": "Jaarplan onderhoud"},
        follow_redirects=True,
    )
    assert "Jaarplan onderhoud" in response.text


def test_another_organisations_meeting_is_not_found(app, client, world):
    """Does a board member of A get 404 for a meeting of B, by id in A's address?"""
    with app.app_context():
        meeting = factories.meeting(db.session.get(Organisation, world.b.id))
        db.session.commit()
        meeting_id = meeting.id
    login(client, world.a.board)
    assert client.get(f"/o/{world.a.slug}/vergaderingen/{meeting_id}").status_code == 404


def test_meetings_show_in_the_participatiekalenders_year_view(app, client, world):
    """Is a meeting listed in its month of the participatiekalender's calendar view?"""
    with app.app_context():
        meeting = factories.meeting(db.session.get(Organisation, world.a.id), title="ALV 2027")
        db.session.commit()
        day = meeting.starts_at.date()
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/participatiekalender/{day.year}/calendar").text
    assert "ALV 2027" in page


def _fixed_with_paper(data=PDF):
    """A fixed meeting with one item and its paper, and the rendered agenda mail to the board."""
    org = factories.organisation()
    board = factories.user(org)
    meeting = factories.meeting(org, users=[board])
    item = services.add_item(meeting, services.ItemDetails("Jaarplan"), board)
    papers.add_paper(item, "Jaarplan 2027 é.pdf", data, board)
    services.move(meeting, MeetingState.FIXED)
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "meeting_agenda"))
    return render(message)


def test_the_final_agenda_carries_its_papers(ctx):
    """Does the final agenda mail carry the papers as attachments a mail program opens?"""
    from email import message_from_bytes, policy

    from consult.mail.message import assemble

    mail = _fixed_with_paper()
    assert mail.attachments == (("Jaarplan 2027 é.pdf", "application/pdf", PDF),)
    assert "attached" in mail.text or "bijlage" in mail.text
    data = assemble(
        "Consult <consult@example.org>",
        "a@example.org",
        mail.subject,
        mail.text,
        mail.html,
        "<1@consult>",
        attachments=mail.attachments,
    )
    parsed = message_from_bytes(data, policy=policy.default)
    [attached] = list(parsed.iter_attachments())
    assert attached.get_filename() == "Jaarplan 2027 é.pdf"
    assert attached.get_content() == PDF
    assert "Jaarplan" in parsed.get_body(("plain",)).get_content()


def test_papers_too_large_together_are_linked_not_attached(ctx, app):
    """Are papers larger together than MEETING_PAPERS_MAIL_MAX_BYTES left out, with the link?"""
    app.config["MEETING_PAPERS_MAIL_MAX_BYTES"] = len(PDF) - 1
    mail = _fixed_with_paper()
    assert mail.attachments == ()
    assert "/vergaderingen/" in mail.text
