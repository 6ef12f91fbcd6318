"""The agreed year agenda: sharing a year's plan with the landlord, its proposals, agreed
versions (frozen and hashed, like dossier evidence), publishing, and a koepel's plan."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from consult.agreements.models import RIGHT_LABELS, AdviceRight
from consult.audit import services as audit
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers.services import content_hash
from consult.extensions import db
from consult.koepel.models import KoepelMember
from consult.planning.agenda.models import AgreedVersion, ItemProposal, ProposalState, YearPlan
from consult.planning.models import FIRST_YEAR, INITIATIVE_LABELS, LAST_YEAR, Initiative
from consult.planning.services import PlanDetails, add_item, by_quarter, items_of

#: The fields of a plan item that an agreed version keeps.
FROZEN_FIELDS = ("year", "quarter", "month", "title", "right", "initiative", "note")


def plan_of(organisation, year: int) -> YearPlan:
    """The organisation's year plan, made on first use.

    :raises DomainError: for a year out of range.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("Enter a year from %(first)d to %(last)d.", first=FIRST_YEAR, last=LAST_YEAR)
        )
    plan = find_plan(organisation, year)
    if plan is None:
        try:
            with db.session.begin_nested():
                plan = YearPlan(organisation_id=organisation.id, year=year)
                db.session.add(plan)
        except IntegrityError:  # made by another request a moment ago
            plan = find_plan(organisation, year)
    return plan


def find_plan(organisation, year: int) -> YearPlan | None:
    return db.session.scalar(
        select(YearPlan)
        .where(YearPlan.organisation_id == organisation.id, YearPlan.year == year)
        .options(selectinload(YearPlan.versions))
    )


def frozen_items(organisation, year: int) -> list[dict]:
    """The year's items as an agreed version keeps them, in the plan's order."""
    return [
        {"item_id": item.id, **{name: getattr(item, name) for name in FROZEN_FIELDS}}
        for item in items_of(organisation, year)
    ]


def changed_since_agreed(plan: YearPlan) -> bool:
    """Whether the plan differs from its latest agreed version (True when none was agreed)."""
    latest = plan.latest
    return latest is None or latest.content_hash != content_hash(
        frozen_items(plan.organisation, plan.year)
    )


def share_with_landlord(plan: YearPlan, shared: bool, actor=None) -> None:
    """Let the landlord's accounts read the plan and propose items, or stop that."""
    plan.shared_with_landlord = shared
    action = "year_plan.shared" if shared else "year_plan.unshared"
    audit.record(plan.organisation, action, str(plan.year), actor)


def agree(plan: YearPlan, agreed_on: date, note: str = "", actor=None) -> AgreedVersion:
    """Freeze the plan as it is now as the next agreed version.

    :raises DomainError: for a date in the future, an empty plan, a plan unchanged since
        its latest agreed version, or a version of the same number stored a moment ago.
    """
    if agreed_on > today():
        raise DomainError(_("The date cannot be in the future."))
    items = frozen_items(plan.organisation, plan.year)
    if not items:
        raise DomainError(_("The plan has no items yet."))
    if not changed_since_agreed(plan):
        raise DomainError(_("Nothing changed since the version agreed last."))
    version = AgreedVersion(
        organisation_id=plan.organisation_id,
        plan_id=plan.id,
        number=(plan.latest.number + 1) if plan.latest else 1,
        agreed_on=agreed_on,
        items=items,
        content_hash=content_hash(items),
        note=note.strip(),
        agreed_by=getattr(actor, "email", None) or "Consult",
    )
    try:
        with db.session.begin_nested():  # the unique number decides between two boards
            db.session.add(version)
    except IntegrityError:
        raise DomainError(
            _("Someone marked the plan as agreed a moment ago. Look again.")
        ) from None
    db.session.refresh(plan, ["versions"])
    audit.record(
        plan.organisation, "year_plan.agreed", str(plan.year), actor, version=version.number
    )
    current_app.logger.info("%s added by %s", version, actor)
    return version


def publish(plan: YearPlan, number: int | None, actor=None) -> None:
    """Show agreed version ``number`` as the public jaaragenda, or none (None).

    :raises DomainError: for a number the plan has no agreed version of.
    """
    if number is not None and number not in {v.number for v in plan.versions}:
        raise DomainError(_("Only an agreed version can be published."))
    plan.published_number = number
    action = "year_plan.published" if number else "year_plan.unpublished"
    audit.record(plan.organisation, action, str(plan.year), actor, version=number)


def propose(plan: YearPlan, quarter: int, title: str, note: str, actor=None) -> ItemProposal:
    """The landlord proposes an item for a shared plan.

    :raises DomainError: when the plan is not shared, or the title or quarter is wrong.
    """
    if not plan.shared_with_landlord:
        raise DomainError(_("This plan is not shared with you."))
    if not title.strip():
        raise DomainError(_("Give the item a title."))
    if not 1 <= quarter <= 4:
        raise DomainError(_("Choose a quarter from 1 to 4."))
    proposal = ItemProposal(
        organisation_id=plan.organisation_id,
        plan=plan,
        quarter=quarter,
        title=title.strip(),
        note=note.strip(),
        proposed_by=getattr(actor, "email", None) or "Consult",
    )
    db.session.add(proposal)
    db.session.flush()
    current_app.logger.info("%s added by %s", proposal, actor)
    return proposal


def proposals_of(plan: YearPlan) -> list[ItemProposal]:
    """The plan's proposals, open ones first, newest first within."""
    return db.session.scalars(
        select(ItemProposal)
        .where(ItemProposal.plan_id == plan.id)
        .order_by((ItemProposal.state != ProposalState.OPEN), ItemProposal.id.desc())
    ).all()


def answer_proposal(proposal: ItemProposal, accept: bool, actor=None) -> None:
    """Take a proposal into the plan (as an item on the landlord's initiative) or not.

    :raises DomainError: when it was answered already.
    """
    if proposal.state != ProposalState.OPEN:
        raise DomainError(_("This proposal was answered already."))
    proposal.state = ProposalState.ACCEPTED if accept else ProposalState.DECLINED
    if accept:
        details = PlanDetails(
            proposal.plan.year,
            quarter=proposal.quarter,
            theme=proposal.title,
            initiative=Initiative.LANDLORD,
            note=proposal.note,
        )
        add_item(proposal.plan.organisation, details, actor)


@dataclass(frozen=True)
class FrozenItem:
    """An item of an agreed version, read like a plan item (for the lists, PDF and ICS)."""

    id: int
    year: int
    quarter: int
    month: int | None
    title: str
    right: str
    initiative: str
    note: str

    @property
    def right_label(self):
        return RIGHT_LABELS[AdviceRight(self.right)]

    @property
    def initiative_label(self):
        return INITIATIVE_LABELS[Initiative(self.initiative)]


def as_items(version: AgreedVersion) -> list[FrozenItem]:
    """The version's items, in the plan's order."""
    return [
        FrozenItem(id=item["item_id"], **{n: item[n] for n in FROZEN_FIELDS})
        for item in version.items
    ]


def published_plans(organisation) -> list[YearPlan]:
    """The organisation's years with a published agreed version, latest year first."""
    return db.session.scalars(
        select(YearPlan)
        .where(YearPlan.organisation_id == organisation.id, YearPlan.published_number.is_not(None))
        .order_by(YearPlan.year.desc())
        .options(selectinload(YearPlan.versions))
    ).all()


def shared_plans(organisation) -> list[YearPlan]:
    """The organisation's year plans shared with the landlord, latest year first."""
    return db.session.scalars(
        select(YearPlan)
        .where(YearPlan.organisation_id == organisation.id, YearPlan.shared_with_landlord)
        .order_by(YearPlan.year.desc())
    ).all()


def koepel_plans(member, year: int) -> list[tuple]:
    """(koepel, agreed version or None, items by quarter) for each koepel the organisation
    belongs to: the latest agreed version's items, or the plan as it stands while none is."""
    koepels = db.session.scalars(
        select(KoepelMember)
        .where(KoepelMember.member_id == member.id, KoepelMember.accepted_at.is_not(None))
        .options(selectinload(KoepelMember.koepel))
    ).all()
    shown = []
    for joined in koepels:
        plan = find_plan(joined.koepel, year)
        latest = plan.latest if plan else None
        items = as_items(latest) if latest else items_of(joined.koepel, year)
        shown.append((joined.koepel, latest, by_quarter(items)))
    return shown
