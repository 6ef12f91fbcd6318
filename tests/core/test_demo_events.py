"""The demo shows issue 26: a Participatielab with sign-ups and a finished draagvlakmeting."""

import pytest
from sqlalchemy import select

from consult.core import clock
from consult.demo import DEMO_SLUG
from consult.draagvlak import queries
from consult.draagvlak.models import Meting, MetingState
from consult.events.models import Event
from consult.extensions import db


@pytest.mark.slow
def test_the_demo_has_a_participatielab_and_a_passed_draagvlakmeting(app):
    """Does the demo have an event of four sessions in two rounds with three prices and
    people signed up, and a closed draagvlakmeting that passed over all its addresses?"""
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert event.organisation.slug == DEMO_SLUG
        assert [len(group) for group in event.rounds] == [2, 2]
        assert [kind.price_cents for kind in event.prices] == [5000, 8500, 10000]
        assert sum(session.taken for session in event.sessions) == 16  # eight people, two rounds
        meting = db.session.scalar(select(Meting))
        count = queries.count(meting)
        assert meting.state_on(clock.today()) == MetingState.CLOSED
        assert (count.addresses, count.voted, count.agree, count.passed) == (40, 36, 30, True)
