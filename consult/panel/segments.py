"""The organisation's own segment dimensions: adding them, their values and populations."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import exists, func, select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.panel.models import SegmentDimension, SegmentValue
from consult.panel.services import define_dimension, dimensions_of


def _labels(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def add_dimension(organisation, name: str, values_text: str, actor=None) -> SegmentDimension:
    """A new dimension with its values, one per line.

    :raises DomainError: for a name in use, fewer than two values, or a value given twice.
    """
    name, labels = name.strip(), _labels(values_text)
    if any(d.name.casefold() == name.casefold() for d in dimensions_of(organisation)):
        raise DomainError(_("There is already a dimension with this name."))
    _check_labels(labels)
    if len(labels) < 2:
        raise DomainError(_("Give at least two values, one per line."))
    dimension = define_dimension(organisation, name, labels)
    current_app.logger.info("%s added by %s", dimension, actor)
    return dimension


def _check_labels(labels: list[str]) -> None:
    if len({label.casefold() for label in labels}) != len(labels):
        raise DomainError(_("Each value may appear only once."))
    if any(len(label) > 80 for label in labels):
        raise DomainError(_("A value may be at most 80 characters long."))


def add_values(dimension: SegmentDimension, values_text: str, actor=None) -> None:
    """Add values, one per line, after the existing ones.

    :raises DomainError: for a value the dimension has already.
    """
    labels = _labels(values_text)
    _check_labels([value.label for value in dimension.values] + labels)
    start = len(dimension.values)
    dimension.values += [
        SegmentValue(label=label, position=start + i) for i, label in enumerate(labels)
    ]
    db.session.flush()
    current_app.logger.info("values of %s added by %s", dimension, actor)


def set_populations(dimension: SegmentDimension, populations: dict[int, int | None], actor=None):
    """Enter how many tenant households each value stands for (None: not known).

    :raises DomainError: for a negative number or a value of another dimension.
    """
    own = {value.id: value for value in dimension.values}
    if set(populations) - set(own):
        raise DomainError(_("Choose one known value per segment."))
    if any(number is not None and number < 0 for number in populations.values()):
        raise DomainError(_("A number of tenants cannot be negative."))
    for value_id, number in populations.items():
        own[value_id].population = number
    current_app.logger.info("populations of %s set by %s", dimension, actor)


def member_counts(organisation) -> dict[int, int]:
    """value id -> how many members (of any status) carry it."""
    from consult.panel.models import MemberSegment

    return dict(
        db.session.execute(
            select(MemberSegment.value_id, func.count(MemberSegment.id))
            .join(SegmentValue, SegmentValue.id == MemberSegment.value_id)
            .join(SegmentDimension, SegmentDimension.id == SegmentValue.dimension_id)
            .where(SegmentDimension.organisation_id == organisation.id)
            .group_by(MemberSegment.value_id)
        ).all()
    )


def in_segments(query, value_ids):
    """``query`` (of PanelMember) narrowed to the chosen segment values: any of the chosen
    values within a dimension, all chosen dimensions together. No values: not narrowed."""
    from consult.panel.models import MemberSegment, PanelMember

    chosen = db.session.execute(
        select(SegmentValue.dimension_id, SegmentValue.id).where(SegmentValue.id.in_(value_ids))
    ).all()
    by_dimension: dict[int, list[int]] = {}
    for dimension_id, value_id in chosen:
        by_dimension.setdefault(dimension_id, []).append(value_id)
    for values in by_dimension.values():
        query = query.where(
            exists().where(
                MemberSegment.member_id == PanelMember.id, MemberSegment.value_id.in_(values)
            )
        )
    return query


def described(value_ids) -> str:
    """The chosen segment values in words: "Wijk: Noord, Oost; Leeftijd: 75+"."""
    rows = db.session.execute(
        select(SegmentDimension.name, SegmentValue.label)
        .join(SegmentValue, SegmentValue.dimension_id == SegmentDimension.id)
        .where(SegmentValue.id.in_(value_ids))
        .order_by(SegmentDimension.id, SegmentValue.position)
    ).all()
    by_dimension: dict[str, list[str]] = {}
    for dimension, label in rows:
        by_dimension.setdefault(dimension, []).append(label)
    return "; ".join(f"{name}: {', '.join(labels)}" for name, labels in by_dimension.items())
