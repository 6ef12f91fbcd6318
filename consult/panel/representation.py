"""How well the panel mirrors the tenants: pure arithmetic on counts, no database.

Per dimension the panel's shares are compared with the shares of the population the
organisation entered. The figure is 1 minus the dissimilarity index (half the sum of the
absolute differences of the shares): 100% when the panel is composed exactly like the
tenants, 0% when it has nobody from the groups the tenants are in. Members whose value is
unknown are left out of the shares.
"""

from dataclasses import dataclass

#: A group is called under- or over-represented when its panel share is below 0.8 times
#: (or above 1.25 times) its population share, and at least 5 percentage points apart.
RATIO_BELOW, RATIO_ABOVE, MIN_POINTS = 0.8, 1.25, 5.0


@dataclass(frozen=True)
class GroupShare:
    label: str
    members: int
    population: int | None
    panel_share: float | None  #: percentage of members with a known value
    population_share: float | None  #: percentage of the entered population

    @property
    def verdict(self) -> str | None:
        """ "under", "over" or None (close enough, or no population to compare with)."""
        if self.panel_share is None or self.population_share is None:
            return None
        gap = self.panel_share - self.population_share
        if abs(gap) < MIN_POINTS:
            return None
        if self.panel_share < RATIO_BELOW * self.population_share:
            return "under"
        if self.panel_share > RATIO_ABOVE * self.population_share:
            return "over"
        return None


@dataclass(frozen=True)
class DimensionComparison:
    name: str
    groups: list[GroupShare]
    unknown: int  #: members without a value in this dimension
    #: 0-100, or None when no population was entered or no member has a known value.
    representativeness: float | None


def _shares(counts: list[int]) -> list[float | None]:
    total = sum(counts)
    return [100 * count / total if total else None for count in counts]


def compare(name: str, groups: list[tuple[str, int, int | None]], unknown: int = 0):
    """Compare the panel with the population in one dimension.

    :param groups: (label, members with that value, population or None) per value.
    :param unknown: members whose value is unknown (left out of the shares).
    """
    members = [count for _, count, _ in groups]
    entered = all(population is not None for _, _, population in groups) and any(
        population for _, _, population in groups
    )
    panel_shares = _shares(members)
    population_shares = (
        _shares([population for _, _, population in groups]) if entered else [None] * len(groups)
    )
    shares = [
        GroupShare(label, count, population, panel, wanted)
        for (label, count, population), panel, wanted in zip(
            groups, panel_shares, population_shares, strict=True
        )
    ]
    figure = None
    if entered and sum(members):
        figure = 100 - sum(abs(s.panel_share - s.population_share) for s in shares) / 2
    return DimensionComparison(name, shares, unknown, figure)
