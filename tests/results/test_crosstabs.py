"""Results per segment: shares within each group, with small groups never given away."""

import itertools

from consult.extensions import db
from consult.invitations.queries import hidden_groups
from consult.panel import services as panel
from consult.results.crosstabs import by_segment
from consult.surveys import services
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


def test_the_results_page_shows_the_answers_per_district(app, client):
    """Does choosing 'Wijk' show a table per question with a hidden small group?"""
    with app.app_context():
        org = factories.organisation()
        survey, wijk = seed(org, {"Noord": (3, 3), "Zuid": (4, 3), "Oost": (1, 1)})
        board = factories.user(org).email
        slug, survey_id, wijk_id = org.slug, survey.id, wijk.id
        db.session.commit()
    login(client, board)
    base = f"/o/{slug}/consultations/{survey_id}/results"
    page = client.get(f"{base}?by={wijk_id}&channel=invitation").get_data(as_text=True)
    assert "Per Wijk (percentage binnen elke groep)" in page
    assert "niet getoond" in page and "57,1%" in page
    assert "(n = &lt;5)" in page
