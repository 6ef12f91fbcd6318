"""Public pages of the panel: join, confirm, the member's own page, one-click unsubscribe."""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.core.limits import link_limits, mail_request_limits
from consult.core.saving import saving
from consult.dossiers.feedback.services import member_dossiers
from consult.extensions import csrf, db
from consult.membership import bp, services
from consult.membership.forms import EraseForm, LinkRequestForm, PauseForm, join_form, segments_form
from consult.membership.records import own_data
from consult.organisations.access import refuse_if_suspended
from consult.organisations.models import Organisation
from consult.panel.models import LinkPurpose
from consult.panel.services import dimensions_of

#: The session key holding the own-page link this browser opened.
OPENED_LINK = "member_link"


def _organisation_or_404(slug: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        abort(404)
    refuse_if_suspended(organisation)
    return organisation


@bp.route("/join/<slug>", methods=["GET", "POST"])
@mail_request_limits
def join(slug):
    """The public sign-up page of an organisation's panel."""
    organisation = _organisation_or_404(slug)
    privacy = services.current_privacy(organisation)
    form = join_form(dimensions_of(organisation))
    if not form.is_submitted():
        form.language.data = str(get_locale())
    if privacy is not None and form.validate_on_submit():
        with saving() as saved:
            services.sign_up(
                organisation,
                form.email.data,
                form.name.data,
                form.chosen_value_ids(),
                form.language.data,
                privacy,
            )
        if saved:
            return redirect(url_for("membership.check_mail", slug=slug))
    return render_template(
        "membership/join.html", association=organisation, privacy=privacy, form=form
    )


@bp.route("/join/<slug>/check-your-mail")
def check_mail(slug):
    """After signing up or asking for a link: look in your mailbox."""
    return render_template("membership/check_mail.html", association=_organisation_or_404(slug))


@bp.route("/join/<slug>/my-page", methods=["GET", "POST"])
@mail_request_limits
def request_link(slug):
    """A member asks for an e-mailed link to their own page (no password needed)."""
    organisation = _organisation_or_404(slug)
    form = LinkRequestForm()
    if form.validate_on_submit():
        services.send_access_link(organisation, form.email.data)
        db.session.commit()
        return redirect(url_for("membership.check_mail", slug=slug))
    return render_template("membership/request_link.html", association=organisation, form=form)


@bp.route("/join/confirm/<token>", methods=["GET", "POST"])
@link_limits()
def confirm(token):
    """Double opt-in: the link from the mail, and one button (mail scanners do not press it)."""
    link = services.find_link(token, LinkPurpose.CONFIRM)
    if link is None:
        return render_template("membership/link_expired.html"), 404
    organisation = link.member.organisation
    refuse_if_suspended(organisation)
    privacy = services.current_privacy(organisation)
    form = FlaskForm()
    if form.validate_on_submit():
        try:
            member = services.confirm(token, privacy)
        except DomainError:
            db.session.rollback()
            return render_template("membership/link_expired.html"), 404
        db.session.commit()
        return render_template("membership/welcome.html", association=organisation, member=member)
    return render_template(
        "membership/confirm.html", association=organisation, privacy=privacy, form=form
    )


def _member_or_404(token: str):
    member = services.member_for_access(token, session.get(OPENED_LINK))
    if member is None:
        abort(404)
    refuse_if_suspended(member.organisation)
    return member


def _own_page(member, token, **forms):
    dimensions = dimensions_of(member.organisation)
    forms = {
        "details": segments_form(dimensions, member),
        "pause": PauseForm(formdata=None, until=member.paused_until),
        "erase": EraseForm(formdata=None),
        **forms,
    }
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render_template(
        "membership/own_page.html",
        member=member,
        association=member.organisation,
        dossiers=member_dossiers(member.organisation),
        dimensions=dimensions,
        token=token,
        forms=forms,
    ), status


@bp.route("/m/<token>")
@link_limits()
def own_page(token):
    """The member's own page (details, pause, leave, download, erase), or first a button
    that opens it for this browser: mail scanners follow links but press no buttons."""
    member = services.member_for_access(token, session.get(OPENED_LINK))
    if member is not None:
        refuse_if_suspended(member.organisation)
        return _own_page(member, token)
    link = services.find_link(token, LinkPurpose.ACCESS)
    if link is None:
        return render_template("membership/link_expired.html"), 404
    refuse_if_suspended(link.member.organisation)
    return render_template(
        "membership/open_page.html",
        association=link.member.organisation,
        token=token,
        form=FlaskForm(),
    )


@bp.route("/m/<token>/open", methods=["POST"])
@link_limits()
def open_page(token):
    """Spend the link for this browser; from now on only this browser opens the page."""
    link = services.open_own_page(token) if FlaskForm().validate_on_submit() else None
    if link is None:
        db.session.rollback()
        return render_template("membership/link_expired.html"), 404
    services.note_activity(link.member)
    db.session.commit()
    session[OPENED_LINK] = link.id
    return redirect(url_for("membership.own_page", token=token))


@bp.route("/m/<token>/details", methods=["POST"])
@link_limits()
def save_details(token):
    """The member changes their segment answers and language."""
    member = _member_or_404(token)
    form = segments_form(dimensions_of(member.organisation), member)
    if not form.validate_on_submit():
        return _own_page(member, token, details=form)
    with saving() as saved:
        services.update_details(member, form.chosen_value_ids(), form.language.data)
    if not saved:
        return _own_page(_member_or_404(token), token)
    flash(_("Your details have been saved."), "info")
    return redirect(url_for("membership.own_page", token=token))


@bp.route("/m/<token>/pause", methods=["POST"])
@link_limits()
def pause(token):
    """The member pauses invitations until a day, or resumes them (empty day)."""
    member = _member_or_404(token)
    form = PauseForm()
    if form.validate_on_submit():
        with saving(form.until.errors) as saved:
            services.pause(member, form.until.data)
        if saved:
            flash(
                _("Your invitations are paused.")
                if form.until.data
                else _("You will get invitations again."),
                "info",
            )
            return redirect(url_for("membership.own_page", token=token))
    return _own_page(_member_or_404(token), token, pause=form)


@bp.route("/m/<token>/leave", methods=["POST"])
@link_limits()
def leave(token):
    """The member leaves the panel; their page stays reachable to erase or download."""
    member = _member_or_404(token)
    if FlaskForm().validate_on_submit():
        services.leave(member)
        db.session.commit()
        flash(_("You have left the panel. You will get no more e-mails from it."), "info")
    return redirect(url_for("membership.own_page", token=token))


@bp.route("/m/<token>/data.json")
@link_limits()
def download(token):
    """Everything held about the member, as JSON."""
    member = _member_or_404(token)
    data = own_data(member)
    db.session.commit()  # the audit entry of the download
    response = current_app.json.response(data)
    response.headers["Content-Disposition"] = 'attachment; filename="my-panel-data.json"'
    return response


@bp.route("/m/<token>/erase", methods=["POST"])
@link_limits()
def erase(token):
    """The member erases themselves; answers stay in the totals without any link to them."""
    member = _member_or_404(token)
    form = EraseForm()
    if not form.validate_on_submit():
        return _own_page(member, token, erase=form)
    organisation = member.organisation
    services.erase(member)
    db.session.commit()
    return render_template("membership/erased.html", association=organisation)


@bp.route("/u/<int:member_id>/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail programs post the one-click unsubscribe without a session
@link_limits()
def unsubscribe(member_id, token):
    """One-click unsubscribe: a POST unsubscribes, a GET asks first (scanners only GET)."""
    member = services.member_for_unsubscribe(member_id, token)
    if member is None:
        return render_template("membership/link_expired.html"), 404
    if request.method == "POST":
        services.leave(member)
        db.session.commit()
        return render_template("membership/unsubscribed.html", association=member.organisation)
    return render_template(
        "membership/unsubscribe.html", association=member.organisation, member=member
    )
