"""The results page's query arguments: which group, split and weighting the board gets."""

from types import SimpleNamespace

import pytest
from werkzeug.datastructures import MultiDict

from consult.results.groups import CHANNEL, Group
from consult.results.page_query import ResultsQuery

WIJK = SimpleNamespace(
    id=7,
    name="Wijk",
    values=[SimpleNamespace(id=71, label="Noord"), SimpleNamespace(id=72, label="Zuid")],
)
AGE = SimpleNamespace(id=8, name="Leeftijd", values=[SimpleNamespace(id=81, label="jong")])
#: Two channels, each large enough to be shown apart; and one with a channel too small.
APART, TOGETHER = {"invitation": 40, "paper": 6}, {"invitation": 40, "paper": 2}


def query(channels=APART, **args) -> ResultsQuery:
    return ResultsQuery.from_args(MultiDict(args), channels, [WIJK, AGE])


@pytest.fixture(autouse=True)
def _app_context(app):
    with app.app_context():  # the smallest group shown (MIN_GROUP_SIZE) is a setting
        yield


def test_without_arguments_nothing_is_chosen():
    """Does a bare results page narrow, split and weigh nothing?"""
    chosen = query()
    assert (chosen.group, chosen.dimension, chosen.weighing) == (None, None, None)
    assert not (chosen.by_channel or chosen.split or chosen.show_intervals or chosen.report)
    assert chosen.split_name() is None and chosen.group_label() is None
    assert chosen.splittable


def test_a_segment_value_of_the_organisation_narrows_the_results():
    """Does ``segment=`` narrow to that value, named with its dimension?"""
    chosen = query(segment="72")
    assert chosen.group == Group(7, 72) and chosen.group_label() == "Wijk: Zuid"


def test_a_channel_narrows_only_when_channels_may_be_shown_apart():
    """Is ``channel=paper`` refused when the paper channel is too small to show apart?"""
    assert query(channel="paper").group == Group(CHANNEL, "paper")
    assert query(channel="paper").group_label() == "papieren formulier"
    assert query(TOGETHER, channel="paper").group is None
    assert not query(TOGETHER).splittable


@pytest.mark.parametrize(
    "args", [{"segment": "99"}, {"channel": "open"}, {"by": "99"}, {"weigh": "x"}, {"print": "2"}]
)
def test_what_is_not_the_organisations_is_ignored(args):
    """Is a foreign segment, an unknown channel or dimension, or a wrong flag left out?"""
    assert query(**args) == query()


def test_splits_and_weights_by_a_dimension_or_channel():
    """Do ``by=`` and ``weigh=`` pick the organisation's dimension, or the channel?"""
    chosen = query(by="8", weigh="7", intervals="1", print="1")
    assert chosen.dimension is AGE and chosen.weighing is WIJK and chosen.split
    assert chosen.split_name() == "Leeftijd" and chosen.show_intervals and chosen.report
    assert query(by="channel").by_channel and query(by="channel").split_name() == "kanaal"
    assert not query(TOGETHER, by="channel").by_channel


def test_a_group_cancels_splits_and_weights():
    """With a group chosen, are the split and weighting dropped (they are over everyone)?"""
    chosen = query(segment="71", by="8", weigh="7")
    assert chosen.group == Group(7, 71)
    assert (chosen.by_channel, chosen.dimension, chosen.weighing) == (False, None, None)
    assert query(channel="paper", by="channel").by_channel is False
