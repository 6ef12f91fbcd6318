"""Results per segment: shares within each group, with small groups never given away."""

import itertools

import pytest
from sqlalchemy import select

from consult.demo import DEMO_PASSWORD, DEMO_SLUG
from consult.demo import seed as seed_demo
from consult.extensions import db
from consult.invitations.queries import hidden_groups
from consult.panel import services as panel
from consult.panel.models import SegmentDimension
from consult.results.crosstabs import by_segment
from consult.surveys import closing, services
from consult.surveys.models.responses import Channel
from tests import factories
from tests.conftest import login


def seed(org, sizes: dict[str, tuple[int, int]]):
    """A consultation answered per district: label -> (choosing option 0, choosing option 1)."""
    wijk = panel.define_dimension(org, "Wijk", list(sizes))
    survey = factories.consultation(org)
    for value in wijk.values:
        first, second = sizes[value.label]
        for option_index in [0] * first + [1] * second:
            services.record_response(
                survey,
                factories.answers(survey, option_index=option_index),
                Channel.INVITATION,
                [(wijk.id, value.id)],
            )
    return survey, wijk


def test_shares_within_each_group(ctx):
    """Does each district get its own percentages, with its base?"""
    survey, wijk = seed(factories.organisation(), {"Noord": (6, 0), "Zuid": (3, 3)})
    choice = by_segment(survey, wijk)[0]
    assert [(g.label, g.answered, g.shown) for g in choice.groups] == [
        ("Noord", 6, True),
        ("Zuid", 6, True),
    ]
    assert choice.rows[0] == ("Schoonmaak", [100.0, 50.0])
    assert choice.rows[1] == ("Groen", [0.0, 50.0])


def test_a_small_group_is_hidden_and_so_is_the_next_smallest(ctx):
    """With Oost answered by two, are Oost and the smallest other group both hidden?"""
    survey, wijk = seed(factories.organisation(), {"Noord": (3, 3), "Zuid": (4, 3), "Oost": (1, 1)})
    choice = by_segment(survey, wijk)[0]
    assert [(g.label, g.shown) for g in choice.groups] == [
        ("Noord", False),
        ("Zuid", True),
        ("Oost", False),
    ]
    assert choice.rows[0][1] == [None, 57.1, None]


def test_no_small_group_can_be_worked_out_from_the_total():
    """For every mix of group sizes, are the hidden groups together never under five?"""
    for sizes in itertools.product([0, 1, 2, 4, 5, 6, 9], repeat=4):
        shown = [not hidden for hidden in hidden_groups(list(sizes), 5)]
        hidden = [size for size, visible in zip(sizes, shown, strict=True) if not visible]
        for size, visible in zip(sizes, shown, strict=True):
            if 0 < size < 5:
                assert not visible, sizes
        # Total minus the groups shown is the hidden groups together: never 1 to 4, unless
        # the total itself is under five, and then the question shows no figures at all.
        assert not 0 < sum(hidden) < 5 or sum(sizes) < 5, sizes


def split_page(app, client, sizes: dict[str, tuple[int, int]], query: str = "") -> str:
    """The results page split per district, as the organisation's board member sees it."""
    with app.app_context():
        org = factories.organisation()
        survey, wijk = seed(org, sizes)
        closing.close_early(survey, "Klaar")  # splits wait until an anonymous one closes
        board = factories.user(org).email
        url = f"/o/{org.slug}/consultations/{survey.id}/results?by={wijk.id}{query}"
        db.session.commit()
    login(client, board)
    return client.get(url).get_data(as_text=True)


def test_the_results_page_shows_the_answers_per_district(app, client):
    """Does choosing 'Wijk' show a table per question with a hidden small group?"""
    sizes = {"Noord": (3, 3), "Zuid": (4, 3), "Oost": (1, 1)}
    page = split_page(app, client, sizes, "&channel=invitation")
    assert "Per Wijk (percentage binnen elke groep)" in page
    assert "niet getoond" in page and "57,1%" in page
    assert "(n = &lt;5)" in page


def test_every_group_big_enough_shows_every_group_and_a_chart(app, client):
    """With each district answered by five or more, is every column shown, also as bars?"""
    page = split_page(app, client, {"Noord": (3, 2), "Zuid": (4, 3), "Oost": (5, 0)})
    assert "niet getoond" not in page and "60,0%" in page and "100,0%" in page
    assert 'data-target="split-chart-' in page and '"barmode":"group"' in page


@pytest.mark.slow  # seeds the whole demo (a few seconds)
def test_the_demo_split_by_wijk_shows_centrum_and_noord(app, client):
    """On the demo, Centrum (24) and Noord (25) answered enough: are they shown per Wijk?"""
    with app.app_context():
        seed_demo()
        wijk = db.session.scalar(select(SegmentDimension).where(SegmentDimension.name == "Wijk"))
        wijk_id = wijk.id
    login(client, "bestuur@devoorbeeld.nl", DEMO_PASSWORD)
    page = client.get(f"/o/{DEMO_SLUG}/consultations/1/results?by={wijk_id}").get_data(as_text=True)
    assert 'Centrum <span class="muted">(n = 24)' in page
    assert 'Noord <span class="muted">(n = 25)' in page
    assert "niet getoond" not in page
