"""Open links: anyone with the link may answer, once.

Two modes. "confirmed": after the last page the respondent gives an e-mail address and the
answers count only once the button behind the link in the confirmation mail is pressed; a
keyed hash of the address (``OpenVote``) then keeps a second answer from it out, without
saying which response was theirs and without storing the address. "anonymous": no e-mail;
one answer per browser, and such answers are counted under their own channel so the board
can weigh them separately.

Answers so far are kept in a draft that belongs to a random key in the respondent's browser
session (only its hash is stored).
"""

import hashlib
import hmac
import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from consult.core import clock
from consult.core.errors import DomainError
from consult.core.tokens import derive_token, hash_token, new_salt
from consult.extensions import db
from consult.invitations.links import LINK_STATES, LinkState
from consult.mail import outbox
from consult.surveys import drafts, services
from consult.surveys.models.consultations import Consultation, OpenLinkMode
from consult.surveys.models.responses import Channel, OpenVote, ResponseDraft

PURPOSE = "open-confirm"


def set_open_link(consultation: Consultation, mode: str | None) -> None:
    """Turn the open link on in ``mode``, or off (None); turning it on keeps an existing key.

    Answers given through the link but not yet sent or confirmed are dropped when the link
    goes off or changes mode: a waiting confirmation must not count afterwards.
    """
    new_mode = OpenLinkMode(mode) if mode else None
    if new_mode != consultation.open_link_mode:
        _drop_waiting(consultation)
    consultation.open_link_mode = new_mode
    if new_mode and consultation.open_link_key is None:
        renew_open_link(consultation)


def renew_open_link(consultation: Consultation) -> None:
    """Give the open link a new key: the old link, and answers waiting through it, stop."""
    _drop_waiting(consultation)
    consultation.open_link_key = secrets.token_urlsafe(32)


def _drop_waiting(consultation: Consultation) -> None:
    db.session.execute(
        delete(ResponseDraft).where(
            ResponseDraft.consultation_id == consultation.id,
            ResponseDraft.browser_key_hash.is_not(None),
        )
    )


def find_open(key: str) -> Consultation | None:
    """The consultation whose open link has this key and is on; None otherwise."""
    return db.session.scalar(
        select(Consultation).where(
            Consultation.open_link_key == key, Consultation.open_link_mode.is_not(None)
        )
    )


def link_state(consultation: Consultation | None) -> LinkState:
    """What the open link of ``consultation`` (None: off, renewed or unknown) leads to today;
    a draft's link leads nowhere."""
    if consultation is None:
        return LinkState.INVALID
    return LINK_STATES.get(consultation.state_on(clock.today()), LinkState.INVALID)


def new_browser_key() -> str:
    return secrets.token_urlsafe(32)


def _mine(consultation, browser_key: str):
    return (ResponseDraft.browser_key_hash == hash_token(browser_key)) & (
        ResponseDraft.consultation_id == consultation.id
    )


def _draft_of(consultation, browser_key: str | None) -> ResponseDraft | None:
    return drafts.find(_mine(consultation, browser_key)) if browser_key else None


def draft_answers(consultation, browser_key: str | None) -> dict[int, dict]:
    """The answers this browser saved so far (question id -> answer)."""
    return drafts.saved_answers(_mine(consultation, browser_key)) if browser_key else {}


def save_draft(consultation, browser_key: str, answers: dict[int, dict]) -> None:
    """Keep this browser's answers so far; never counted in results."""
    drafts.store(
        _mine(consultation, browser_key),
        answers,
        consultation_id=consultation.id,
        browser_key_hash=hash_token(browser_key),
    )


def send_anonymous(consultation, browser_key: str, answers: dict[int, dict], language=None):
    """Store the answers as an anonymous open-link response, answered in ``language``; this
    browser's draft goes.

    :raises DomainError: when an answer does not fit.
    """
    response = services.record_response(
        consultation, answers, Channel.OPEN_ANONYMOUS, language=language
    )
    db.session.execute(
        delete(ResponseDraft).where(ResponseDraft.browser_key_hash == hash_token(browser_key))
    )
    return response


def address_hash(email: str) -> str:
    """A keyed hash of the address: the same for the same address, useless without the key."""
    key = current_app.config.get("TOKEN_KEY") or current_app.config["SECRET_KEY"]
    normalised = email.strip().lower().encode()
    return hmac.new(key.encode(), b"open-vote:" + normalised, hashlib.sha256).hexdigest()


def ask_confirmation(consultation, browser_key: str, email: str, locale: str) -> None:
    """Mail a link to confirm these answers; they count only after it is used.

    The page afterwards is the same whether or not the address answered before, so it
    reveals nothing about who took part.
    :raises DomainError: when nothing was saved, or an answer does not fit.
    """
    draft = _draft_of(consultation, browser_key)
    if draft is None:
        raise DomainError(_("Your answers were not found. Please fill in the questionnaire."))
    services.check_answers(consultation, drafts.answers_of(draft))
    draft.email_hash = address_hash(email)
    draft.confirm_salt = new_salt()
    draft.confirm_token_hash = hash_token(derive_token(PURPOSE, draft.confirm_salt))
    db.session.flush()
    outbox.queue(
        "open_confirm",
        email.strip(),
        f"open_confirm:{draft.id}:{draft.confirm_salt}",
        organisation=consultation.organisation,
        locale=locale,
        priority=0,
        draft_id=draft.id,
    )


def pending(token: str) -> ResponseDraft | None:
    """The answers waiting for the confirmation behind this link, if any."""
    return db.session.scalar(
        select(ResponseDraft).where(ResponseDraft.confirm_token_hash == hash_token(token))
    )


def confirm(draft: ResponseDraft) -> bool:
    """Count the waiting answers, once per address: True if counted, False if this address
    already answered (the answers are then discarded).

    :raises DomainError: when an answer does not fit.
    """
    consultation = db.session.get(Consultation, draft.consultation_id)
    answers = drafts.answers_of(draft)
    try:
        with db.session.begin_nested():
            db.session.add(OpenVote(consultation_id=consultation.id, email_hash=draft.email_hash))
    except IntegrityError:
        db.session.execute(delete(ResponseDraft).where(ResponseDraft.id == draft.id))
        return False
    services.record_response(consultation, answers, Channel.OPEN_CONFIRMED)
    db.session.execute(delete(ResponseDraft).where(ResponseDraft.id == draft.id))
    return True
