"""Posting news on a dossier, reading it as members or the public may, and mailing it."""

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers.documents.services import add_document
from consult.dossiers.feedback.services import mail_to_participants
from consult.dossiers.models import DocumentKind, Dossier, FeedbackVisibility
from consult.dossiers.news.models import DossierNews
from consult.dossiers.services import record_event
from consult.extensions import db


def post_news(
    dossier: Dossier,
    title: str,
    body: str,
    published_on: date,
    upload: tuple[str, bytes] | None = None,
    actor=None,
) -> DossierNews:
    """Add a dated update to the dossier, with its document among the dossier's papers.

    :param upload: (file name, content) of the document that goes with it, if any; checked
        by the rules of every dossier document.
    :raises DomainError: for an empty title or text, a date in the future, or a refused file.
    """
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise DomainError(_("Give the update a title and a text."))
    if published_on > today():
        raise DomainError(_("The date cannot be in the future."))
    document = add_document(dossier, *upload, DocumentKind.OTHER, actor) if upload else None
    event = record_event(dossier, "news", actor, title=title)
    news = DossierNews(
        organisation_id=dossier.organisation_id,
        dossier=dossier,
        published_on=published_on,
        title=title,
        body=body,
        document=document,
        author_label=event.actor_label,
    )
    db.session.add(news)
    db.session.flush()
    current_app.logger.info("%s added by %s", news, actor)
    return news


def news_of(dossier: Dossier) -> list[DossierNews]:
    """The dossier's updates, newest date first."""
    return db.session.scalars(
        select(DossierNews)
        .where(DossierNews.dossier_id == dossier.id)
        .order_by(DossierNews.published_on.desc(), DossierNews.id.desc())
        .options(selectinload(DossierNews.document))
    ).all()


def latest_news(dossiers: list[Dossier]) -> dict[int, DossierNews]:
    """The newest update of each dossier that has one, by dossier id (one query)."""
    order = (DossierNews.published_on.desc(), DossierNews.id.desc())
    ranked = (
        select(
            DossierNews.id,
            func.row_number()
            .over(partition_by=DossierNews.dossier_id, order_by=order)
            .label("rank"),
        )
        .where(DossierNews.dossier_id.in_([d.id for d in dossiers]))
        .subquery()
    )
    found = db.session.scalars(
        select(DossierNews).join(ranked, ranked.c.id == DossierNews.id).where(ranked.c.rank == 1)
    )
    return {news.dossier_id: news for news in found}


def shown_news(dossier: Dossier, news_id: int) -> DossierNews | None:
    """An update of a dossier whose feedback page is shown to anyone; None otherwise."""
    if dossier.feedback_visibility == FeedbackVisibility.NONE:
        return None
    return db.session.scalar(
        select(DossierNews).where(DossierNews.id == news_id, DossierNews.dossier_id == dossier.id)
    )


def mail_news(news: DossierNews, actor=None) -> int:
    """Queue the update to each member who answered a linked consultation, once each.

    :returns: the number of mails queued.
    :raises DomainError: while the dossier is shown to no one (the mail links to its page).
    """
    dossier = news.dossier
    if dossier.feedback_visibility == FeedbackVisibility.NONE:
        raise DomainError(_("First show the feedback page to members, then mail them."))
    queued = mail_to_participants(dossier, "dossier_news", news.id, news_id=news.id)
    news.mailed_to = (news.mailed_to or 0) + queued
    record_event(dossier, "news_mailed", actor, count=queued)
    current_app.logger.info("%d news mails for %s queued by %s", queued, news, actor)
    return queued
