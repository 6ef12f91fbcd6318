"""The demo organisation's formal work: its kruisjeslijst and dossiers in every phase, with
advice points citing members' answers (sorted into themes, one marked as a quote), a
landlord's reply, a consent given under conditions, and feedback to members."""

from datetime import date, timedelta

from sqlalchemy import select

from consult.agreements import services as agreements
from consult.agreements.models import AdviceRight
from consult.core import clock
from consult.dossiers import services as dossiers
from consult.dossiers.advice import services as advice
from consult.dossiers.consent import services as consent
from consult.dossiers.consent.models import Decision
from consult.dossiers.feedback import services as feedback
from consult.dossiers.landlord.services import set_shared
from consult.dossiers.models import AdviceKind, FeedbackVisibility, Phase, ReplyOutcome
from consult.extensions import db
from consult.results import themes
from consult.surveys.models.responses import Answer

LANDLORD = (
    "Woonstichting Voorbeeld\nt.a.v. mevrouw A. Jansen, manager Wonen\n"
    "Postbus 100\n1000 AA Voorbeeldstad"
)


def seed_dossiers(organisation, board_member, service_costs, maintenance) -> None:
    """Five dossiers: advice given and awaiting the reply, members being consulted, closed
    with feedback to everyone, own-initiative advice just announced, and consent on the
    service-cost policy given under conditions."""
    today = clock.today()
    version = agreements.start_from_template(organisation, date(today.year, 1, 15))
    topics = {topic.title: topic for topic in version.topics}
    _awaiting_reply(organisation, board_member, topics, service_costs, today)
    consulting = dossiers.create_dossier(
        organisation,
        dossiers.DossierDetails(
            "Onderhoud en reparaties 2027",
            AdviceKind.REQUESTED,
            AdviceRight.QUALIFIED_ADVICE,
            today - timedelta(days=5),
            topic=topics["Procedures melding, controle en afhandeling onderhoudsklachten"],
            description="De verhuurder wil de afhandeling van reparatieverzoeken veranderen. "
            "Wij vragen eerst het panel naar hun ervaringen.",
            landlord_contact=LANDLORD,
            responsibles=[board_member],
        ),
        board_member,
    )
    dossiers.move(consulting, Phase.CONSULTING, actor=board_member)
    dossiers.link_consultation(consulting, maintenance, board_member)
    _closed_with_feedback(organisation, board_member, topics, today)
    dossiers.create_dossier(
        organisation,
        dossiers.DossierDetails(
            "Duurzaamheid en energielasten",
            AdviceKind.UNSOLICITED,
            AdviceRight.QUALIFIED_ADVICE,
            topic=topics["Duurzaamheidsbeleid"],
            description="Wij willen uit eigen beweging advies geven over isolatie en de "
            "energierekening van huurders.",
        ),
        board_member,
    )
    _consent_under_conditions(organisation, board_member, topics, service_costs, today)


#: The board's themes of the remarks on service costs, and words that put a remark under one.
REMARK_THEMES = {
    "Schoonmaak": ("schoonmaak",),
    "Afrekening": ("afrekening",),
    "Kosten": ("kosten",),
    "Verlichting en groen": ("verlichting", "groen"),
}


def _sort_remarks(consultation, board_member) -> None:
    """Sort the open answers on service costs into themes; mark one on cleaning as a quote."""
    question = next(q for q in consultation.questions if themes.takes_open_answers(q))
    made = {label: themes.add_theme(question, label, board_member) for label in REMARK_THEMES}
    remarks = db.session.scalars(
        select(Answer).where(Answer.question_id == question.id, Answer.text.is_not(None))
    )
    quoted = False
    for remark in remarks:
        text = remark.text.lower()
        chosen = [
            made[label] for label, words in REMARK_THEMES.items() if any(w in text for w in words)
        ]
        quote = not quoted and "schoonmaak" in text
        themes.tag_answer(question, remark, chosen, quote, board_member)
        quoted = quoted or quote


def _cite(snapshot, question_start: str, label: str) -> tuple[int, str]:
    """The citation of the figure for ``label`` in the question starting with those words."""
    found = next(
        c
        for c in advice.citables(snapshot)
        if c.question.startswith(question_start) and f"“{label}”" in c.text
    )
    return snapshot.id, found.key


def _awaiting_reply(organisation, board_member, topics, service_costs, today) -> None:
    dossier = dossiers.create_dossier(
        organisation,
        dossiers.DossierDetails(
            "Schoonmaak en groen in de complexen 2027",
            AdviceKind.REQUESTED,
            AdviceRight.ADVICE,
            today - timedelta(days=50),
            description="De verhuurder wil een nieuw contract voor schoonmaak en groen en "
            "vraagt ons advies over dit deel van het servicepakket.",
            landlord_contact=LANDLORD,
            responsibles=[board_member],
        ),
        board_member,
    )
    dossiers.move(dossier, Phase.CONSULTING, actor=board_member)
    _sort_remarks(service_costs, board_member)
    snapshot = dossiers.freeze_evidence(dossier, service_costs, board_member)
    dossiers.move(dossier, Phase.DRAFTING, actor=board_member)
    advice.save_point(
        dossier,
        "Maak de jaarlijkse afrekening eenvoudiger: per post het bedrag en wat ervoor gedaan is.",
        "Veel huurders begrijpen de afrekening niet.",
        [_cite(snapshot, "De jaarlijkse afrekening", "Oneens")],
        actor=board_member,
    )
    advice.save_point(
        dossier,
        "Verhoog de kosten voor schoonmaak pas als de kwaliteit aantoonbaar beter is.",
        "Schoonmaak is voor huurders de belangrijkste post, maar veel huurders vinden het "
        "zijn geld niet waard.",
        [
            _cite(snapshot, "Welke post", "Schoonmaak"),
            _cite(snapshot, "De schoonmaak", "Oneens"),
            next((snapshot.id, c.key) for c in advice.citables(snapshot) if c.marked),
        ],
        actor=board_member,
    )
    dossiers.move(dossier, Phase.ADVISED, on=today - timedelta(days=9), actor=board_member)
    set_shared(dossier, True, board_member)
    feedback.share(
        dossier,
        FeedbackVisibility.MEMBERS,
        "Dank voor uw antwoorden! Wij hebben de verhuurder geadviseerd de afrekening "
        "duidelijker te maken en de schoonmaak eerst beter te regelen.",
        board_member,
    )


def _closed_with_feedback(organisation, board_member, topics, today) -> None:
    dossier = dossiers.create_dossier(
        organisation,
        dossiers.DossierDetails(
            "Jaarlijkse huuraanpassing 2026",
            AdviceKind.REQUESTED,
            AdviceRight.QUALIFIED_ADVICE,
            today - timedelta(days=150),
            topic=topics["Huurbeleid algemeen (differentiatie, streefhuur, harmonisatie)"],
            description="Elk jaar vraagt de verhuurder ons advies over de huuraanpassing.",
            landlord_contact=LANDLORD,
            responsibles=[board_member],
        ),
        board_member,
    )
    dossiers.move(dossier, Phase.DRAFTING, actor=board_member)
    first = advice.save_point(
        dossier, "Houd de huurverhoging onder de inflatie.", "Woonlasten stijgen al.", []
    )
    second = advice.save_point(
        dossier, "Geen huurverhoging voor woningen met een laag energielabel.", "", []
    )
    dossiers.move(dossier, Phase.ADVISED, on=today - timedelta(days=120), actor=board_member)
    advice.record_reply(first, ReplyOutcome.FOLLOWED, "", board_member)
    advice.record_reply(
        second,
        ReplyOutcome.NOT_FOLLOWED,
        "De verhuurder verbetert deze woningen eerst in het onderhoudsplan en vindt een "
        "uitzondering in de huur daarom niet nodig.",
        board_member,
    )
    dossiers.move(
        dossier,
        Phase.LANDLORD_REPLY,
        on=today - timedelta(days=110),
        outcome=ReplyOutcome.PARTLY,
        actor=board_member,
    )
    dossiers.move(dossier, Phase.CLOSED, actor=board_member)
    feedback.share(
        dossier,
        FeedbackVisibility.PUBLIC,
        "De verhuurder volgde ons eerste advies: de huurverhoging bleef onder de inflatie.",
        board_member,
    )


def _consent_under_conditions(organisation, board_member, topics, service_costs, today) -> None:
    """Consent on the service-cost policy (Overlegwet, article 5a), given under conditions
    after hearing the members, and told to them."""
    dossier = dossiers.create_dossier(
        organisation,
        dossiers.DossierDetails(
            "Servicekostenbeleid 2027",
            AdviceKind.REQUESTED,
            AdviceRight.CONSENT,
            today - timedelta(days=40),
            topic=topics["Beleid ten aanzien van servicekosten"],
            description="De verhuurder wil de servicekosten voor schoonmaak en groen anders "
            "verdelen. Hierover hebben wij instemmingsrecht: zonder onze instemming gaat het "
            "niet door.",
            landlord_contact=LANDLORD,
            responsibles=[board_member],
        ),
        board_member,
    )
    dossiers.move(dossier, Phase.CONSULTING, actor=board_member)
    dossiers.freeze_evidence(dossier, service_costs, board_member)
    dossiers.move(dossier, Phase.DRAFTING, actor=board_member)
    consent.decide(
        dossier,
        Decision.CONDITIONAL,
        "Huurders vinden de schoonmaak de belangrijkste post, maar veel huurders vinden haar "
        "het geld niet waard en begrijpen de afrekening niet.",
        "De kosten voor schoonmaak stijgen pas als de kwaliteit een jaar lang gemeten en "
        "aantoonbaar beter is, en de jaarlijkse afrekening noemt per post het bedrag en wat "
        "ervoor gedaan is.",
        today - timedelta(days=6),
        board_member,
    )
    feedback.share(
        dossier,
        FeedbackVisibility.MEMBERS,
        "Dank voor uw antwoorden! Zonder uw mening hadden wij deze voorwaarden niet zo "
        "duidelijk kunnen stellen.",
        board_member,
    )
