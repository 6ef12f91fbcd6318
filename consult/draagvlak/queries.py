"""The count of a draagvlakmeting, done by the database: agreeing addresses over ALL the
addresses concerned, so that silence never counts as consent.

A secret meting's votes are sealed: while it is open its count shows the turnout only (an
agree count growing vote by vote would tell the board how each address voted, next to the
list of who voted); after closing the application unseals the votes to count them."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from consult.core.clock import today
from consult.draagvlak.models import Meting, MetingAddress, MetingState, Vote
from consult.draagvlak.voting import unsealed_agree_count
from consult.extensions import db


@dataclass(frozen=True)
class Count:
    addresses: int  #: every address concerned
    voted: int  #: addresses that voted
    agree: int | None  #: addresses that agree; None while a secret meting is open
    threshold: int  #: percent of all addresses that must agree

    @property
    def percentage(self) -> Decimal | None:
        """Agreeing addresses as a percentage of all addresses concerned, to one decimal."""
        if not self.addresses or self.agree is None:
            return None
        exact = Decimal(self.agree * 100) / Decimal(self.addresses)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def passed(self) -> bool:
        """Whether at least ``threshold`` percent of all addresses agree (exactly 70% passes).
        Compared in whole numbers, so no rounding decides."""
        if self.agree is None:
            return False
        return self.addresses > 0 and self.agree * 100 >= self.threshold * self.addresses

    def as_dict(self) -> dict:
        return {
            "addresses": self.addresses,
            "voted": self.voted,
            "agree": self.agree,
            "disagree_or_silent": None if self.agree is None else self.addresses - self.agree,
            "threshold": self.threshold,
            "percentage": str(self.percentage) if self.percentage is not None else None,
            "passed": self.passed,
        }


def count(meting: Meting) -> Count:
    """The count as it is now (one query)."""
    addresses = select(func.count(MetingAddress.id)).where(MetingAddress.meting_id == meting.id)
    voted = addresses.where(MetingAddress.voted_on.is_not(None))
    agree = select(func.count(Vote.id)).where(Vote.meting_id == meting.id, Vote.agrees)
    row = db.session.execute(
        select(addresses.scalar_subquery(), voted.scalar_subquery(), agree.scalar_subquery())
    ).one()
    agreeing = row[2]
    if meting.secret:
        closed = meting.state_on(today()) == MetingState.CLOSED
        agreeing = agreeing + unsealed_agree_count(meting) if closed else None
    return Count(row[0], row[1], agreeing, meting.threshold)


def voted_addresses(meting: Meting) -> list[tuple[MetingAddress, bool | None]]:
    """The addresses that voted, with how (None in a secret meting), by address."""
    rows = db.session.execute(
        select(MetingAddress, Vote.agrees)
        .outerjoin(Vote, Vote.address_id == MetingAddress.id)
        .where(MetingAddress.meting_id == meting.id, MetingAddress.voted_on.is_not(None))
        .order_by(MetingAddress.address)
    )
    return [(address, agrees) for address, agrees in rows]


def metingen_of(organisation) -> list[Meting]:
    """The organisation's draagvlakmetingen, the latest first."""
    return list(
        db.session.scalars(
            select(Meting)
            .where(Meting.organisation_id == organisation.id)
            .order_by(Meting.opens_on.desc(), Meting.id.desc())
        )
    )
