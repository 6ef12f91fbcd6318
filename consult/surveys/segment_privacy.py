"""Which of a respondent's segments an anonymous response may keep (issue 21)."""


def stored_segments(consultation_id: int, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (dimension id, value id) pairs of ``segments`` that a response of
    ``consultation_id`` keeps."""
    return segments
