"""The terms of the advice procedure: six weeks, 14 days, 3 days, and the next working day."""

from datetime import date, timedelta

import pytest

from consult.core.clock import today as surveys_today
from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.deadlines import services as deadlines
from consult.dossiers.models import Phase, ReplyOutcome
from tests import factories
from tests.conftest import login


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))],
)
def test_easter_is_computed_right(year, sunday):
    """Is Easter Sunday the one in the calendar?"""
    assert deadlines.easter(year) == sunday


def test_public_holidays_of_the_algemene_termijnenwet(ctx):
    """Are Ascension, Whit Monday, King's Day, Christmas, Good Friday and the days a decree
    equates with them holidays, and an ordinary Thursday not?"""
    holidays = deadlines.public_holidays(2026)
    assert {date(2026, 5, 14), date(2026, 5, 25), date(2026, 4, 27), date(2026, 12, 26)} <= holidays
    assert {date(2026, 4, 3), date(2026, 5, 15), date(2026, 1, 2)} <= holidays
    assert date(2026, 5, 21) not in holidays
    assert date(2025, 4, 26) in deadlines.public_holidays(2025)  # 27 April 2025 is a Sunday


def test_a_term_ending_on_good_friday_runs_on_to_tuesday(ctx):
    """Advice given on 20 March 2026: are the reasons due on Tuesday 7 April, after Easter?"""
    deadline = deadlines.legal("reasons", date(2026, 3, 20), deadlines.REASONS_TERM)
    assert (deadline.due_on, deadline.moved_from) == (date(2026, 4, 7), date(2026, 4, 3))


def test_three_days_hold_two_working_days(ctx):
    """Reasons received on a Friday: may the landlord act from Tuesday, not Monday?"""
    deadline = deadlines.legal("action", date(2026, 11, 20), deadlines.WAITING_TERM)
    assert deadline.due_on == date(2026, 11, 24)


def test_a_term_ending_at_christmas_runs_on_to_the_next_working_day(ctx):
    """Advice given on Friday 11 December: are the reasons due on Monday 28 December?"""
    deadline = deadlines.legal("reasons", date(2026, 12, 11), deadlines.REASONS_TERM)
    assert deadline.due_on == date(2026, 12, 28)
    assert deadline.moved_from == date(2026, 12, 25)


def test_a_term_ending_on_a_working_day_stays(ctx):
    """Is a deadline on a Monday left where it is, without a note?"""
    deadline = deadlines.legal("reasons", date(2026, 11, 2), deadlines.REASONS_TERM)
    assert (deadline.due_on, deadline.moved_from) == (date(2026, 11, 16), None)


def test_a_request_on_saturday_gets_its_advice_term_to_monday(ctx):
    """Six weeks from a Saturday end on a Saturday: is the advice due the Monday after?"""
    dossier = factories.dossier(factories.organisation(), requested_on=date(2026, 10, 31))
    assert dossier.advice_due_on == date(2026, 12, 14)


def test_an_advice_term_that_ends_before_the_request_is_refused(ctx):
    """Is a term ending on or before the day of the request refused?"""
    org = factories.organisation()
    for due in (date(2026, 10, 1), date(2026, 11, 2)):
        with pytest.raises(DomainError):
            factories.dossier(org, requested_on=date(2026, 11, 2), advice_due_on=due)


def test_a_term_shorter_than_six_weeks_is_kept_and_flagged(app, client, world):
    """Does a four-week term from the landlord stay, with a warning on the dossier?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/new",
        data={
            "title": "Snel advies",
            "kind": "requested",
            "right": "advice",
            "requested_on": "2026-11-02",
            "advice_due_on": "2026-11-30",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "30 november 2026" in page
    assert "korter dan het wettelijke minimum van zes weken" in page


def test_the_landlords_terms_follow_the_advice_and_the_reply(ctx):
    """After advice and a reply that does not follow it: reasons due in 14 days, action in 3?"""
    org = factories.organisation()
    dossier = factories.dossier(org, requested_on=date(2026, 3, 2))
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=date(2026, 4, 10))
    services.move(dossier, Phase.LANDLORD_REPLY, date(2026, 4, 24), ReplyOutcome.NOT_FOLLOWED)
    found = {d.kind: d for d in deadlines.deadlines_of(dossier)}
    assert found["advice"].done and found["reasons"].done
    assert found["reasons"].due_on == date(2026, 4, 24)
    # Three days after Friday 24 April hold one working day only (King's Day is Monday 27
    # April): the term runs on until it holds two, Wednesday 29 April.
    assert found["action"].due_on == date(2026, 4, 29)


def test_no_waiting_term_when_the_landlord_follows_the_advice(ctx):
    """Does a reply that follows the advice give no 'may act from' date?"""
    dossier = factories.dossier(factories.organisation(), requested_on=date(2026, 3, 2))
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=date(2026, 4, 10))
    services.move(dossier, Phase.LANDLORD_REPLY, date(2026, 4, 20), ReplyOutcome.FOLLOWED)
    assert [d.kind for d in deadlines.deadlines_of(dossier)] == ["advice", "reasons"]


def test_an_open_deadline_past_its_day_is_overdue(ctx):
    """Is advice not given by its due day shown as overdue, and gone once given?"""
    today = surveys_today()
    dossier = factories.dossier(factories.organisation(), requested_on=today - timedelta(weeks=8))
    [advice] = deadlines.open_deadlines(dossier)
    assert advice.overdue(today)
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=today)
    assert [d.kind for d in deadlines.open_deadlines(dossier)] == ["reasons"]


def test_a_date_far_in_the_future_is_refused_with_a_message(app, client, world):
    """Does a request dated 9999 get a clear message instead of an error page?"""
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/new",
        data={"title": "X", "kind": "requested", "right": "advice", "requested_on": "9999-12-01"},
    )
    assert response.status_code == 200
    assert "Vul een datum tussen 2000 en 2100 in." in response.get_data(as_text=True)
