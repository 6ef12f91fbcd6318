"""Attendance: invitees say whether they come, the board sees the count and prints a list."""

import pytest
from sqlalchemy import select

from consult.accounts.models import User
from consult.core.errors import DomainError
from consult.extensions import db
from consult.meetings import queries, services
from consult.meetings.models.meetings import MeetingState
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login


def test_invitees_answer_and_the_counts_follow(ctx):
    """Are the answers counted as coming, not coming and no answer?"""
    org = factories.organisation()
    a, b, c = (factories.user(org) for _ in range(3))
    meeting = factories.meeting(org, users=[a, b, c])
    services.answer_attendance(meeting, a, True)
    services.answer_attendance(meeting, b, False)
    services.answer_attendance(meeting, b, True)  # changed their mind
    assert queries.attendance_counts(meeting) == {True: 2, False: 0, None: 1}


def test_only_invitees_answer_and_only_before_the_meeting(ctx):
    """Is an answer refused from someone not invited, and after the meeting was cancelled?"""
    org = factories.organisation()
    invited = factories.user(org)
    meeting = factories.meeting(org, users=[invited])
    with pytest.raises(DomainError):
        services.answer_attendance(meeting, factories.user(org), True)
    services.move(meeting, MeetingState.CANCELLED)
    with pytest.raises(DomainError):
        services.answer_attendance(meeting, invited, True)


def test_the_landlord_answers_and_the_board_prints_the_presence_list(app, client, world):
    """Does the landlord's answer show on the board's presence list?"""
    with app.app_context():
        landlord = db.session.scalar(select(User).where(User.email == world.a.landlord))
        meeting = factories.meeting(db.session.get(Organisation, world.a.id), users=[landlord])
        db.session.commit()
        meeting_id = meeting.id
    login(client, world.a.landlord)
    client.post(
        f"/o/{world.a.slug}/verhuurder/vergaderingen/{meeting_id}/attendance",
        data={"attending": "yes"},
    )
    viewer = app.test_client()
    login(viewer, world.a.viewer)
    page = viewer.get(f"/o/{world.a.slug}/vergaderingen/{meeting_id}/presence").text
    assert world.a.landlord in page and "komt" in page
    assert "Komen: 1" in page
