"""Sending invitations (board) and answering through the link (tenant)."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from consult.core.errors import DomainError
from consult.core.limits import link_limits
from consult.core.policy import Action
from consult.core.saving import saving
from consult.extensions import db
from consult.invitations import (
    bp,
    inviting,
    links,
    participation,
    public_bp,
    queries,
    reminders,
    submitting,
)
from consult.invitations.forms import ReminderForm, invite_form
from consult.invitations.links import LinkState
from consult.invitations.unavailable import unavailable_page
from consult.mail import worker
from consult.organisations.access import (
    OrganisationSuspended,
    organisation_required,
    scoped_or_404,
    unless_suspended,
)
from consult.panel.services import dimensions_of
from consult.results.charts import funnel_figure
from consult.surveys import changing, kept_pages, translations
from consult.surveys import services as surveys
from consult.surveys.answering import AnswerSession, allow_photos, answer_pages, thanks_page
from consult.surveys.models.consultations import Consultation

public_bp.url_value_preprocessor(allow_photos)


def _redirect_to(consultation):
    return redirect(url_for("surveys.detail", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/invite", methods=["POST"])
@organisation_required(Action.EDIT)
def invite(consultation_id):
    """Invite the panel, or the ticked segments or listed members, not yet invited."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = invite_form(dimensions_of(g.organisation))
    if form.validate_on_submit():
        with saving() as saved:
            count = inviting.invite_panel(
                consultation, form.chosen_value_ids(), form.listed_emails(), actor=current_user
            )
        if saved:
            worker.dispatch()
            flash(
                ngettext(
                    "%(num)d invitation is being sent.",
                    "%(num)d invitations are being sent.",
                    count,
                ),
                "info",
            )
    return _redirect_to(consultation)


@bp.route("/<int:consultation_id>/reminders", methods=["POST"])
@organisation_required(Action.EDIT)
def plan_reminder(consultation_id):
    """Plan a reminder to those who have not answered yet."""
    consultation = scoped_or_404(Consultation, consultation_id)
    form = ReminderForm()
    if form.validate_on_submit():
        with saving() as saved:
            reminders.schedule_reminder(consultation, form.send_on.data, actor=current_user)
        if saved:
            worker.dispatch()
            flash(_("The reminder is planned."), "info")
    else:
        flash(_("Choose a valid day for the reminder."), "error")
    return _redirect_to(consultation)


@bp.route("/<int:consultation_id>/funnel")
@organisation_required(Action.VIEW)
def funnel(consultation_id):
    """Invited, sent, bounced, opened and submitted: in total, over time and per segment."""
    consultation = scoped_or_404(Consultation, consultation_id)
    days = queries.days(consultation)
    planned = reminders.reminders_of(consultation)
    names = {"sent": _("sent"), "opened": _("opened"), "submitted": _("submitted")}
    chart = (
        funnel_figure(
            days, [r.send_on for r in planned], names, _("Invitations over time")
        ).to_json()
        if days
        else None
    )
    return render_template(
        "invitations/funnel.html",
        consultation=consultation,
        totals=queries.totals(consultation),
        days=days,
        segments=queries.segments(consultation),
        channels=queries.channels(consultation),
        reminders=planned,
        chart=chart,
    )


def _organisation(token: str):
    """Whose consultation a link belongs to (one query), None for an unknown link."""
    invitation = links.find_by_token(token)
    return invitation.consultation.organisation if invitation else None


def _organisation_name(token: str) -> str | None:
    """For the page that asks a hammered link's visitor to wait."""
    organisation = _organisation(token)
    return organisation.name if organisation else None


@public_bp.route("/<token>", methods=["GET", "POST"])
@link_limits(organisation_of=_organisation_name)
def respond(token):
    """The tenant's questionnaire behind a personal link, page by page; opening spends nothing.

    Every page move saves the answers so far, so the tenant can leave and come back through
    the same link. Only "send" on the last page stores a response.
    """
    # A post reads its link in the transaction it writes in; not one with a photo, which
    # takes a moment to check first (no transaction should wait on that).
    link = links.find_link(token, writing=request.method == "POST" and not request.files)
    if link.suspended:
        raise OrganisationSuspended(link.suspended)
    if link.state == LinkState.SENT and not link.changing:
        return _sent_page(token)
    if link.state not in (LinkState.OPEN, LinkState.SENT):
        return _unavailable(link.state, token)
    language = translations.chosen_language(
        link.page_shape, request.args.get("lang"), link.member_language
    )
    asked = translations.in_address(link.page_shape, language, link.member_language)
    if request.method == "GET":
        if not link.opened:
            links.mark_opened(link.invitation_id)
            db.session.commit()
        # Most views: a page before any answer, kept and reused without loading anything.
        page = kept_pages.kept_page(link.page_shape, link.saved, token, language, asked)
        if page is not None:
            return page
    return answer_pages(
        AnswerSession(
            shape=link.page_shape,
            consultation=lambda: kept_pages.shown_consultation(link.page_shape),
            saved=link.saved,
            save=lambda answers: submitting.save_link_draft(link, answers),
            finish=lambda answers: _send(link, token, answers, language),
            page_url=lambda number: url_for("answer.respond", token=token, page=number, lang=asked),
            link_key=token,
            saved_note=_saved_note(link),
            language=language,
            address_language=asked,
        )
    )


def _sent_page(token):
    """The answers sent through the link, with a button to change them until closing."""
    invitation = links.find_by_token(token)
    response = changing.response_of(invitation.consultation_id, invitation.member_id)
    if response is None:  # erased meanwhile: nothing to show or change
        return _unavailable(LinkState.USED, token)
    questions = surveys.questions_with_options(invitation.consultation)
    return render_template(
        "invitations/sent.html",
        consultation=invitation.consultation,
        answers=changing.sent_overview(response, questions),
        token=token,
    )


@public_bp.route("/<token>/change", methods=["POST"])
@link_limits(organisation_of=_organisation_name)
@unless_suspended(_organisation)
def change(token):
    """Start changing the sent answers: they fill the pages again (identified consultations,
    until closing)."""
    invitation = links.find_by_token(token)
    try:
        submitting.start_change(invitation)
    except DomainError:
        db.session.rollback()
        return _unavailable(links.link_state(invitation), token)
    db.session.commit()
    return redirect(url_for("answer.respond", token=token, page=1))


def _saved_note(link):
    if link.by_post:
        return _l("Your answers are saved. Come back with the code on your letter to go on.")
    return _l("Your answers are saved. Come back with the link in your e-mail to go on.")


def _send(link, token, answers, language):
    """Store the answers as the response (answered in ``language``) and spend the link, or
    keep them and say what is wrong. Nothing is saved first: a second, simultaneous send
    finds the link spent and leaves no draft behind. Sent answers being changed replace the
    earlier ones."""
    asked = translations.in_address(link.page_shape, language, link.member_language)
    try:
        if link.state == LinkState.SENT:
            submitting.resend(link, answers)
        else:
            submitting.send(link, answers, language)
    except DomainError as error:
        db.session.rollback()
        invitation = links.find_by_token(token)
        state = links.link_state(invitation)
        if state not in (LinkState.OPEN, LinkState.SENT):  # e.g. closed a moment ago
            return _unavailable(state, token)
        if state == LinkState.SENT and not submitting.is_changing(invitation):
            flash(_("These answers were sent a moment ago (from another tab?)."), "info")
            return redirect(url_for("answer.respond", token=token))
        submitting.save_draft(invitation, answers)
        db.session.commit()
        flash(str(error.message), "error")
        return redirect(url_for("answer.respond", token=token, lang=asked))
    db.session.commit()
    return redirect(url_for("answer.thanks", token=token, lang=asked))


def _unavailable(state: LinkState, token: str = ""):
    """The calm page of a link that cannot be answered; a real link's names its organisation
    (see ``invitations.unavailable``)."""
    invitation = links.find_by_token(token) if state != LinkState.INVALID else None
    return unavailable_page(state, invitation.consultation if invitation else None)


@public_bp.route("/<token>/thanks")
@link_limits(organisation_of=_organisation_name)
@unless_suspended(_organisation)
def thanks(token):
    """Confirmation after submitting."""
    invitation = links.find_by_token(token)
    if invitation is None or not participation.spent(invitation):
        return _unavailable(LinkState.INVALID)
    member = invitation.member
    return thanks_page(
        invitation.consultation,
        request.args.get("lang"),
        member.locale if member else None,
        changeable=links.link_state(invitation) == LinkState.SENT,
        token=token,
    )
