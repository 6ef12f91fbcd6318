"""The allocation rule: the seats go to the candidates with the most votes; a tie at the last
seat is broken by lot, with a recorded seed so that anyone can redo the draw.

The draw orders the tied candidates by ``SHA-256("<seed>:<candidate id>")`` (as hex, the
lowest first): reproducible by hand with any SHA-256 tool, and not chosen by anyone, as the
seed is drawn at random at the count. Pure functions: no database.
"""

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Draw:
    """A draw by lot between ``tied`` candidates (ids) for ``places`` seats."""

    seed: str
    tied: tuple[int, ...]
    places: int
    #: The tied candidates in the order of the draw, each with the hash that placed it.
    order: tuple[tuple[int, str], ...] = field(default=())

    @property
    def winners(self) -> tuple[int, ...]:
        return tuple(candidate for candidate, _hash in self.order[: self.places])


@dataclass(frozen=True)
class Allocation:
    elected: tuple[int, ...]  #: candidate ids, by votes (the draw's winners last)
    draw: Draw | None  #: the draw by lot, when a tie decided a seat


def lot_hash(seed: str, candidate_id: int) -> str:
    """The hash that places a candidate in a draw with ``seed``."""
    return hashlib.sha256(f"{seed}:{candidate_id}".encode()).hexdigest()


def allocate(votes: dict[int, int], seats: int, seed: str) -> Allocation:
    """The candidates elected for ``seats`` seats by ``votes`` (candidate id -> votes).

    :param seed: the recorded seed of the election, used only when a tie decides a seat.
    """
    ranked = sorted(votes, key=lambda candidate: -votes[candidate])
    if len(ranked) <= seats:
        return Allocation(tuple(ranked), None)
    last = votes[ranked[seats - 1]]
    sure = tuple(c for c in ranked if votes[c] > last)
    tied = tuple(sorted(c for c in ranked if votes[c] == last))
    places = seats - len(sure)
    if len(tied) == places:
        return Allocation(sure + tied, None)
    order = tuple(sorted(((c, lot_hash(seed, c)) for c in tied), key=lambda pair: pair[1]))
    draw = Draw(seed, tied, places, order)
    return Allocation(sure + draw.winners, draw)
