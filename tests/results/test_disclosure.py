"""Minimal suppression that still lets no small group be worked out.

Per split, the number of groups hidden is the fewest that protects every small group (checked
against a brute-force search over every set of groups). And an attacker with every figure the
results can show (the total and every group shown, of every split) solves for every *box*
(any set of values per attribute: "Noord or Oost, not by paper, complex X unknown") by exact
linear algebra: no box of 1 to k-1 respondents may be solvable. The attacker does not know
which combinations are empty; one who does can subtract across splits (docs/results.md).
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
    atoms = list(product(*VALUES))  # which combinations are empty is not known
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


def test_the_big_groups_stay_visible():
    """Protection is not everything hidden: the groups of k or more are shown."""
    profiles = Counter({("web", 1, 10): 20, ("web", 2, 11): 20, ("paper", 1, 11): 20})
    disclosure = decide(profiles, 3, 5)
    assert disclosure.groups == {0: {"web", "paper"}, 1: {1, 2}, 2: {10, 11}}


def test_nothing_is_hidden_when_every_group_is_big_enough():
    """Centrum 24, Noord 25, Oost 43, Zuid 28, also when the combinations with age are small?"""
    profiles = Counter()
    for district, size in {"Centrum": 24, "Noord": 25, "Oost": 43, "Zuid": 28}.items():
        for age in range(size):
            profiles["web", district, age % 7] += 1  # some combinations hold 3
    disclosure = decide(profiles, 3, 5)
    assert disclosure.groups[1] == {"Centrum", "Noord", "Oost", "Zuid"}


def _fewest_hidden(sizes: list[int], minimum: int) -> tuple[int, int]:
    """By brute force: the fewest groups to hide so that every small group is hidden and the
    hidden ones together (the total minus the groups shown) hold no one or at least k, and
    the fewest respondents such a choice hides: (groups, respondents)."""
    groups = [index for index, size in enumerate(sizes) if size]
    small = {index for index in groups if sizes[index] < minimum}
    for count in range(len(groups) + 1):
        hidden_sizes = [
            sum(sizes[index] for index in hidden)
            for hidden in combinations(groups, count)
            if small <= set(hidden)
        ]
        protective = [together for together in hidden_sizes if not 0 < together < minimum]
        if protective:
            return count, min(protective)
    return len(groups), sum(sizes)


@settings(max_examples=300, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 12), min_size=1, max_size=6),
    minimum=st.sampled_from([3, 5]),
)
def test_the_fewest_groups_are_hidden(sizes, minimum):
    """For any group sizes, is the number hidden the minimum that protects every small group,
    and are they the smallest such groups?"""
    profiles = Counter({(index,): size for index, size in enumerate(sizes) if size})
    shown = decide(profiles, 1, minimum).groups[0]
    hidden = [index for (index,) in profiles if index not in shown]
    fewest, respondents = _fewest_hidden(sizes, minimum)
    assert len(hidden) == fewest, (sizes, hidden)
    if sum(sizes) >= minimum:
        assert sum(sizes[index] for index in hidden) == respondents, (sizes, hidden)
        assert all(sizes[index] >= minimum for index in shown)


def test_unknown_is_a_group_like_any_other():
    """Two respondents of unknown district: hidden, with the smaller of Noord and Zuid."""
    profiles = Counter({("web", "Noord"): 9, ("web", "Zuid"): 6, ("web", None): 2})
    assert decide(profiles, 2, 5).groups[1] == {"Noord"}
