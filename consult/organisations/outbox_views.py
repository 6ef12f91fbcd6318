"""The in-app outbox (admins): the organisation's mail as a list a page at a time, filtered
by kind and status, and one mail opened on its own. A mail's text is shown only while mail
stays local (the demo), never for the kinds in ``listing.HIDDEN_TEXT_KINDS``."""

from flask import abort, g, render_template, request

from consult.core.policy import Action
from consult.core.requests import whole_number
from consult.mail import listing, outbox
from consult.mail.kinds import registered
from consult.mail.models import STATUS_LABELS, MessageStatus
from consult.mail.rendering import render
from consult.organisations import bp
from consult.organisations.access import organisation_required
from consult.organisations.forms import OutboxFilterForm


@bp.app_template_global()
def message_status_label(status: str) -> str:
    return STATUS_LABELS[MessageStatus(status)]


@bp.app_template_global()
def message_kind_label(kind: str) -> str:
    return registered().label_of(kind)


@bp.route("/o/<org>/outbox")
@organisation_required(Action.ADMINISTER)
def outbox_messages():
    """The organisation's mail: counts per status, then a filtered page of the list."""
    kinds = [(kind, message_kind_label(kind)) for kind in listing.kinds_sent_by(g.organisation)]
    form = OutboxFilterForm(kinds, request.args)
    valid = form.validate()
    requested = request.args.get("page", 1, type=whole_number)
    found = listing.page_of(
        g.organisation, form.filters() if valid else listing.OutboxFilter(), requested
    )
    local = not outbox.smtp_configured()
    return render_template(
        "organisations/outbox.html",
        found=found,
        subjects={m.id: render(m).subject for m in found.messages} if local else {},
        form=form,
        counts=outbox.counts_for(g.organisation),
        local=local,
        shows_recipient=listing.shows_recipient,
    ), 200 if valid else 400


@bp.route("/o/<org>/outbox/<int:message_id>")
@organisation_required(Action.ADMINISTER)
def outbox_message(message_id):
    """One mail of the organisation, with its text and links while mail stays local."""
    message = listing.message_of(g.organisation, message_id)
    if message is None:
        abort(404)
    rendered = None if outbox.smtp_configured() else render(message)
    return render_template(
        "organisations/outbox_message.html",
        message=message,
        subject=rendered.subject if rendered else None,
        text=listing.with_links(rendered.text)
        if rendered and listing.shows_text(message)
        else None,
        shows_recipient=listing.shows_recipient(message),
    )
