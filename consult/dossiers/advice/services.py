"""Writing the advice: numbered points, each citing figures and quotes of the frozen evidence,
and the landlord's reply per point. The points can change until the advice is given; the
replies can be entered once it is."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from consult.core.clock import day_of, today
from consult.core.errors import DomainError
from consult.core.templating import long_date, percentage
from consult.dossiers.advice.models import AdvicePoint, Citation
from consult.dossiers.models import (
    REPLY_PHASES,
    WRITING_PHASES,
    Dossier,
    EvidenceSnapshot,
    Phase,
    ReplyOutcome,
)
from consult.dossiers.services import move, record_event
from consult.extensions import db
from consult.results.figures import QuestionResult, frozen_results


@dataclass(frozen=True)
class Citable:
    """A figure or quote of a snapshot, as a sentence that can stand in the advice."""

    key: str
    question: str
    text: str
    quote: bool = False
    #: A quote the board marked for use in an advice on the open answers' page.
    marked: bool = False


def _figures_of(question: QuestionResult) -> list[Citable]:
    qid, n, text = question.question_id, question.answered, question.text
    found = [
        Citable(
            f"{qid}|count|{c.label}",
            text,
            _(
                "%(percentage)s of %(n)d respondents: “%(label)s”",
                percentage=percentage(c.percentage),
                n=n,
                label=c.label,
            ),
        )
        for c in question.counts
    ]
    for statement in question.statements:
        found += [
            Citable(
                f"{qid}|statement|{statement.label}|{c.label}",
                text,
                _(
                    "%(percentage)s of %(n)d respondents: “%(label)s”",
                    percentage=percentage(c.percentage),
                    n=statement.answered,
                    label=f"{statement.label}: {c.label}",
                ),
            )
            for c in statement.counts
        ]
    found += [
        Citable(
            f"{qid}|ranking|{item.label}",
            text,
            _(
                "“%(label)s” first for %(first)d of %(n)d respondents",
                label=item.label,
                first=item.first_places,
                n=n,
            ),
        )
        for item in question.ranking
    ]
    if question.average is not None:
        found.append(
            Citable(
                f"{qid}|average",
                text,
                _("average %(average)s of %(n)d respondents", average=question.average, n=n),
            )
        )
    return found


def citables(snapshot: EvidenceSnapshot) -> list[Citable]:
    """Everything of the snapshot that may be cited: the figures and open answers shown on
    the dossier page, under today's small-group rule."""
    found = []
    for question in frozen_results(snapshot.figures).questions:
        if question.suppressed:
            continue
        found += _figures_of(question) + _quotes_of(question)
    return found


def _quotes_of(question: QuestionResult) -> list[Citable]:
    """The open answers as quotes, those the board marked first. Each keeps the key of its
    place among the open answers, as in snapshots frozen before answers could be marked; a
    marked quote that is not among them gets a key of its own."""
    qid, unmatched = question.question_id, Counter(question.quotes)
    marked, others = [], []
    for index, text in enumerate(question.open_answers):
        is_marked = unmatched[text] > 0
        unmatched[text] -= is_marked
        citable = Citable(f"{qid}|quote|{index}", question.text, text, True, is_marked)
        (marked if is_marked else others).append(citable)
    marked += [
        Citable(f"{qid}|marked|{index}", question.text, text, True, True)
        for index, text in enumerate(unmatched.elements())
    ]
    return marked + others


def source_line(snapshot: EvidenceSnapshot) -> str:
    """Where a cited figure comes from: "respons 31,0%, peildatum 3 november 2026"."""
    return _(
        "“%(title)s”, response %(rate)s, reference date %(date)s",
        title=snapshot.figures.get("title", ""),
        rate=percentage(snapshot.response_rate),
        date=long_date(day_of(snapshot.taken_at)),
    )


@dataclass(frozen=True)
class CitedEvidence:
    citation: Citation
    #: None when the figure is no longer shown (a small group under today's rule).
    citable: Citable | None
    source: str


def cited(points) -> dict[int, list[CitedEvidence]]:
    """Per point, its citations as sentences with their source; each snapshot's figures are
    read back once, however many points cite it."""
    shown: dict[int, dict[str, Citable]] = {}
    found = {}
    for point in points:
        found[point.id] = []
        for citation in point.citations:
            snapshot = citation.snapshot
            if snapshot.id not in shown:
                shown[snapshot.id] = {c.key: c for c in citables(snapshot)}
            by_key = shown[snapshot.id]
            found[point.id].append(
                CitedEvidence(citation, by_key.get(citation.key), source_line(snapshot))
            )
    return found


def _writable(dossier: Dossier) -> None:
    if dossier.phase not in WRITING_PHASES:
        raise DomainError(_("The advice was given; its points can no longer change."))


def _checked_citations(dossier: Dossier, keys: list[tuple[int, str]]) -> list[tuple]:
    """(snapshot, key) pairs that exist in this dossier's evidence.

    :raises DomainError: for a snapshot of another dossier or a figure it does not show.
    """
    snapshots = {s.id: s for s in dossier.snapshots}
    shown = {s.id: {c.key for c in citables(s)} for s in snapshots.values()}
    checked = []
    for snapshot_id, key in dict.fromkeys(keys):
        if key not in shown.get(snapshot_id, ()):
            raise DomainError(_("Cite only figures of this dossier's evidence."))
        checked.append((snapshots[snapshot_id], key))
    return checked


def save_point(
    dossier: Dossier,
    advice: str,
    reasoning: str,
    citations: list[tuple[int, str]],
    point: AdvicePoint | None = None,
    actor=None,
) -> AdvicePoint:
    """Add a point at the end, or change ``point``; its citations become exactly these.

    :raises DomainError: after the advice was given, without advice text, or citing
        something outside the dossier's evidence.
    """
    _writable(dossier)
    if not advice.strip():
        raise DomainError(_("Write the advice of this point."))
    checked = _checked_citations(dossier, citations)
    point = point or _new_point(dossier)
    point.advice, point.reasoning = advice.strip(), reasoning.strip()
    _cite_exactly(point, checked)
    db.session.flush()
    record_event(dossier, "advice_point", actor, point=point.position)
    current_app.logger.info("%s saved by %s", point, actor)
    return point


def _new_point(dossier: Dossier) -> AdvicePoint:
    """An empty point numbered after the last; the unique number decides between two board
    members adding a point at the same moment (the later one takes the next number)."""
    for _attempt in range(3):
        last = db.session.scalar(
            select(func.max(AdvicePoint.position)).where(AdvicePoint.dossier_id == dossier.id)
        )
        point = AdvicePoint(
            organisation_id=dossier.organisation_id,
            dossier_id=dossier.id,
            position=(last or 0) + 1,
            advice="",
        )
        try:
            with db.session.begin_nested():
                db.session.add(point)
        except IntegrityError:
            continue
        db.session.expire(dossier, ["points"])
        return point
    raise DomainError(_("Please try again."))


def _cite_exactly(point: AdvicePoint, wanted: list[tuple]) -> None:
    """Make the point's citations these (snapshot, key) pairs: keep those it has, remove the
    others, add the new ones (replacing all would insert before the old rows are gone)."""
    keys = {(snapshot.id, key) for snapshot, key in wanted}
    for citation in list(point.citations):
        if (citation.snapshot_id, citation.key) not in keys:
            point.citations.remove(citation)
    held = {(citation.snapshot_id, citation.key) for citation in point.citations}
    point.citations += [
        Citation(organisation_id=point.organisation_id, snapshot=snapshot, key=key)
        for snapshot, key in wanted
        if (snapshot.id, key) not in held
    ]


def remove_point(point: AdvicePoint, actor=None) -> None:
    """Remove a point and number the rest again."""
    dossier = point.dossier
    _writable(dossier)
    db.session.delete(point)
    db.session.flush()
    db.session.expire(dossier, ["points"])
    for position, other in enumerate(dossier.points, start=1):
        other.position = position
    record_event(dossier, "advice_point_removed", actor, point=point.position)


def complete_reply(dossier: Dossier, actor=None, on: date | None = None) -> bool:
    """Once every point of the given advice has the landlord's answer, record the reply as
    received ``on`` (today unless given), with its overall outcome: this starts the
    landlord's waiting term.

    :returns: whether the reply was complete and is now recorded.
    :raises DomainError: for a day in the future or before the advice was given.
    """
    outcomes = {point.reply_outcome for point in dossier.points}
    if dossier.phase != Phase.ADVISED or not outcomes or None in outcomes:
        return False
    if outcomes == {ReplyOutcome.FOLLOWED}:
        overall = ReplyOutcome.FOLLOWED
    elif outcomes == {ReplyOutcome.NOT_FOLLOWED}:
        overall = ReplyOutcome.NOT_FOLLOWED
    else:
        overall = ReplyOutcome.PARTLY
    move(dossier, Phase.LANDLORD_REPLY, on=on or today(), outcome=overall, actor=actor)
    return True


def record_reply(point: AdvicePoint, outcome: ReplyOutcome, reasoning: str, actor=None) -> None:
    """The landlord's answer to one point, with its arguments.

    :raises DomainError: before the advice was given, or without the landlord's reasons
        where it does not follow the point fully.
    """
    if point.dossier.phase not in REPLY_PHASES:
        raise DomainError(_("A reply can be entered once the advice was given."))
    if outcome != ReplyOutcome.FOLLOWED and not reasoning.strip():
        raise DomainError(
            _("Enter the landlord's reasons: the law asks for them when advice is not followed.")
        )
    point.reply_outcome, point.reply_reasoning = outcome, reasoning.strip()
    record_event(point.dossier, "reply", actor, point=point.position)
