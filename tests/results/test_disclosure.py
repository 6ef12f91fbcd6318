"""An attacker with every figure the results can show tries to work out a small group.

For any respondents and any k, every group ``decide`` lets the pages show is published at
once; the attacker then solves for every *box* (any set of values per attribute: "Noord or
Oost, not by paper, complex X unknown") by exact linear algebra, knowing moreover which
combinations of values nobody has (no tenant of Zuid lives in complex X; the board member who
typed in the paper forms knows where they came from). No box of 1 to k-1 respondents may be
solvable.
"""

from collections import Counter
from itertools import chain, combinations, product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.results.disclosure import decide

PRIME = 2**61 - 1  #: exact enough: a rank over this field is the rank over the rationals
VALUES = (("web", "paper", "link"), (None, 1, 2, 3), (None, 10, 11))


def _subsets(values):
    return chain.from_iterable(combinations(values, n) for n in range(1, len(values) + 1))


class Attacker:
    """Reduces sets of respondent profiles against the published sums (mod PRIME)."""

    def __init__(self, atoms):
        self.atoms = atoms
        self.basis: dict[int, list[int]] = {}  # pivot -> row

    def _vector(self, members) -> list[int]:
        return [1 if atom in members else 0 for atom in self.atoms]

    def _reduce(self, vector):
        vector = list(vector)
        for pivot, row in self.basis.items():
            if vector[pivot]:
                factor = vector[pivot]
                vector = [(v - factor * r) % PRIME for v, r in zip(vector, row, strict=True)]
        return vector

    def learn(self, members) -> None:
        vector = self._reduce(self._vector(members))
        pivot = next((i for i, v in enumerate(vector) if v), None)
        if pivot is None:
            return
        inverse = pow(vector[pivot], PRIME - 2, PRIME)
        vector = [v * inverse % PRIME for v in vector]
        for other, row in self.basis.items():
            if row[pivot]:
                factor = row[pivot]
                self.basis[other] = [
                    (r - factor * v) % PRIME for r, v in zip(row, vector, strict=True)
                ]
        self.basis[pivot] = vector

    def solves(self, members) -> bool:
        return not any(self._reduce(self._vector(members)))


def _published(atoms, profiles, disclosure, minimum):
    """Every set of profiles whose figures some page shows."""
    if sum(profiles.values()) >= minimum:  # else the question shows no figures at all
        yield atoms
    for attribute, values in disclosure.groups.items():
        for value in values:
            yield [a for a in atoms if a[attribute] == value]


def _attack(profiles: Counter, minimum: int):
    """The first small box the published figures give away, or None."""
    disclosure = decide(profiles, len(VALUES), minimum)
    atoms = [atom for atom, count in profiles.items() if count]  # every empty one is known
    attacker = Attacker(atoms)
    for members in _published(atoms, profiles, disclosure, minimum):
        attacker.learn(set(members))
    for box in product(*(_subsets(values) for values in VALUES)):
        members = {a for a in atoms if all(v in allowed for v, allowed in zip(a, box, strict=True))}
        size = sum(profiles[a] for a in members)
        if 0 < size < minimum and attacker.solves(members):
            return box, size
    return None


respondent = st.tuples(*(st.sampled_from(values) for values in VALUES))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    respondents=st.lists(respondent, min_size=0, max_size=60),
    minimum=st.sampled_from([3, 5]),
)
def test_no_small_group_can_be_worked_out_from_all_pages_together(respondents, minimum):
    """Whatever combination of filter and split a board member opens, and however they
    add and subtract the figures, no group of fewer than k respondents comes out."""
    assert _attack(Counter(respondents), minimum) is None


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    complexes=st.lists(st.tuples(st.sampled_from((1, 2)), st.integers(1, 30)), max_size=2),
    minimum=st.sampled_from([3, 5]),
)
def test_a_complex_inside_a_region_does_not_give_the_rest_of_the_region_away(complexes, minimum):
    """Complexes lie in one region each: region minus its complexes must not expose anyone."""
    profiles = Counter()
    for index, (region, size) in enumerate(complexes):
        profiles["web", region, 10 + index] += size
    profiles["web", 1, None] += 2  # two tenants of region 1 whose complex is not known
    assert _attack(profiles, minimum) is None


def test_the_big_groups_stay_visible():
    """Protection is not everything hidden: the groups of k or more are shown."""
    profiles = Counter({("web", 1, 10): 20, ("web", 2, 11): 20, ("paper", 1, 11): 20})
    disclosure = decide(profiles, 3, 5)
    assert disclosure.groups == {0: {"web", "paper"}, 1: {1, 2}, 2: {10, 11}}


def test_a_group_minus_two_groups_inside_it_leaves_no_small_group():
    """Noord is Parkzicht (online) + Het Hof (paper) + 2 online elsewhere: Noord minus
    Parkzicht minus paper would give the two away, so not all three are shown."""
    profiles = Counter(
        {
            ("web", 1, 10, None): 24,
            ("paper", 1, 11, None): 24,
            ("web", 1, 12, None): 2,
            ("web", 2, 11, None): 30,
            ("web", 2, 12, None): 50,
        }
    )
    disclosure = decide(profiles, 4, 5)
    shown = [
        disclosure.shows_group(1, 1),
        disclosure.shows_group(2, 10),
        disclosure.shows_group(0, "paper"),
    ]
    assert not all(shown)


def test_noord_minus_complex_x_is_not_shown_when_it_leaves_two():
    """Complex X holds 48 of Noord's 50 respondents: one of the two is hidden."""
    profiles = Counter({("web", 1, 10): 48, ("web", 1, 11): 2, ("web", 2, 12): 40})
    disclosure = decide(profiles, 3, 5)
    assert not (disclosure.shows_group(1, 1) and disclosure.shows_group(2, 10))
    assert disclosure.shows_group(0, "web")
