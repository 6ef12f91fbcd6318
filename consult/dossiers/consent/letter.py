"""The consent letter: the decision on the landlord's request, its reasons, and the
conditions (under which consent is given, or would be given when it is withheld); shown as
a page to print and written as a PDF on the organisation's letterhead."""

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _

from consult.core.i18n import parsed_locale
from consult.core.templating import long_date
from consult.dossiers.advice.letter import start_letter
from consult.dossiers.consent.models import ConsentDecision, Decision
from consult.dossiers.models import Dossier


@dataclass
class ConsentLetter:
    #: The language the letter is written in: the organisation's letter language.
    language: str
    organisation: str
    written_on: date
    #: The date as written in the letter's language.
    date_text: str
    recipient: str
    subject: str
    opening: str
    decision: str
    reasons_heading: str
    reasons: str
    #: The heading of the conditions: those of the consent, or those it would take.
    conditions_heading: str
    conditions: str
    closing: str
    signature: str


def _opening(dossier: Dossier, taken: ConsentDecision) -> str:
    if dossier.requested_on:
        return _(
            "On %(date)s you asked for our consent on “%(title)s”. Having heard our members, "
            "our board decided on %(decided)s.",
            date=long_date(dossier.requested_on),
            title=dossier.title,
            decided=long_date(taken.decided_on),
        )
    return _(
        "You asked for our consent on “%(title)s”. Having heard our members, our board "
        "decided on %(decided)s.",
        title=dossier.title,
        decided=long_date(taken.decided_on),
    )


def _decision_words(decision: Decision) -> tuple[str, str, str]:
    """(the decision, the heading of its conditions, the closing) in the reader's language."""
    if decision == Decision.GIVEN:
        return (
            _("We give our consent to the proposal."),
            "",
            _("You may carry out the proposal as you set it out to us."),
        )
    if decision == Decision.CONDITIONAL:
        return (
            _("We give our consent to the proposal under the conditions below."),
            _("Our conditions"),
            _(
                "You may carry out the proposal only under these conditions. Please confirm in "
                "writing that you accept them."
            ),
        )
    return (
        _("We do not give our consent to the proposal."),
        _("Under these conditions we would give our consent"),
        _(
            "Without our consent the proposal may not be carried out. We are glad to discuss a "
            "changed proposal with you."
        ),
    )


def build_consent_letter(dossier: Dossier) -> ConsentLetter:
    """The letter of the dossier's decision (which must be taken), in the organisation's
    letter language whatever the reader's screen language, as the advice letter is."""
    with force_locale(parsed_locale(dossier.organisation.letter_language)):
        return _consent_letter(dossier)


def _consent_letter(dossier: Dossier) -> ConsentLetter:
    taken = dossier.consent_decision
    decision, heading, closing = _decision_words(Decision(taken.decision))
    organisation = dossier.organisation.name
    return ConsentLetter(
        language=dossier.organisation.letter_language,
        organisation=organisation,
        written_on=taken.decided_on,
        date_text=long_date(taken.decided_on),
        recipient=dossier.landlord_contact,
        subject=_(
            "Our decision on your request for consent: %(title)s (%(code)s)",
            title=dossier.title,
            code=dossier.code,
        ),
        opening=_opening(dossier, taken),
        decision=decision,
        reasons_heading=_("Our reasons"),
        reasons=taken.reasons,
        conditions_heading=heading,
        conditions=taken.conditions,
        closing=closing,
        signature=_("On behalf of the board of %(name)s", name=organisation),
    )


def consent_letter_pdf(letter: ConsentLetter, logo: bytes | None = None) -> bytes:
    """The consent letter as an A4 PDF with the letterhead."""
    pdf = start_letter(letter, logo)
    pdf.block(letter.decision, 12, "B", 4)
    if letter.reasons:
        pdf.block(letter.reasons_heading, 12, "B")
        pdf.block(letter.reasons, gap=4)
    if letter.conditions:
        pdf.block(letter.conditions_heading, 12, "B")
        pdf.block(letter.conditions, gap=4)
    pdf.block(letter.closing, gap=6)
    pdf.block(letter.signature, style="B")
    return bytes(pdf.output())
