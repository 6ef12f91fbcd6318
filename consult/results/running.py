"""What the results of a running anonymous consultation may show (issue 21: differencing).

While an anonymous consultation runs, its results are published in blocks of MIN_GROUP_SIZE
responses (``consult.surveys.publication``), so two states a board member compares differ by
at least that many. A split, a one-group view or a weighting would undo that: the difference
of one group between two states can be one person. So those wait until the consultation
closes, on the results page (``page_query``), in the answers per respondent (``raw``: no
channel column) and in evidence frozen from it (which holds the whole figures only).
Identified consultations, whose answers the board can read per person anyway, are not held.
"""

from dataclasses import dataclass

from flask import current_app

from consult.core.clock import today
from consult.surveys import publication
from consult.surveys.models.consultations import ConsultationState

#: States in which every response is in: the results show them all, and in every way.
FINISHED = (ConsultationState.CLOSED, ConsultationState.ARCHIVED)


def holds_back_groups(consultation) -> bool:
    """Whether splits, one-group views and weighting wait: anonymous and not closed."""
    return consultation.anonymous and consultation.state_on(today()) not in FINISHED


@dataclass(frozen=True)
class Published:
    """The state the results show: the first ``shown`` of ``received`` responses."""

    shown: int
    received: int
    next_at: int  #: responses received at which the next block is shown


def published(consultation) -> Published:
    """The published state of a running anonymous consultation.

    A next block of MIN_GROUP_SIZE is shown once MIN_GROUP_SIZE more have come in after it,
    so that every state stays a block behind the count received.
    """
    shown, received = publication.counts(consultation.id)
    minimum = current_app.config["MIN_GROUP_SIZE"]
    return Published(shown, received, shown + 2 * minimum)
