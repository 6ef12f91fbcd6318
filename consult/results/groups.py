"""The groups a consultation's results can be narrowed to or split into, and which are shown.

A group is the respondents of one channel, or of one value of a segment dimension. Which
groups a question may show is decided per attribute (``disclosure.decide``: minimal
suppression), on respondents counted per question and combination of values in one GROUP BY.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from flask import current_app, g
from sqlalchemy import and_, func, null, select
from sqlalchemy.orm import aliased

from consult.extensions import db
from consult.panel.services import dimensions_of
from consult.results.disclosure import Disclosure, decide
from consult.surveys.models.responses import Answer, Response, ResponseSegment

#: The attribute key of the channel; a segment dimension's key is its id.
CHANNEL = "channel"


@dataclass(frozen=True)
class Group:
    """One group: ``attribute`` is CHANNEL or a dimension id; ``value`` a channel code, or a
    segment value id (None: the value is not known)."""

    attribute: str | int
    value: str | int | None

    def condition(self):
        """The SQL condition on Response for the respondents of this group."""
        if self.attribute == CHANNEL:
            return Response.channel == self.value
        return Response.id.in_(
            select(ResponseSegment.response_id).where(ResponseSegment.value_id == self.value)
        )


@dataclass
class Protection:
    """Per question, the groups that may be shown; under the key None, for the number of
    respondents."""

    attributes: list  #: CHANNEL, then the organisation's dimension ids
    questions: dict[int | None, Disclosure]

    def shows(self, question_id: int | None, group: Group) -> bool:
        disclosure = self.questions.get(question_id)
        index = self.attributes.index(group.attribute)
        return disclosure is not None and disclosure.shows_group(index, group.value)


def protection(consultation) -> Protection:
    """Which groups each question of the consultation may show, as of now (worked out once
    per request: the results page asks for it more than once)."""
    cached = g.setdefault("protections", {})
    if consultation.id not in cached:
        cached[consultation.id] = _protection(consultation)
    return cached[consultation.id]


def _protection(consultation) -> Protection:
    dimensions = dimensions_of(consultation.organisation)
    segments = [aliased(ResponseSegment) for _ in dimensions]
    profile = (Response.channel, *(segment.value_id for segment in segments))

    def with_segments(query):
        for segment, dimension in zip(segments, dimensions, strict=True):
            query = query.outerjoin(
                segment,
                and_(segment.response_id == Response.id, segment.dimension_id == dimension.id),
            )
        return query.where(Response.consultation_id == consultation.id)

    answers = with_segments(
        select(Answer.question_id, *profile, func.count(Answer.response_id.distinct())).join(
            Response, Response.id == Answer.response_id
        )
    ).group_by(Answer.question_id, *profile)
    responses = with_segments(select(null(), *profile, func.count(Response.id))).group_by(*profile)
    profiles: dict[int | None, Counter] = defaultdict(Counter)
    for rows in (db.session.execute(answers), db.session.execute(responses)):
        for question_id, *values, count in rows:
            profiles[question_id][tuple(values)] = count
    minimum = current_app.config["MIN_GROUP_SIZE"]
    attributes = [CHANNEL, *(dimension.id for dimension in dimensions)]
    decided: dict[frozenset, Disclosure] = {}  # many questions have the same counts
    questions = {}
    for question_id, counted in profiles.items():
        key = frozenset(counted.items())
        if key not in decided:
            decided[key] = decide(counted, len(attributes), minimum)
        questions[question_id] = decided[key]
    return Protection(attributes, questions)
