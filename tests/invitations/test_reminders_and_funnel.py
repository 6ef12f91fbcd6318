"""Reminders to those who have not answered, segment invitations, and the board's funnel."""

import re
import threading
from datetime import datetime, time, timedelta

import pytest
from flask import current_app
from sqlalchemy import func, select, update

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import inviting, queries, reminders, submitting
from consult.invitations.models import Invitation, Reminder
from consult.mail.models import OutboxMessage
from tests import factories
from tests.conftest import login


@pytest.fixture
def half_answered(ctx):
    """Four members invited; one answered, one address bounced; reminder due today."""
    org = factories.organisation()
    members = [factories.member(org) for _ in range(4)]
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    first, second, *_ = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
    submitting.submit(first, factories.answers(consultation))
    second.member.bounced_at = second.bounced_at = today()
    reminders.schedule_reminder(consultation, today())
    db.session.commit()
    return consultation, members


def reminder_recipients() -> list[str]:
    return sorted(db.session.scalars(select(OutboxMessage.recipient).filter_by(kind="reminder")))


def test_a_reminder_goes_only_to_those_who_did_not_answer(half_answered):
    """Does the reminder reach the two reachable members who did not answer, and no one else?"""
    _, members = half_answered
    assert reminders.send_due_reminders() == 2
    assert reminder_recipients() == sorted(m.email for m in members[2:])


def test_no_reminder_to_members_who_paused_or_left(half_answered):
    """Does a member who paused invitations or left the panel after the invitation get no
    reminder?"""
    from consult.membership import services as membership

    _, members = half_answered
    membership.pause(members[2], today() + timedelta(days=10))
    membership.leave(members[3])
    assert reminders.send_due_reminders() == 0
    assert reminder_recipients() == []


def test_a_reminder_is_sent_once_however_often_workers_look(half_answered):
    """Do repeated and simultaneous runs send a reminder exactly once?"""
    app = current_app._get_current_object()
    results = []
    barrier = threading.Barrier(3)

    def run():
        with app.app_context():
            barrier.wait()
            results.append(reminders.send_due_reminders())
            db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [0, 0, 2]
    assert reminders.send_due_reminders() == 0
    assert len(reminder_recipients()) == 2


def test_no_reminder_after_the_consultation_closed(half_answered):
    """Is a due reminder skipped when the consultation has closed meanwhile?"""
    consultation, _ = half_answered
    assert reminders.send_due_reminders(today() + timedelta(days=30)) == 0
    assert reminder_recipients() == []
    assert db.session.scalar(select(Reminder.recipients)) == 0


@pytest.mark.parametrize("days", [-1, 2, 15])
def test_reminders_must_fall_within_the_open_period(ctx, days):
    """Is a reminder in the past, before opening or after closing refused?"""
    consultation = factories.consultation(
        factories.organisation(), opens_in_days=3, closes_in_days=14
    )
    with pytest.raises(DomainError):
        reminders.schedule_reminder(consultation, today() + timedelta(days=days))


def test_two_reminders_on_one_day_are_refused(ctx):
    """Is a second reminder on the same day refused?"""
    consultation = factories.consultation(factories.organisation())
    reminders.schedule_reminder(consultation, today() + timedelta(days=2))
    with pytest.raises(DomainError):
        reminders.schedule_reminder(consultation, today() + timedelta(days=2))


def test_suggested_reminders_are_a_week_after_inviting_and_before_closing(ctx):
    """Does the board get a week after the invitation and two days before closing offered?"""
    org = factories.organisation()
    factories.member(org)
    consultation = factories.consultation(org, closes_in_days=20)
    inviting.invite_panel(consultation)
    assert reminders.suggested_dates(consultation) == [
        today() + timedelta(days=7),
        today() + timedelta(days=18),
    ]


def test_a_week_after_inviting_counts_from_the_dutch_day(ctx):
    """Invited at 23:30 UTC, when it is already the next day in the Netherlands: is the
    reminder offered a week after that Dutch day, not a day early?"""
    org = factories.organisation()
    factories.member(org)
    consultation = factories.consultation(org, closes_in_days=20)
    inviting.invite_panel(consultation)
    late_evening = datetime.combine(today() - timedelta(days=1), time(23, 30))  # naive UTC
    db.session.execute(update(Invitation).values(created_at=late_evening))
    assert reminders.suggested_dates(consultation)[0] == today() + timedelta(days=7)


def test_board_plans_a_reminder_from_the_consultation_page(app, client, world):
    """Can the board plan a suggested reminder with one click?"""
    login(client, world.a.board)
    page = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}"
    assert "Herinneren op" in client.get(page).get_data(as_text=True)
    day = (today() + timedelta(days=7)).isoformat()
    client.post(f"{page}/reminders", data={"send_on": day})
    assert "gepland" in client.get(page).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Reminder.send_on)).isoformat() == day


def test_inviting_a_segment_then_the_rest(ctx):
    """Can the board invite Wijk Noord first and everyone else later, nobody twice?"""
    org = factories.organisation()
    wijk, leeftijd = factories.dimensions(org)
    noord, zuid = wijk.values
    jong, oud = leeftijd.values
    factories.member(org, values=[noord, jong])
    factories.member(org, values=[noord, oud])
    factories.member(org, values=[zuid, oud])
    consultation = factories.consultation(org)
    assert inviting.invite_panel(consultation, [noord.id, oud.id]) == 1
    assert inviting.invite_panel(consultation, [noord.id]) == 1
    assert inviting.invite_panel(consultation) == 1
    assert inviting.invite_panel(consultation) == 0


def test_inviting_listed_members_only(ctx):
    """Can the board invite a chosen list of members by address?"""
    org = factories.organisation()
    chosen = factories.member(org, email="chosen@example.org")
    factories.member(org)
    consultation = factories.consultation(org)
    assert inviting.invite_panel(consultation, emails=["  Chosen@Example.org "]) == 1
    assert db.session.scalar(select(Invitation.member_id)) == chosen.id


def test_listed_addresses_not_on_the_panel_invite_nobody(ctx):
    """Is a list with an address that is not on the panel refused, naming it, inviting none?"""
    org = factories.organisation()
    factories.member(org, email="known@example.org")
    consultation = factories.consultation(org)
    with pytest.raises(DomainError, match="typo@example.org"):
        inviting.invite_panel(consultation, emails=["known@example.org", "typo@example.org"])
    assert db.session.scalar(select(func.count(Invitation.id))) == 0


def test_opening_the_link_is_counted_once(app, client, world):
    """Is a first opening of the link recorded for the funnel, and only once?"""
    for _ in range(3):
        client.get(f"/i/{world.a.tokens[0]}")
    with app.app_context():
        assert db.session.scalar(select(func.count(Invitation.opened_on))) == 1


def test_the_funnel_shows_each_step(app, client, world):
    """Does the board see invited, opened, started and submitted, per day and per segment?"""
    client.get(f"/i/{world.a.tokens[0]}")
    with app.app_context():
        from consult.surveys.models.consultations import Consultation

        consultation = db.session.get(Consultation, world.a.consultation_id)
        form = factories.form_data(factories.answers(consultation))
    client.post(f"/i/{world.a.tokens[1]}", data=form)
    client.post(f"/i/{world.a.tokens[2]}", data={**form, "step": "save"})  # started only
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/funnel")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    figures = html[html.index('class="key-figures"') : html.index("</dl>")]
    # invited, sent, bounced, opened, started, submitted
    assert [int(n) for n in re.findall(r"<dd>(\d+)</dd>", figures)] == [3, 0, 0, 3, 2, 1]


def test_small_segments_show_no_response_figures_not_even_by_subtraction(ctx):
    """Are figures of a segment under five hidden, and its one neighbour's too, so that the
    total minus the groups shown does not give them away?"""
    org = factories.organisation()
    wijk, _ = factories.dimensions(org)
    for index in range(7):
        factories.member(org, values=[wijk.values[0 if index < 5 else 1]])
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    rows = {row.value: row for row in queries.segments(consultation)}
    assert (rows["Zuid"].invited, rows["Zuid"].submitted, rows["Zuid"].response_rate) == (
        2,
        None,
        None,
    )
    assert (rows["Noord"].invited, rows["Noord"].submitted) == (5, None)
    assert queries.totals(consultation).submitted == 0  # the total itself stays visible


def test_board_invites_a_ticked_segment_through_the_form(app, client):
    """Does ticking Wijk Noord on the consultation page invite only the members in Noord?"""
    with app.app_context():
        org = factories.organisation()
        wijk, _ = factories.dimensions(org)
        noord_members = [factories.member(org, values=[wijk.values[0]]).email for _ in range(2)]
        factories.member(org, values=[wijk.values[1]])
        consultation = factories.consultation(org)
        board_email = factories.user(org).email
        page = f"/o/{org.slug}/consultations/{consultation.id}"
        field, noord = f"segment_{wijk.id}", str(wijk.values[0].id)
        db.session.commit()
    login(client, board_email)
    assert f'name="{field}" type="checkbox" value="{noord}"' in client.get(page).get_data(
        as_text=True
    )
    response = client.post(f"{page}/invite", data={field: noord}, follow_redirects=True)
    assert "2 uitnodigingen worden verstuurd" in response.get_data(as_text=True)
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert sorted(recipients) == sorted(noord_members)
