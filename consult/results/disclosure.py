"""Which groups of respondents the results may show, so that no small group can be worked out.

The results can be narrowed to one group (a channel, or one value of a segment dimension)
and split into the groups of one attribute. Hiding the small groups is not enough: a reader
can subtract the groups shown from the total.

So the suppression is per attribute (a split), and minimal (issue 22): when every group of
the split, *unknown* included, holds no respondent or at least k, nothing is hidden.
Otherwise the groups of 1 to k-1 are hidden, and, when those hold fewer than k together, the
smallest other group as well (complementary suppression, ``hidden_groups``): the total minus
the groups shown is then no one or at least k. Every other group has k or more, so one more
group always suffices: no rule hides fewer (``tests/results/test_disclosure.py`` checks this
against a brute-force search).

What a reader can compute from the published figures of all splits together (the total and
the groups shown per attribute) is a sum of single-attribute groups, so it holds no one or
at least k. Not covered: a reader who also knows that some combinations are empty (every
paper form came from Noord) can subtract across splits; hiding against that hid groups of 24
and 25 on the demo, and was given up for minimal suppression (see docs/results.md).
Counts come from the database; this module only decides.
"""

from collections import Counter
from dataclasses import dataclass, field

from consult.invitations.queries import hidden_groups

Profile = tuple  #: one value per attribute (channel code, segment value id or None)

#: Why a group is hidden: it is small itself, or it is hidden so that a small one is not
#: the total minus the groups shown.
SMALL, COMPLEMENT = "small", "complement"


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
    return Disclosure({a: shown_values(_margin(profiles, a), minimum) for a in range(attributes)})


def shown_values(sizes: dict, minimum: int) -> set:
    """The values of one split whose group may be shown (see the module's rule).

    :param sizes: respondents per value of the split.
    """
    values = sorted((value for value in sizes if sizes[value]), key=repr)
    flags = hidden_groups([sizes[value] for value in values], minimum)
    return {value for value, hide in zip(values, flags, strict=True) if not hide}


def why_hidden(size: int, minimum: int) -> str:
    """SMALL or COMPLEMENT for a hidden group of ``size`` respondents."""
    return SMALL if size < minimum else COMPLEMENT


def _margin(profiles: dict[Profile, int], attribute: int) -> Counter:
    margin: Counter = Counter()
    for profile, count in profiles.items():
        margin[profile[attribute]] += count
    return margin
