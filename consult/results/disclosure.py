"""Which groups of respondents the results may show, so that no small group can be worked out.

The results can be narrowed to one group (a channel, or one value of a segment dimension)
and split into the groups of one attribute. Hiding the small groups is not enough: a reader
can subtract. "Noord" minus "complex X" gives away the two tenants of Noord who do not live
in complex X. So the decision is made per question for all attributes at once:

- per attribute, the groups with 1 to k-1 respondents are hidden, and the next smallest until
  the hidden groups together hold at least k (``hidden_groups``); the hidden groups act as one;
- per pair of attributes, the respondents per combination of values (the *cells*, never
  shown) are checked as a reader would attack them: every set of respondents that the
  groups' totals solve must hold 0 or at least k, and so must the rest (``_given_away``).
  Where that fails (complex X lies in Noord and holds all but two of its tenants), the
  smallest group involved is hidden as well, and everything is decided again.

Combinations of values nobody has are treated as known (no tenant of Zuid lives in complex
X), so they never count on to hide anything. Figures of a group within a group (a segment
within a channel) are not offered: with several of those tables a reader can combine rows
of different tables, which this check does not cover. Counts come from the database; this
module only decides, on counts.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from consult.invitations.queries import hidden_groups

#: The merged node of an attribute's hidden groups in a table of two attributes.
HIDDEN = ("hidden",)
#: Up to this many groups on the smaller side of a table every set of them is tried; beyond
#: it, every combination of two groups must hold 0 or at least k respondents (stricter).
ENUMERATED_GROUPS = 12

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
        for pair in combinations(range(attributes), 2):
            given_away = _given_away(_table(profiles, pair, hidden), minimum)
            if given_away:
                _force(given_away, pair, margins, hidden, forced)
                break
        else:
            return Disclosure({a: set(margins[a]) - hidden[a] for a in range(attributes)})


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


def _table(profiles: dict[Profile, int], pair: tuple[int, int], hidden: list[set]) -> Counter:
    """Respondents per cell of two attributes, each attribute's hidden groups as one."""
    first, second = pair
    table: Counter = Counter()
    for profile, count in profiles.items():
        row, column = profile[first], profile[second]
        row = HIDDEN if row in hidden[first] else row
        table[row, HIDDEN if column in hidden[second] else column] += count
    return table


def _given_away(table: Counter, minimum: int) -> set:
    """The groups around a small set of respondents that the table's totals give away.

    A reader knows each row's and each column's total and which cells are empty. Take rows
    ``X``: their totals minus the totals of the columns that lie entirely within ``X`` give
    the respondents of ``X`` in the other columns ("Noord minus complex X" is ``X`` = Noord).
    Every figure a reader can solve from the totals is built from such sets (over the rows,
    or equally over the columns), so each must hold 0 or at least ``minimum``, and so must
    the rest. Returns (axis, value) of the groups of the first set that does not, or nothing.
    """
    cells = [cell for cell, count in table.items() if count]
    rows = {row for row, _column in cells}
    columns = {column for _row, column in cells}
    axis, side = (0, rows) if len(rows) <= len(columns) else (1, columns)
    if len(side) > ENUMERATED_GROUPS:
        small = next((cell for cell in sorted(cells, key=repr) if table[cell] < minimum), None)
        return set() if small is None else {(0, small[0]), (1, small[1])}
    total = sum(table.values())
    sums: Counter = Counter()
    reach: dict[tuple, set] = defaultdict(set)
    for cell in cells:
        sums[0, cell[0]] += table[cell]
        sums[1, cell[1]] += table[cell]
        reach[1 - axis, cell[1 - axis]].add(cell[axis])
    ordered = sorted(side, key=repr)
    for size in range(1, len(ordered)):
        for chosen in combinations(ordered, size):
            within = [node for node, reached in reach.items() if reached <= set(chosen)]
            solved = sum(sums[axis, value] for value in chosen) - sum(sums[n] for n in within)
            if 0 < solved < minimum or 0 < total - solved < minimum:
                return {(axis, value) for value in chosen} | set(within)
    return set()


def _force(given_away: set, pair: tuple[int, int], margins: list[Counter], hidden, forced) -> None:
    """Hide the smallest group involved in a small set of respondents given away.

    (Noord minus complex X gives away Noord's tenants outside X: complex X is hidden.)
    """
    around = {(pair[axis], value) for axis, value in given_away if value != HIDDEN} or {
        (attribute, value)  # only the hidden groups are involved: hide one more group
        for attribute in pair
        for value in margins[attribute]
        if margins[attribute][value] and value not in hidden[attribute]
    }
    attribute, value = min(around, key=lambda item: (margins[item[0]][item[1]], repr(item)))
    forced[attribute].add(value)
