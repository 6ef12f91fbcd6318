"""Rendering a message's subject, plain text and HTML in its own language, with the kind's
renderer; a batch renders each shared text once and fills in the personal parts."""

from dataclasses import dataclass, replace

from flask import render_template
from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import select

from consult.core.i18n import parsed_locale
from consult.extensions import db
from consult.mail.kinds import registered
from consult.mail.models import Message
from consult.organisations.models import Organisation


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str
    #: The one-click unsubscribe link (RFC 8058) for mail to panel members; None otherwise.
    unsubscribe_url: str | None = None
    #: The organisation's logo as (content type, bytes), sent inside the mail.
    logo: tuple[str, bytes] | None = None
    #: Files sent with the mail as (filename, content type, bytes); a renderer gives them as
    #: ``attachments`` in its context.
    attachments: tuple[tuple[str, str, bytes], ...] = ()


def prefetch_for(messages: list[Message]) -> list:
    """Load what the batch renders; the caller keeps the result so it stays in the session."""
    prefetchers, loaded = registered().prefetchers, []
    for kind in {message.kind for message in messages}:
        if kind in prefetchers:
            loaded += prefetchers[kind]([m for m in messages if m.kind == kind])
    return loaded


def render(message: Message, cache: dict | None = None) -> RenderedMail:
    """Render the message's subject, plain text and HTML in its own language.

    :param cache: a dict kept for one batch: messages of a kind with personal values that
        share the rest of their context are rendered once (see ``MailKinds.renderer``), and each
        organisation's logo is read once.
    """
    logo = _logo_of(message.organisation_id, {} if cache is None else cache)
    with force_locale(parsed_locale(message.locale)):
        renderer = registered().renderers[message.kind]
        subject, context = renderer.render(message)
        context = context | {"has_logo": logo is not None}
        personal = {key: context[key] for key in renderer.personal if context.get(key)}
        if cache is None or not personal:
            return replace(_render_templates(message.kind, str(subject), context), logo=logo)
        shared = sorted((k, repr(v)) for k, v in context.items() if k not in personal)
        key = (message.kind, message.locale, str(subject), tuple(shared), tuple(personal))
        if key not in cache:
            placeholders = {name: f"\x00{name}\x00" for name in personal}
            cache[key] = _render_templates(message.kind, str(subject), context | placeholders)
        return _fill(cache[key], personal, logo)


def _logo_of(organisation_id: int | None, cache: dict) -> tuple[str, bytes] | None:
    """The organisation's logo as (content type, bytes), read once per batch."""
    if organisation_id is None:
        return None
    key = ("logo", organisation_id)
    if key not in cache:
        row = db.session.execute(
            select(Organisation.logo_type, Organisation.logo).where(
                Organisation.id == organisation_id, Organisation.logo_type.is_not(None)
            )
        ).first()
        cache[key] = tuple(row) if row else None
    return cache[key]


def _render_templates(kind: str, subject: str, context: dict) -> RenderedMail:
    return RenderedMail(
        subject=subject,
        text=render_template(f"email/{kind}.txt", **context),
        html=render_template(f"email/{kind}.html", **context),
        unsubscribe_url=context.get("unsubscribe_url"),
        attachments=tuple(context.get("attachments", ())),
    )


def _fill(
    template: RenderedMail, personal: dict[str, str], logo: tuple[str, bytes] | None
) -> RenderedMail:
    """The mail with each placeholder replaced (as is in the text, escaped in the HTML) and
    the organisation's logo."""
    text, html, unsubscribe = template.text, template.html, template.unsubscribe_url
    for name, value in personal.items():
        placeholder, value = f"\x00{name}\x00", value.replace("\x00", "")
        text = text.replace(placeholder, value)
        html = html.replace(placeholder, str(escape(value)))
        unsubscribe = unsubscribe.replace(placeholder, value) if unsubscribe else None
    return replace(template, text=text, html=html, unsubscribe_url=unsubscribe, logo=logo)
