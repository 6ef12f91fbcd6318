"""The invitation funnel of a consultation, counted by the database.

invited -> sent -> bounced -> opened the link -> started (saved a page) -> submitted, in
total; sent, opened and submitted also per day, per segment and per channel (e-mail or a
printed letter, whose code counts as opening the link). Per segment, groups smaller
than MIN_GROUP_SIZE show no participation figures: whether one recognisable person answered
is not the board's business.
"""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import exists, func, select

from consult.extensions import db
from consult.invitations import participation
from consult.invitations.models import Invitation
from consult.panel.models import CHANNEL_LABELS, MemberSegment, SegmentDimension, SegmentValue
from consult.surveys.models.responses import ResponseDraft


@dataclass
class FunnelTotals:
    invited: int
    sent: int
    bounced: int
    opened: int
    started: int  #: saved at least one page (answers kept for later), or submitted
    submitted: int

    @property
    def response_rate(self) -> float | None:
        return round(100 * self.submitted / self.invited, 1) if self.invited else None


@dataclass
class FunnelDay:
    day: date
    sent: int
    opened: int
    submitted: int


@dataclass
class SegmentRow:
    dimension: str
    value: str
    invited: int
    opened: int | None  #: None when the group is too small to show
    submitted: int | None

    @property
    def response_rate(self) -> float | None:
        if self.submitted is None or not self.invited:
            return None
        return round(100 * self.submitted / self.invited, 1)


def _funnel_columns(answered) -> list:
    """The counts of FunnelTotals, in its order, as SQL aggregates over invitations.

    :param answered: the condition that an invitation was spent (``participation.answered``).
    """
    has_draft = exists().where(ResponseDraft.invitation_id == Invitation.id)
    return [
        func.count(Invitation.id),
        func.count(Invitation.sent_at),
        func.count(Invitation.bounced_at),
        func.count(Invitation.id).filter(_opened(answered)),
        func.count(Invitation.id).filter(answered | has_draft),
        func.count(Invitation.id).filter(answered),
    ]


def _opened(answered):
    """Opened the link: the day is recorded, or it was spent (an anonymous consultation
    records no day when a link is first opened by sending, as a letter's code does)."""
    return Invitation.opened_on.is_not(None) | answered


def _opened_and_answered(answered) -> list:
    return [
        func.count(Invitation.id).filter(_opened(answered)),
        func.count(Invitation.id).filter(answered),
    ]


def _of(consultation):
    return Invitation.consultation_id == consultation.id


def totals(consultation) -> FunnelTotals:
    answered = participation.answered(_of(consultation))
    row = db.session.execute(select(*_funnel_columns(answered)).where(_of(consultation))).one()
    return FunnelTotals(*row)


def _per_day(consultation, column) -> dict[date, int]:
    day = func.date(column)
    rows = db.session.execute(
        select(day, func.count(Invitation.id))
        .where(Invitation.consultation_id == consultation.id, column.is_not(None))
        .group_by(day)
    )
    return {date.fromisoformat(str(when)[:10]): count for when, count in rows}


def days(consultation) -> list[FunnelDay]:
    """Per day: mails accepted by the server, links first opened, answers submitted (not in
    an anonymous consultation, which records no day of answering)."""
    sent = _per_day(consultation, Invitation.sent_at)
    opened = _per_day(consultation, Invitation.opened_on)
    submitted = _per_day(consultation, Invitation.used_on)
    return [
        FunnelDay(day, sent.get(day, 0), opened.get(day, 0), submitted.get(day, 0))
        for day in sorted(set(sent) | set(opened) | set(submitted))
    ]


def segments(consultation) -> list[SegmentRow]:
    """Per segment value of the invited members: invited, opened, submitted.

    Groups under MIN_GROUP_SIZE show no participation figures, and neither do the next
    smallest until the hidden groups together reach it: otherwise the hidden figures would
    follow from the total minus the groups shown.
    """
    minimum = current_app.config["MIN_GROUP_SIZE"]
    rows = db.session.execute(
        select(
            SegmentDimension.id,
            SegmentDimension.name,
            SegmentValue.label,
            func.count(Invitation.id),
            *_opened_and_answered(participation.answered(_of(consultation))),
        )
        .join(MemberSegment, MemberSegment.member_id == Invitation.member_id)
        .join(SegmentValue, SegmentValue.id == MemberSegment.value_id)
        .join(SegmentDimension, SegmentDimension.id == SegmentValue.dimension_id)
        .where(Invitation.consultation_id == consultation.id)
        .group_by(SegmentDimension.id, SegmentDimension.name, SegmentValue.id, SegmentValue.label)
        .order_by(SegmentDimension.position, SegmentDimension.id, SegmentValue.position)
    ).all()
    hidden = _hidden_groups(rows, minimum)
    return [
        SegmentRow(name, label, invited, *((None, None) if index in hidden else (opened, done)))
        for index, (_, name, label, invited, opened, done) in enumerate(rows)
    ]


def channels(consultation) -> list[SegmentRow]:
    """Per channel of the invitations (e-mail, letter): invited, opened, submitted, with the
    small groups hidden as per segment. Empty when every invitation went one way."""
    rows = db.session.execute(
        select(
            Invitation.channel,
            func.count(Invitation.id),
            *_opened_and_answered(participation.answered(_of(consultation))),
        )
        .where(_of(consultation))
        .group_by(Invitation.channel)
        .order_by(Invitation.channel)
    ).all()
    if len(rows) < 2:
        return []
    hidden = hidden_groups([row[1] for row in rows], current_app.config["MIN_GROUP_SIZE"])
    return [
        SegmentRow("", str(CHANNEL_LABELS[channel]), invited, *((None, None) if hide else rest))
        for (channel, invited, *rest), hide in zip(rows, hidden, strict=True)
    ]


def _hidden_groups(rows, minimum: int) -> set[int]:
    """Indexes of the rows to hide, per dimension by the rule of ``hidden_groups``."""
    hidden = set()
    for dimension_id in {row[0] for row in rows}:
        in_dimension = [i for i, row in enumerate(rows) if row[0] == dimension_id]
        sizes = [rows[i][3] for i in in_dimension]
        gone = hidden_groups(sizes, minimum)
        hidden |= {i for i, hide in zip(in_dimension, gone, strict=True) if hide}
    return hidden


def hidden_groups(sizes: list[int], minimum: int, forced: list[bool] | None = None) -> list[bool]:
    """Which groups of one dimension to hide: the small ones, and the next smallest until
    the hidden groups together reach ``minimum`` (else the total minus the groups shown
    gives them away). Empty groups give nothing away and are left out of the reckoning.

    :param forced: per group, whether it is to be hidden anyway (see results.disclosure).
    """
    forced = forced or [False] * len(sizes)
    hidden = {i for i, size in enumerate(sizes) if size and (size < minimum or forced[i])}
    while hidden and sum(sizes[i] for i in hidden) < minimum:
        others = [i for i, size in enumerate(sizes) if i not in hidden and size]
        if not others:
            break  # every group is hidden: the total is under the minimum too
        hidden.add(min(others, key=lambda i: sizes[i]))
    return [index in hidden for index in range(len(sizes))]


def response_by_consultation(organisation) -> dict[int, FunnelTotals]:
    """Per consultation of the organisation that has invitations: its funnel totals, in one
    query (for the overview's live response rates)."""
    of_organisation = Invitation.organisation_id == organisation.id
    columns = _funnel_columns(participation.answered(of_organisation))
    rows = db.session.execute(
        select(Invitation.consultation_id, *columns)
        .where(of_organisation)
        .group_by(Invitation.consultation_id)
    )
    return {consultation_id: FunnelTotals(*counts) for consultation_id, *counts in rows}


def bounced_since(organisation, since: date) -> int:
    """How many invitations of the organisation were refused by the mail server since then."""
    return db.session.scalar(
        select(func.count(Invitation.id)).where(
            Invitation.organisation_id == organisation.id,
            Invitation.bounced_at >= since,
        )
    )
