"""The representativeness arithmetic, on plain numbers."""

import pytest

from consult.panel.representation import compare


def test_a_panel_composed_like_the_tenants_is_fully_representative():
    """Is a panel with exactly the tenants' proportions 100% representative, without verdicts?"""
    result = compare("Wijk", [("Noord", 20, 200), ("Zuid", 30, 300)])
    assert result.representativeness == pytest.approx(100)
    assert [group.verdict for group in result.groups] == [None, None]


def test_young_tenants_missing_from_the_panel_are_named():
    """Is a group at 8% of the panel but 21% of the tenants called under-represented?"""
    result = compare("Leeftijd", [("jonger dan 35", 8, 21), ("35 en ouder", 92, 79)])
    young, older = result.groups
    assert young.panel_share == pytest.approx(8) and young.population_share == pytest.approx(21)
    assert young.verdict == "under" and older.verdict is None
    assert result.representativeness == pytest.approx(87)


def test_small_differences_are_no_verdict():
    """Is a gap under 5 percentage points left without a verdict, even at a large ratio?"""
    result = compare("Complex", [("A", 3, 1), ("B", 97, 99)])
    assert [group.verdict for group in result.groups] == [None, None]


def test_over_representation_is_named():
    """Is a group with twice its share of the tenants called over-represented?"""
    result = compare("Wijk", [("Noord", 60, 30), ("Zuid", 40, 70)])
    assert [group.verdict for group in result.groups] == ["over", "under"]


def test_without_population_there_is_no_figure_and_no_verdict():
    """Without entered figures (or with only zeros), are shares of the panel still given?"""
    for populations in ((None, None), (0, 0), (10, None)):
        result = compare("Wijk", [("Noord", 1, populations[0]), ("Zuid", 3, populations[1])])
        assert result.representativeness is None
        assert [g.panel_share for g in result.groups] == [25, 75]
        assert all(g.verdict is None for g in result.groups)


def test_an_empty_panel_gives_no_figure():
    """Does a dimension without members with a known value give no shares and no figure?"""
    result = compare("Wijk", [("Noord", 0, 10), ("Zuid", 0, 10)], unknown=4)
    assert result.representativeness is None and result.unknown == 4
    assert [g.panel_share for g in result.groups] == [None, None]
