"""Which groups of respondents the results may show, so that no small group can be worked out.

The results can be narrowed to one group (a channel, or one value of a segment dimension)
and split into the groups of one attribute. Hiding the small groups is not enough: a reader
can subtract. "Noord" minus "complex Parkzicht" minus "paper" gives away the two tenants of
Noord who live elsewhere and answered online, and a board member who typed in the paper
forms knows where no paper came from.

So the groups are chosen such that every combination of values over *all* attributes at
once (channel, and every dimension's value or *unknown*) holds no respondent or at least k,
where the hidden groups of an attribute count as one value. Every figure shown is a sum over
such combinations, and so is everything a reader can compute from the figures by adding and
subtracting, even knowing which combinations are empty: whatever they single out holds no
one or at least k. How: per attribute, the groups of 1 to k-1 are hidden, and the next
smallest until the hidden ones hold at least k together (``hidden_groups``); then, while
some combination holds 1 to k-1, the smallest group whose hiding would merge it with more
respondents is hidden as well (one of its values, or a value next to one of its hidden
groups), and everything is decided again. Counts come from the database; this module only decides.
"""

from collections import Counter
from dataclasses import dataclass, field

from consult.invitations.queries import hidden_groups

#: Stands for an attribute's hidden groups together in a combination.
HIDDEN = ("hidden",)

Profile = tuple  #: one value per attribute (channel code, segment value id or None)


@dataclass
class Disclosure:
    """What may be shown for one question: per attribute, the values whose group is shown."""

    groups: dict[int, set] = field(default_factory=dict)

    def shows_group(self, attribute: int, value) -> bool:
        return value in self.groups.get(attribute, set())


def decide(profiles: dict[Profile, int], attributes: int, minimum: int) -> Disclosure:
    """The groups that may be shown, for respondents counted per profile.

    :param profiles: respondents per combination of values, one value per attribute.
    :param attributes: how many attributes a profile has.
    :param minimum: the fewest respondents behind any figure shown (k).
    """
    if sum(profiles.values()) < minimum:
        return Disclosure({a: set() for a in range(attributes)})
    margins = [_margin(profiles, attribute) for attribute in range(attributes)]
    forced: list[set] = [set() for _ in range(attributes)]
    while True:
        hidden = [_hidden_values(margins[a], forced[a], minimum) for a in range(attributes)]
        small = _small_combination(profiles, hidden, minimum)
        if small is None:
            return Disclosure({a: set(margins[a]) - hidden[a] for a in range(attributes)})
        around = _around(profiles, hidden, small) or [
            (a, v) for a in range(attributes) for v in margins[a] if v not in hidden[a]
        ]  # nothing shown near it: hide one more group of any attribute
        attribute, value = min(around, key=lambda item: (margins[item[0]][item[1]], repr(item)))
        forced[attribute].add(value)


def _margin(profiles: dict[Profile, int], attribute: int) -> Counter:
    margin: Counter = Counter()
    for profile, count in profiles.items():
        margin[profile[attribute]] += count
    return margin


def _hidden_values(margin: Counter, forced: set, minimum: int) -> set:
    """The values hidden: ``hidden_groups``' rule, beginning with the ones forced hidden."""
    values = sorted((value for value in margin if margin[value]), key=repr)
    flags = hidden_groups([margin[v] for v in values], minimum, [v in forced for v in values])
    return {value for value, hide in zip(values, flags, strict=True) if hide}


def _small_combination(profiles: dict[Profile, int], hidden: list[set], minimum: int):
    """A combination of values (hidden groups as one) holding 1 to ``minimum`` - 1, or None.

    With every group hidden there is one combination, the total, which holds ``minimum``.
    """
    combined: Counter = Counter()
    for profile, count in profiles.items():
        combined[
            tuple(HIDDEN if value in hidden[a] else value for a, value in enumerate(profile))
        ] += count
    return next((c for c, count in sorted(combined.items(), key=repr) if 0 < count < minimum), None)


def _around(profiles: dict[Profile, int], hidden: list[set], small: tuple) -> list[tuple]:
    """(attribute, value) of the groups shown whose hiding would merge ``small`` with more
    respondents: its own values, and the values next to it where it has hidden groups."""
    around = {(a, v) for a, v in enumerate(small) if v != HIDDEN}
    for profile in profiles:
        outside = [
            a
            for a, value in enumerate(profile)
            if (HIDDEN if value in hidden[a] else value) != small[a]
        ]
        if len(outside) == 1 and small[outside[0]] == HIDDEN:
            around.add((outside[0], profile[outside[0]]))
    return sorted(around, key=repr)
