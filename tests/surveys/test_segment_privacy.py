"""An anonymous response keeps only segments that many invited members share (issue 21)."""

import pytest

from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import inviting
from consult.surveys.segment_privacy import choose_dimensions, small_groups, stored_segments
from tests import factories


@pytest.fixture
def panel(ctx):
    """Wijk and Leeftijd; members Noord+jong 6, Zuid+jong 4, Zuid+oud 1 (k = 5)."""
    org = factories.organisation()
    wijk, leeftijd = factories.dimensions(org)
    noord, zuid = wijk.values
    jong, oud = leeftijd.values
    for values, number in (((noord, jong), 6), ((zuid, jong), 4), ((zuid, oud), 1)):
        for _ in range(number):
            factories.member(org, values=values)
    consultation = factories.consultation(org)
    return consultation, wijk, leeftijd


def pairs(*values):
    return [(value.dimension_id, value.id) for value in values]


def test_a_combination_held_by_enough_members_is_kept(panel):
    """Does a response of Noord and jong (six invited members) keep both?"""
    consultation, wijk, leeftijd = panel
    inviting.invite_panel(consultation)
    noord_jong = pairs(wijk.values[0], leeftijd.values[0])
    assert stored_segments(consultation.id, noord_jong) == noord_jong


def test_a_small_combination_loses_the_dimension_with_most_small_groups(panel):
    """Do Zuid and jong (four members) keep Zuid only, as Leeftijd has the small group?"""
    consultation, wijk, leeftijd = panel
    inviting.invite_panel(consultation)
    zuid, (jong, oud) = wijk.values[1], leeftijd.values
    assert stored_segments(consultation.id, pairs(zuid, jong)) == pairs(zuid)
    assert stored_segments(consultation.id, pairs(zuid, oud)) == pairs(zuid)


def test_only_invited_members_count(panel):
    """Once only Noord is invited, does a paper form of Zuid keep no Wijk, and of Zuid and
    oud nothing at all?"""
    consultation, wijk, leeftijd = panel
    inviting.invite_panel(consultation, value_ids=[wijk.values[0].id])
    zuid, (jong, oud) = wijk.values[1], leeftijd.values
    assert stored_segments(consultation.id, pairs(zuid, jong)) == pairs(jong)
    assert stored_segments(consultation.id, pairs(zuid, oud)) == []
    noord_jong = pairs(wijk.values[0], leeftijd.values[0])
    assert stored_segments(consultation.id, noord_jong) == noord_jong


def test_the_boards_choice_is_respected(panel):
    """When the board keeps Leeftijd only, is Wijk never stored?"""
    consultation, wijk, leeftijd = panel
    choose_dimensions(consultation, [leeftijd.id])
    noord, jong = wijk.values[0], leeftijd.values[0]
    assert stored_segments(consultation.id, pairs(noord, jong)) == pairs(jong)
    choose_dimensions(consultation, [])
    assert stored_segments(consultation.id, pairs(noord, jong)) == []


def test_identified_consultations_keep_every_segment(panel):
    """Does an identified consultation keep even a combination of one member?"""
    consultation, wijk, leeftijd = panel
    consultation.anonymous = False
    db.session.flush()
    zuid_oud = pairs(wijk.values[1], leeftijd.values[1])
    assert stored_segments(consultation.id, zuid_oud) == zuid_oud
    with pytest.raises(DomainError):
        choose_dimensions(consultation, [])


def test_another_organisations_dimension_cannot_be_chosen(panel):
    """Is a dimension of another organisation refused, nothing changed?"""
    consultation, *_ = panel
    other, _ = factories.dimensions(factories.organisation())
    with pytest.raises(DomainError):
        choose_dimensions(consultation, [other.id])
    assert consultation.kept_dimension_ids is None


def test_the_builder_counts_members_in_small_groups(panel):
    """Before inviting, are the panel's members in small groups counted per dimension and
    for the combination?"""
    consultation, wijk, leeftijd = panel
    report = small_groups(consultation)
    assert (report.invited, report.members, report.minimum) == (False, 11, 5)
    assert report.per_dimension == [("Wijk", 0), ("Leeftijd", 1)]
    assert report.combined == 5  # Zuid+jong (4) and Zuid+oud (1)
    choose_dimensions(consultation, [wijk.id])
    assert small_groups(consultation).combined == 0
