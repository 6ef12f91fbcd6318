"""The allocation rule: most votes; a tie at the last seat by a recorded, reproducible lot."""

import hashlib

from consult.elections.allocation import allocate, lot_hash


def test_the_seats_go_to_the_most_votes():
    """Do the candidates with the most votes get the seats, without a draw?"""
    allocation = allocate({1: 5, 2: 9, 3: 2}, seats=2, seed="s")
    assert allocation.elected == (2, 1)
    assert allocation.draw is None


def test_a_tie_within_the_seats_needs_no_draw():
    """Are two candidates tied for two seats both elected without a draw?"""
    allocation = allocate({1: 4, 2: 4, 3: 1}, seats=2, seed="s")
    assert set(allocation.elected) == {1, 2}
    assert allocation.draw is None


def test_a_tie_at_the_last_seat_is_drawn_by_lot_reproducibly():
    """Is a tie for the last seat decided by the seed, the same every time, and can the
    draw be redone by hand with SHA-256?"""
    votes = {1: 7, 2: 3, 3: 3, 4: 3}
    first = allocate(votes, seats=2, seed="a1b2")
    assert first == allocate(votes, seats=2, seed="a1b2")
    assert first.elected[0] == 1
    draw = first.draw
    assert draw.tied == (2, 3, 4) and draw.places == 1
    by_hand = min((2, 3, 4), key=lambda c: hashlib.sha256(f"a1b2:{c}".encode()).hexdigest())
    assert first.elected[1] == by_hand
    assert [h for _c, h in draw.order] == sorted(lot_hash("a1b2", c) for c in (2, 3, 4))


def test_another_seed_can_draw_another_winner():
    """Does the seed, not the order of the candidates, decide the draw?"""
    winners = {allocate({1: 2, 2: 2}, seats=1, seed=str(n)).elected for n in range(20)}
    assert winners == {(1,), (2,)}


def test_fewer_candidates_than_seats_are_all_elected():
    assert set(allocate({1: 0, 2: 3}, seats=3, seed="s").elected) == {1, 2}
