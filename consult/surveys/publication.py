"""How many of a consultation's responses its results show, and how many came in (issue 21).

In an anonymous consultation responses are held back and written in blocks
(``consult.surveys.holding``): the results show the first of them, "40 of 45".
"""

from consult.surveys import holding


def counts(consultation_id: int) -> tuple[int, int]:
    """(responses the results show, responses received)."""
    return holding.counts(consultation_id)
