"""Consent (instemming) is not advice: the organisation gives, gives under conditions or
withholds its consent, with reasons and a date, in its own letter; terms only where the
agreement sets them."""

from datetime import date, timedelta

import pytest

from consult.agreements import services as agreements
from consult.agreements.models import AdviceRight
from consult.agreements.services import TopicLine
from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.consent import services as consent
from consult.dossiers.consent.letter import build_consent_letter, consent_letter_pdf
from consult.dossiers.consent.models import Decision
from consult.dossiers.deadlines.services import deadlines_of
from consult.dossiers.feedback.services import share
from consult.dossiers.models import Dossier, FeedbackVisibility, Phase
from consult.extensions import db
from consult.koepel import services as koepels
from consult.koepel.models import Stance
from consult.organisations.models import Organisation
from tests import factories
from tests.conftest import login

CONDITIONS = "de schoonmaak wordt eerst een jaar lang gemeten"


def _consent_dossier(org, **details):
    """A consent dossier whose members were heard: ready for the decision."""
    dossier = factories.dossier(org, "Servicekostenbeleid", right=AdviceRight.CONSENT, **details)
    services.move(dossier, Phase.DRAFTING)
    return dossier


def _agreement(org, consent_term_weeks=None, term_weeks=None):
    version = agreements.adopt(
        org,
        date(2026, 1, 1),
        [
            TopicLine(
                "Servicekosten", "Servicekostenbeleid", AdviceRight.CONSENT, term_weeks=term_weeks
            )
        ],
        consent_term_weeks=consent_term_weeks,
    )
    return version.topics[0]


def test_the_law_sets_no_term_for_consent(ctx):
    """Without a term in the agreement, has a consent dossier no deadline at all, even with an
    advice term of eight weeks?"""
    org = factories.organisation()
    agreements.adopt(org, date(2026, 1, 1), agreements.template_lines(), advice_term_weeks=8)
    dossier = factories.dossier(org, right=AdviceRight.CONSENT, requested_on=date(2026, 11, 2))
    assert dossier.advice_due_on is None and deadlines_of(dossier) == []


@pytest.mark.parametrize(("consent_weeks", "topic_weeks", "due"), [(4, None, 30), (4, 3, 23)])
def test_the_agreements_term_for_consent_is_the_decisions_deadline(
    ctx, consent_weeks, topic_weeks, due
):
    """Does the agreement's term for consent (or the topic's own) set the decision's date, and
    no 14-day or 3-day term follow the decision?"""
    org = factories.organisation()
    topic = _agreement(org, consent_weeks, topic_weeks)
    dossier = factories.dossier(org, requested_on=date(2026, 11, 2), topic=topic)
    assert dossier.right == "consent" and dossier.advice_due_on == date(2026, 11, due)
    services.move(dossier, Phase.DRAFTING)
    consent.decide(dossier, Decision.GIVEN, "", "", date(2026, 11, 20))
    assert [(d.kind, d.done) for d in deadlines_of(dossier)] == [("decision", True)]


def test_a_consent_dossier_is_decided_not_advised(ctx):
    """Is the phase form's "advice given" refused, and the decision named as consent's step?"""
    dossier = _consent_dossier(factories.organisation())
    assert Phase.ADVISED not in dossier.next_phases
    with pytest.raises(DomainError):
        services.move(dossier, Phase.ADVISED, on=today())
    taken = consent.decide(dossier, Decision.CONDITIONAL, "Te duur", CONDITIONS, today())
    assert (dossier.phase_label, taken.decision_label) == (
        "Besluit genomen",
        "Wij stemmen in onder voorwaarden",
    )
    assert (
        consent.told_to_members(dossier) == f"Wij hebben ingestemd onder voorwaarden: {CONDITIONS}"
    )


@pytest.mark.parametrize(
    ("decision", "reasons", "conditions", "on", "message"),
    [  # days from today, taken when the test runs (not when it is collected), or a date
        (Decision.CONDITIONAL, "Te duur", "", 0, "voorwaarden"),
        (Decision.WITHHELD, "", "", 0, "redenen"),
        (Decision.GIVEN, "", "", 1, "toekomst"),
        (Decision.GIVEN, "", "", date(2020, 1, 1), "vóór"),
    ],
)
def test_a_decision_without_reasons_or_on_a_wrong_day_is_refused(
    ctx, decision, reasons, conditions, on, message
):
    """Are conditions without text, withholding without reasons, and odd days refused?"""
    on = today() + timedelta(days=on) if isinstance(on, int) else on
    dossier = _consent_dossier(factories.organisation())
    with pytest.raises(DomainError, match=message):
        consent.decide(dossier, decision, reasons, conditions, on)
    assert dossier.phase == Phase.DRAFTING and dossier.consent_decision is None


def test_the_decision_waits_for_the_members_and_is_taken_once(ctx):
    """Is a decision refused before the dossier is being prepared, and a second one after?"""
    dossier = factories.dossier(factories.organisation(), right=AdviceRight.CONSENT)
    with pytest.raises(DomainError):
        consent.decide(dossier, Decision.GIVEN, "", "", today())
    services.move(dossier, Phase.DRAFTING)
    consent.decide(dossier, Decision.GIVEN, "", "", today())
    with pytest.raises(DomainError):
        consent.decide(dossier, Decision.WITHHELD, "Toch niet", "", today())


def test_the_withholding_letter_gives_reasons_and_the_conditions_for_consent(ctx):
    """Does the letter withhold consent with the reasons and the conditions that would do?"""
    org = factories.organisation()
    dossier = _consent_dossier(org, landlord_contact="Woonstichting Voorbeeld")
    consent.decide(dossier, Decision.WITHHELD, "Huurders betalen dubbel", CONDITIONS, today())
    letter = build_consent_letter(dossier)
    assert letter.decision == "Wij stemmen niet in met het voorstel."
    assert letter.conditions_heading == "Onder deze voorwaarden zouden wij wel instemmen"
    assert (letter.reasons, letter.conditions) == ("Huurders betalen dubbel", CONDITIONS)
    assert consent_letter_pdf(letter).startswith(b"%PDF")


def test_the_landlords_response_comes_after_the_decision(ctx):
    """Is the response refused before the decision or dated before it, and kept when right?"""
    dossier = _consent_dossier(factories.organisation(), requested_on=date(2026, 10, 1))
    with pytest.raises(DomainError):
        consent.record_response(dossier, "Akkoord", today())
    consent.decide(dossier, Decision.CONDITIONAL, "Te duur", CONDITIONS, date(2026, 11, 2))
    with pytest.raises(DomainError, match="vóór"):
        consent.record_response(dossier, "Akkoord", date(2026, 11, 1))
    consent.record_response(dossier, "Wij aanvaarden de voorwaarden", date(2026, 11, 9))
    assert (dossier.phase, dossier.reply_received_on) == (Phase.LANDLORD_REPLY, date(2026, 11, 9))


def test_a_koepel_consents_only_with_two_thirds(ctx):
    """Is the koepel's consent refused until two of three recognised organisations agree, and
    withholding refused once they do?"""
    centraal = factories.organisation("Centraal overleg")
    members = [factories.organisation(f"HBV {name}") for name in ("Noord", "Oost", "Zuid")]
    for member in members:
        factories.koepel_member(centraal, member)
    dossier = _consent_dossier(centraal, joint=True)
    koepels.record_position(dossier, members[0], Stance.AGREE, "", today(), None)
    with pytest.raises(DomainError, match="2 van 3"):
        consent.decide(dossier, Decision.GIVEN, "", "", today())
    koepels.record_position(dossier, members[1], Stance.AGREE, "", today(), None)
    with pytest.raises(DomainError, match="niet toe"):
        consent.decide(dossier, Decision.WITHHELD, "Nee", "", today())
    assert consent.decide(dossier, Decision.GIVEN, "", "", today()).decision == "given"


def _ready(app, org_id) -> int:
    with app.app_context():
        dossier = _consent_dossier(db.session.get(Organisation, org_id))
        db.session.commit()
        return dossier.id


def test_board_decides_under_conditions_and_members_read_it(app, client, world):
    """Does the board see that the law sets no term, record consent under conditions, get the
    letter and PDF, and do members read "Wij hebben ingestemd onder voorwaarden"?"""
    dossier_id = _ready(app, world.a.id)
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{dossier_id}/consent"
    page = client.get(url).get_data(as_text=True)
    assert "De wet geeft geen termijn" in page
    response = client.post(
        url,
        data={
            "decision": "conditional",
            "reasons": "Te duur voor wat het oplevert",
            "conditions": CONDITIONS,
            "decided_on": today().isoformat(),
        },
        follow_redirects=True,
    )
    assert "Wij stemmen in onder voorwaarden" in response.get_data(as_text=True)
    letter = client.get(f"{url}/letter").get_data(as_text=True)
    assert "onder de voorwaarden hieronder" in letter and CONDITIONS in letter
    pdf = client.get(f"{url}/letter.pdf")
    assert pdf.data.startswith(b"%PDF") and "instemming-" in pdf.headers["Content-Disposition"]
    dossier_page = client.get(f"/o/{world.a.slug}/dossiers/{dossier_id}").get_data(as_text=True)
    assert "Besluit genomen" in dossier_page  # the phase, named as consent names it
    with app.app_context():
        dossier = db.session.get(Dossier, dossier_id)
        share(dossier, FeedbackVisibility.MEMBERS, "")
        db.session.commit()
        key = dossier.feedback_key
    members_page = app.test_client().get(f"/terugkoppeling/{key}").get_data(as_text=True)
    assert f"Wij hebben ingestemd onder voorwaarden: {CONDITIONS}" in members_page


def test_a_wrong_decision_is_refused_on_the_page_and_nothing_changes(app, client, world):
    """Does consent under conditions without conditions get a clear message and no decision?"""
    dossier_id = _ready(app, world.a.id)
    login(client, world.a.board)
    response = client.post(
        f"/o/{world.a.slug}/dossiers/{dossier_id}/consent",
        data={"decision": "conditional", "reasons": "Te duur", "decided_on": today().isoformat()},
    )
    assert response.status_code == 400 and "voorwaarden" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Dossier, dossier_id).consent_decision is None


def test_the_board_enters_the_landlords_response(app, client, world):
    """Is the landlord's response saved with the day it came in, and shown?"""
    dossier_id = _ready(app, world.a.id)
    with app.app_context():
        dossier = db.session.get(Dossier, dossier_id)
        consent.decide(dossier, Decision.GIVEN, "", "", today() - timedelta(days=2))
        db.session.commit()
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/dossiers/{dossier_id}/consent"
    client.post(
        f"{url}/response",
        data={"response": "Dank, wij voeren het uit", "received_on": today().isoformat()},
    )
    assert "Dank, wij voeren het uit" in client.get(url).get_data(as_text=True)


def test_an_advice_dossier_has_no_consent_page(app, client, world):
    """Is the consent page of an advice dossier not found?"""
    login(client, world.a.board)
    response = client.get(f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/consent")
    assert response.status_code == 404


def test_another_organisation_cannot_decide(app, client, world):
    """Does B's board get 404 for A's consent dossier, and A's dossier stay undecided?"""
    dossier_id = _ready(app, world.a.id)
    login(client, world.b.board)
    response = client.post(
        f"/o/{world.b.slug}/dossiers/{dossier_id}/consent",
        data={"decision": "given", "decided_on": today().isoformat()},
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(Dossier, dossier_id).consent_decision is None


def _decided_and_shared(app, org_id) -> int:
    """A consent dossier decided under conditions today and shared with the landlord."""
    dossier_id = _ready(app, org_id)
    with app.app_context():
        dossier = db.session.get(Dossier, dossier_id)
        consent.decide(dossier, Decision.CONDITIONAL, "Te duur", CONDITIONS, today())
        dossier.shared_with_landlord = True
        db.session.commit()
    return dossier_id


def test_the_landlord_reads_the_decision_and_gets_the_consent_letter(app, client, world):
    """Does the landlord's account see the decision of a shared consent dossier and download
    the consent letter, not an empty advice letter?"""
    dossier_id = _decided_and_shared(app, world.a.id)
    login(client, world.a.landlord)
    url = f"/o/{world.a.slug}/verhuurder/{dossier_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Wij stemmen in onder voorwaarden" in page and CONDITIONS in page
    pdf = client.get(f"{url}/letter.pdf")
    assert pdf.data.startswith(b"%PDF") and "instemming-" in pdf.headers["Content-Disposition"]


def test_the_landlord_enters_its_own_response(app, client, world):
    """Can the landlord's account answer the decision on its page, dated today, and does the
    board then read it on the consent page, with no second response possible?"""
    dossier_id = _decided_and_shared(app, world.a.id)
    login(client, world.a.landlord)
    url = f"/o/{world.a.slug}/verhuurder/{dossier_id}"
    assert client.post(f"{url}/consent-response", data={"response": " "}).status_code == 400
    client.post(f"{url}/consent-response", data={"response": "Wij nemen de voorwaarden over."})
    again = client.post(f"{url}/consent-response", data={"response": "Toch niet."})
    assert again.status_code == 400
    with app.app_context():
        taken = db.session.get(Dossier, dossier_id).consent_decision
        assert (taken.response, taken.response_received_on) == (
            "Wij nemen de voorwaarden over.",
            today(),
        )
    board = app.test_client()
    login(board, world.a.board)
    page = board.get(f"/o/{world.a.slug}/dossiers/{dossier_id}/consent").get_data(as_text=True)
    assert "Wij nemen de voorwaarden over." in page
