"""The public side of open links: answer, give an address if asked, confirm from the mail."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from consult.core.errors import DomainError
from consult.core.limits import link_limits
from consult.core.saving import saving
from consult.extensions import db
from consult.invitations.links import LinkState
from consult.invitations.unavailable import unavailable_page
from consult.organisations.access import refuse_if_suspended, unless_suspended
from consult.surveys import kept_pages, open_bp, open_links, translations
from consult.surveys.answering import AnswerSession, allow_photos, answer_pages, thanks_page
from consult.surveys.forms import OpenAddressForm
from consult.surveys.models.consultations import OpenLinkMode

#: Session key: consultation id -> the random key of this browser's draft.
BROWSER_KEYS = "open_keys"
#: Session key: consultation ids this browser has sent anonymous answers for.
ANSWERED = "open_answered"


open_bp.url_value_preprocessor(allow_photos)


def _organisation(key: str):
    """Whose consultation an open link belongs to, None for an unknown link."""
    consultation = open_links.find_open(key)
    return consultation.organisation if consultation else None


def _organisation_name(key: str) -> str | None:
    """For the page that asks a hammered link's visitor to wait."""
    organisation = _organisation(key)
    return organisation.name if organisation else None


def _refusal(consultation, confirmed_only: bool = False):
    """None while the open link takes answers (in the confirmed mode, if ``confirmed_only``);
    otherwise the calm page of a link that is off or unknown, not yet open, or closed (see
    ``invitations.unavailable``)."""
    if confirmed_only and consultation and consultation.open_link_mode != OpenLinkMode.CONFIRMED:
        consultation = None  # an anonymous link has no address or confirmation step
    state = open_links.link_state(consultation)
    return None if state == LinkState.OPEN else unavailable_page(state, consultation)


def _answered(consultation):
    return unavailable_page(LinkState.USED, consultation)


def _browser_key(consultation, create: bool = False) -> str | None:
    keys = session.get(BROWSER_KEYS, {})
    key = keys.get(str(consultation.id))
    if key is None and create:
        key = open_links.new_browser_key()
        session[BROWSER_KEYS] = {**keys, str(consultation.id): key}
        session.permanent = True  # answers saved "in this browser" survive closing it
    return key


@open_bp.route("/<key>", methods=["GET", "POST"])
@link_limits("OPEN_LINK_RATE_LIMIT", organisation_of=_organisation_name)
@unless_suspended(_organisation)
def respond(key):
    """Anyone with the link answers, page by page; every page is saved in this browser."""
    consultation = open_links.find_open(key)
    if refused := _refusal(consultation):
        return refused
    if consultation.id in session.get(ANSWERED, []):
        return _answered(consultation)
    shape = kept_pages.shape_of(consultation)
    language = translations.chosen_language(shape, request.args.get("lang"))
    asked = translations.in_address(shape, language)
    return answer_pages(
        AnswerSession(
            shape=shape,
            consultation=lambda: consultation,
            saved=open_links.draft_answers(consultation, _browser_key(consultation)),
            save=lambda answers: open_links.save_draft(
                consultation, _browser_key(consultation, create=True), answers
            ),
            finish=lambda answers: _finish(consultation, key, answers, language),
            page_url=lambda number: url_for("open.respond", key=key, page=number, lang=asked),
            link_key=key,
            saved_note=_l(
                "Your answers are saved in this browser. Open the same link here to go on."
            ),
            language=language,
            address_language=asked,
        )
    )


def _finish(consultation, key, answers, language):
    """Anonymous: store the answers now. Confirmed: keep them and ask for the address."""
    browser_key = _browser_key(consultation, create=True)
    if consultation.open_link_mode == OpenLinkMode.CONFIRMED:
        open_links.save_draft(consultation, browser_key, answers)
        db.session.commit()
        return redirect(url_for("open.address", key=key))
    try:
        open_links.send_anonymous(consultation, browser_key, answers, language)
    except DomainError as error:
        db.session.rollback()
        open_links.save_draft(consultation, browser_key, answers)
        db.session.commit()
        flash(str(error.message), "error")
        return redirect(url_for("open.respond", key=key))
    db.session.commit()
    session[ANSWERED] = [*session.get(ANSWERED, []), consultation.id]
    return thanks_page(consultation, language)


@open_bp.route("/<key>/address", methods=["GET", "POST"])
@link_limits("OPEN_LINK_RATE_LIMIT", organisation_of=_organisation_name)
@unless_suspended(_organisation)
def address(key):
    """One vote per person: the answers count once the mailed link is used."""
    consultation = open_links.find_open(key)
    if refused := _refusal(consultation, confirmed_only=True):
        return refused
    form = OpenAddressForm()
    if form.validate_on_submit():
        with saving(form.email.errors) as saved:
            open_links.ask_confirmation(
                consultation, _browser_key(consultation), form.email.data, str(get_locale())
            )
        if saved:
            return render_template("surveys/open_check_mail.html", consultation=consultation)
    return render_template("surveys/open_address.html", consultation=consultation, form=form)


@open_bp.route("/confirm/<token>", methods=["GET", "POST"])
@link_limits("OPEN_LINK_RATE_LIMIT", organisation_of=_organisation_name)
def confirm(token):
    """The link from the confirmation mail, and one button (mail scanners do not press it)."""
    draft = open_links.pending(token)
    consultation = draft and db.session.get(open_links.Consultation, draft.consultation_id)
    refuse_if_suspended(consultation.organisation if consultation else None)
    if refused := _refusal(consultation, confirmed_only=True):
        return refused
    form = FlaskForm()
    if form.validate_on_submit():
        try:
            counted = open_links.confirm(draft)
        except DomainError as error:
            db.session.rollback()
            return render_template("surveys/open_problem.html", message=error.message), 400
        db.session.commit()
        if not counted:
            return _answered(consultation)
        return render_template("invitations/thanks.html", consultation=consultation)
    return render_template("surveys/open_confirm.html", consultation=consultation, form=form)
