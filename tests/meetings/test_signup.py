"""Panel members and the members' meeting: a personal link by mail, an answer, the count."""

import re

import pytest
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.meetings import signup
from consult.meetings.models.meetings import MeetingState
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def test_each_reachable_member_is_asked_once(ctx):
    """Does inviting the panel mail each active member once, also when done twice?"""
    org = factories.organisation()
    members = [factories.member(org) for _ in range(3)]
    meeting = factories.meeting(org, kind="members", title="ALV")
    assert signup.invite_panel(meeting) == 3
    assert signup.invite_panel(meeting) == 0
    recipients = db.session.scalars(
        select(OutboxMessage.recipient).where(OutboxMessage.kind == "meeting_signup")
    )
    assert sorted(recipients) == sorted(m.email for m in members)


def test_only_a_members_meeting_is_open_to_the_panel(ctx):
    """Is inviting the panel to a board meeting refused?"""
    org = factories.organisation()
    with pytest.raises(DomainError):
        signup.invite_panel(factories.meeting(org, kind="board"))


def test_a_member_answers_through_the_link_and_the_board_sees_it(app, client, world):
    """Does opening the link change nothing, the answer count, and the presence list show it;
    and is an unknown link 404?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        meeting = factories.meeting(org, kind="members", title="Participantenvergadering")
        signup.invite_panel(meeting)
        db.session.commit()
        message = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "meeting_signup")
        ).first()
        link = re.search(r"/vergadering/[A-Za-z0-9_-]+", render(message).text)[0]
        meeting_id, email = meeting.id, message.recipient
    page = client.get(link)
    assert page.status_code == 200 and "Participantenvergadering" in page.text
    with app.app_context():
        assert signup.signup_counts(db.session.get(signup.Meeting, meeting_id))[None] == 3
    client.post(link, data={"attending": "yes"})
    assert client.get("/vergadering/onbekend").status_code == 404
    login(client, world.a.board)
    presence = client.get(f"/o/{world.a.slug}/vergaderingen/{meeting_id}/presence").text
    assert email in presence
    shown = client.get(f"/o/{world.a.slug}/vergaderingen/{meeting_id}").text
    assert "Komen: 1" in shown


def test_no_answer_after_the_meeting(ctx):
    """Is an answer refused once the meeting was cancelled?"""
    org = factories.organisation()
    factories.member(org)
    meeting = factories.meeting(org, kind="members")
    signup.invite_panel(meeting)
    [registration] = db.session.scalars(select(signup.Registration)).all()
    meeting.move_to(MeetingState.CANCELLED)
    with pytest.raises(DomainError):
        signup.answer(registration, True)
