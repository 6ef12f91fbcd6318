"""Demo content of issue 24: a dated update on the public dossier, and the year agenda
shared with the landlord, agreed and published as the public jaaragenda."""

from datetime import timedelta

from sqlalchemy import select

from consult.core import clock
from consult.dossiers.models import Dossier, FeedbackVisibility
from consult.dossiers.news import services as news
from consult.extensions import db
from consult.planning import services as planning
from consult.planning.agenda import services as agenda


def seed_agenda(organisation, board_member) -> None:
    """An update on the public dossier, and this year's agreed and published agenda."""
    today = clock.today()
    public = db.session.scalar(
        select(Dossier).where(
            Dossier.organisation_id == organisation.id,
            Dossier.feedback_visibility == FeedbackVisibility.PUBLIC,
        )
    )
    if public is not None:
        news.post_news(
            public,
            "Eindelijk is het zover!",
            "De verhuurder heeft de nieuwe huren bekendgemaakt. Op onze spreekuren leggen wij "
            "uit wat dit voor u betekent.",
            today - timedelta(days=20),
            actor=board_member,
        )
    planning.add_suggestions(organisation, today.year, board_member)
    plan = agenda.plan_of(organisation, today.year)
    agenda.share_with_landlord(plan, True, board_member)
    version = agenda.agree(
        plan,
        today - timedelta(days=30),
        "Afgesproken in het overleg met de verhuurder.",
        board_member,
    )
    agenda.publish(plan, version.number, board_member)
