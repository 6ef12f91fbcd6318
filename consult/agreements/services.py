"""Kruisjeslijst rules: start from the template, adopt a new version, the advice term."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from consult.agreements.models import (
    LEGAL_ADVICE_TERM_WEEKS,
    MAX_TERM_WEEKS,
    TERM_RIGHTS,
    AdviceRight,
    AgreementVersion,
    Topic,
)
from consult.agreements.template import QUALIFIERS, WOONSTAD_KRUISJESLIJST
from consult.audit import services as audit
from consult.core.errors import DomainError
from consult.extensions import db


@dataclass(frozen=True)
class TopicLine:
    """A topic as the board enters it: area, title and right, and what the agreement adds:
    a qualifier beside the right with its meaning, and a term of its own."""

    area: str
    title: str
    right: AdviceRight
    qualifier: str = ""
    qualifier_note: str = ""
    term_weeks: int | None = None

    def cleaned(self) -> "TopicLine":
        """The line with its words stripped.

        :raises DomainError: for a term on a right without one, an advice term under the
            legal six weeks, or a qualifier without a note saying what it means.
        """
        line = replace(
            self,
            area=self.area.strip(),
            title=self.title.strip(),
            qualifier=self.qualifier.strip(),
            qualifier_note=self.qualifier_note.strip(),
        )
        if line.qualifier and not line.qualifier_note:
            raise DomainError(
                _(
                    "Say what “%(mark)s” means for “%(title)s”.",
                    mark=line.qualifier,
                    title=line.title,
                )
            )
        if line.term_weeks is not None:
            _check_term(line)
        return line


def _check_term(line: TopicLine) -> None:
    if line.right not in TERM_RIGHTS:
        raise DomainError(
            _("“%(title)s”: only advice and consent topics have a term.", title=line.title)
        )
    least = 1 if line.right == AdviceRight.CONSENT else LEGAL_ADVICE_TERM_WEEKS
    if not least <= line.term_weeks <= MAX_TERM_WEEKS:
        raise DomainError(
            _(
                "“%(title)s”: enter a term of %(least)d to %(most)d weeks.",
                title=line.title,
                least=least,
                most=MAX_TERM_WEEKS,
            )
        )


def versions_of(organisation) -> list[AgreementVersion]:
    """Every version, the one in force first."""
    return db.session.scalars(
        select(AgreementVersion)
        .where(AgreementVersion.organisation_id == organisation.id)
        .order_by(AgreementVersion.agreed_on.desc(), AgreementVersion.id.desc())
    ).all()


def current_version(organisation) -> AgreementVersion | None:
    """The version in force: the latest agreement date (the last saved on a tie)."""
    versions = versions_of(organisation)
    return versions[0] if versions else None


def template_lines() -> list[TopicLine]:
    return [
        TopicLine(area, title, right, *QUALIFIERS.get(title, ("", "")))
        for area, topics in WOONSTAD_KRUISJESLIJST
        for title, right in topics
    ]


def lines_of(version: AgreementVersion | None) -> list[TopicLine]:
    if version is None:
        return []
    return [
        TopicLine(
            t.area, t.title, AdviceRight(t.right), t.qualifier, t.qualifier_note, t.term_weeks
        )
        for t in version.topics
    ]


def advice_term(organisation) -> timedelta:
    """The advice term of the agreement in force, or the law's six weeks."""
    version = current_version(organisation)
    weeks = version.advice_term_weeks if version else LEGAL_ADVICE_TERM_WEEKS
    return timedelta(weeks=weeks)


def term_for(organisation, topic=None, right=None) -> timedelta | None:
    """The term a dossier on ``topic`` gets: the topic's own term where the agreement sets
    one, else the term of the topic's version (or of the version in force): its advice term,
    or for consent its term for the decision, None where it sets none (the law sets none)."""
    if topic is not None and topic.term_weeks:
        return timedelta(weeks=topic.term_weeks)
    version = topic.version if topic is not None else current_version(organisation)
    if right == AdviceRight.CONSENT:
        weeks = version.consent_term_weeks if version else None
        return timedelta(weeks=weeks) if weeks else None
    return timedelta(weeks=version.advice_term_weeks) if version else advice_term(organisation)


def adopt(
    organisation,
    agreed_on: date,
    lines: list[TopicLine],
    advice_term_weeks: int = LEGAL_ADVICE_TERM_WEEKS,
    note: str = "",
    actor=None,
    consent_term_weeks: int | None = None,
) -> AgreementVersion:
    """Store a new version of the kruisjeslijst; earlier versions stay as they were.

    :raises DomainError: without topics, with a topic twice in one area, with a term under
        the legal six weeks, or dated before the version in force.
    """
    lines = [line.cleaned() for line in lines]
    if not lines:
        raise DomainError(_("The kruisjeslijst needs at least one topic."))
    seen = set()
    for line in lines:
        key = (line.area.casefold(), line.title.casefold())
        if key in seen:
            raise DomainError(
                _("“%(title)s” is twice in %(area)s.", title=line.title, area=line.area)
            )
        seen.add(key)
    if advice_term_weeks < LEGAL_ADVICE_TERM_WEEKS:
        raise DomainError(_("The advice term is at least six weeks (Overlegwet, article 5)."))
    if consent_term_weeks is not None and not 1 <= consent_term_weeks <= MAX_TERM_WEEKS:
        raise DomainError(_("Enter a term for consent of 1 to 52 weeks, or none."))
    current = current_version(organisation)
    if current is not None and agreed_on < current.agreed_on:
        raise DomainError(
            _(
                "The version in force is dated %(date)s; a new version cannot be dated earlier.",
                date=format_date(current.agreed_on),
            )
        )
    version = AgreementVersion(
        organisation_id=organisation.id,
        agreed_on=agreed_on,
        advice_term_weeks=advice_term_weeks,
        consent_term_weeks=consent_term_weeks,
        note=note.strip(),
        saved_by=getattr(actor, "email", "") or "",
        topics=[
            Topic(
                organisation_id=organisation.id,
                area=line.area,
                title=line.title,
                right=line.right,
                qualifier=line.qualifier,
                qualifier_note=line.qualifier_note,
                term_weeks=line.term_weeks,
                position=position,
            )
            for position, line in enumerate(lines)
        ],
    )
    db.session.add(version)
    db.session.flush()
    audit.record(organisation, "kruisjeslijst.adopted", str(agreed_on), actor, topics=len(lines))
    current_app.logger.info("%s added by %s", version, actor)
    return version


def start_from_template(organisation, agreed_on: date, actor=None) -> AgreementVersion:
    """The organisation's first kruisjeslijst: a copy of the built-in template."""
    return adopt(organisation, agreed_on, template_lines(), actor=actor)


def choosable_topics(organisation, chosen=None) -> list:
    """The topics of the kruisjeslijst in force, plus ``chosen`` when it is of an earlier
    version (so a dossier or plan item keeps the topic it has)."""
    version = current_version(organisation)
    topics = list(version.topics) if version else []
    if chosen is not None and chosen not in topics:
        topics.append(chosen)
    return topics


def topic_choices(topics, none_label) -> dict:
    """Select choices grouped by area, after a first group for "not on the kruisjeslijst"."""
    return {
        _l("Not on the kruisjeslijst"): [SelectChoice("", none_label)],
        **{
            area: [SelectChoice(str(t.id), f"{t.title} ({t.full_mark})") for t in items]
            for area, items in by_area(topics)
        },
    }


def by_area(topics) -> list[tuple[str, list]]:
    """Topics grouped by area, in list order."""
    groups: dict[str, list] = {}
    for topic in topics:
        groups.setdefault(topic.area, []).append(topic)
    return list(groups.items())
