"""The board's page for mailings to the panel: write, count who it reaches, send."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from consult.core.policy import Action
from consult.core.saving import saving
from consult.mailings import bp, services
from consult.mailings.forms import mailing_form
from consult.organisations.access import organisation_required
from consult.panel.services import dimensions_of


def _page(form, reach=None, status=200):
    page = render_template(
        "mailings/index.html",
        form=form,
        reach=reach,
        mailings=services.mailings_of(g.organisation),
        unreached_note=unreached_note,
    )
    return page, status


@bp.route("")
@organisation_required(Action.EDIT)
def index():
    """The mailings sent so far, and the form for a new one."""
    return _page(mailing_form(dimensions_of(g.organisation)))


@bp.route("", methods=["POST"])
@organisation_required(Action.EDIT)
def send():
    """Count whom the mailing reaches, or send it."""
    form = mailing_form(dimensions_of(g.organisation))
    if not form.validate_on_submit():
        return _page(form, status=400)
    value_ids = form.chosen_value_ids()
    if not form.send.data:
        return _page(form, services.reach(g.organisation, value_ids))
    with saving(form.body.errors) as saved:
        mailing = services.send(
            g.organisation, form.subject.data, form.body.data, value_ids, current_user
        )
    if not saved:
        return _page(form, services.reach(g.organisation, value_ids), 400)
    flash(
        ngettext(
            "The mailing is on its way to %(num)d member.",
            "The mailing is on its way to %(num)d members.",
            mailing.recipients,
        ),
        "info",
    )
    if mailing.unreached:
        flash(unreached_note(mailing.unreached), "info")
    return redirect(url_for("mailings.index"))


def unreached_note(count: int) -> str:
    """How many members on post only the mailing does not reach."""
    return ngettext(
        "%(num)d member without e-mail is not reached.",
        "%(num)d members without e-mail are not reached.",
        count,
    )
