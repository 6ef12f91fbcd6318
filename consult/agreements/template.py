"""The built-in kruisjeslijst: the list of the Woonstad Rotterdam cooperation agreement
(appendix 1, 2016), with the landlord's name made general. An organisation starts from it and
edits its own copy. Topics are in Dutch in every language: they are the agreement's words."""

from consult.agreements.models import AdviceRight

INF, G, INS, VOOR, ENQ = (
    AdviceRight.INFORMATION,
    AdviceRight.QUALIFIED_ADVICE,
    AdviceRight.CONSENT,
    AdviceRight.NOMINATION,
    AdviceRight.INQUIRY,
)

#: (area, ((topic, right), ...)), in the order of the agreement.
WOONSTAD_KRUISJESLIJST: tuple[tuple[str, tuple[tuple[str, AdviceRight], ...]], ...] = (
    (
        "Participatiebeleid",
        (
            ("Voorlichting en informatieverstrekking aan bewoners algemeen", G),
            ("Wijziging samenwerkingsovereenkomst/raamovereenkomst", INS),
            (
                "Wijziging statuten of organisatiestructuur verhuurder, voor zover het "
                "huurdersparticipatie betreft",
                INS,
            ),
            ("Statutenwijzigingen, algemeen", G),
            ("Wijziging reglement klachtencommissie/geschillenadviescommissie", INS),
            ("Samenstelling en werkwijze klachtencommissie/geschillenadviescommissie", INS),
            ("Voordracht 1/3 leden Raad van Toezicht", VOOR),
        ),
    ),
    (
        "Algemeen beleid",
        (
            (
                "Besluiten over de organisatiestructuur van de verhuurder die gevolgen hebben "
                "voor de dienstverlening aan huurders",
                G,
            ),
            ("Prestatieafspraken", INF),
            ("Convenanten tussen verhuurder en gemeente", G),
            ("Vijfjarenoverzicht volkshuisvestingsbeleid, bedrijfsjaarplan, jaarplan", G),
            ("Het aangaan van een fusie of een verbinding", INS),
            ("Invulling dienstverlening na fusie", G),
            ("Volkshuisvestingsverslag/jaarverslag", INF),
            ("Financieel jaarverslag", INF),
            ("Klantgroepenbeleid", G),
            ("Indienen verzoek tot onderzoek bij de Ondernemingskamer", ENQ),
            ("Onderzoeksresultaten kwaliteitsbeleid", INF),
        ),
    ),
    (
        "Huurprijsbeleid",
        (
            ("Huurbeleid algemeen (differentiatie, streefhuur, harmonisatie)", G),
            ("Meerjaren huurbeleidsplan", G),
            ("Flankerend woonlastenbeleid", G),
        ),
    ),
    (
        "Verhuur van woongelegenheden",
        (
            ("Inhoud huurcontract/-overeenkomst en woonreglement", G),
            ("Procedure aangaan en beëindigen huurovereenkomst", G),
            ("Incassobeleid", G),
            ("Liberalisatie en overdracht woningen naar commerciële tak", G),
            ("Woonruimteverdeling", G),
            ("Woonruimteverdeling op wijkniveau", G),
            ("Beleidsmatige uitzonderingen woonruimteverdeling", G),
        ),
    ),
    (
        "Woonomgeving en leefbaarheid",
        (
            ("Algemeen beleid leefbaarheid, onderhoud en verbetering woonomgeving", G),
            ("Overlastbeleid (algemeen en uitwerking op wijkniveau)", G),
        ),
    ),
    (
        "Voorraadbeleid",
        (
            ("Strategisch voorraadbeleid", G),
            ("Bouw- en investeringsprogramma", G),
            ("Kwaliteitsbeleid nieuwbouw", G),
            ("Aan- en verkoopbeleid: algemeen beleid", G),
        ),
    ),
    (
        "Maatschappelijk investeringsbeleid",
        (
            ("Wonen, welzijn en zorg", G),
            ("Wonen, leren en werken", G),
            ("Duurzaamheidsbeleid", G),
            ("Toekomstige nieuwe onderwerpen over goed wonen in de stad", G),
        ),
    ),
    ("Wijkvisie en uitvoeringsprogramma's", (("Sociaal statuut algemeen", G),)),
    (
        "Onderhoud en verbetering van woningen en complexen",
        (
            ("Beleid basiskwaliteit", G),
            ("Planning en begroting onderhoud en woningverbetering eerstvolgend jaar", G),
            ("Beleid en begroting onderhoud en woningverbetering meerjarig", G),
            ("Procedures melding, controle en afhandeling onderhoudsklachten", G),
        ),
    ),
    (
        "Servicepakket en servicekosten",
        (
            ("Beleid ten aanzien van servicekosten", INS),
            ("Procedure afrekening servicekosten", INS),
        ),
    ),
    (
        "Mutatiebeleid",
        (
            ("Planning en begroting mutatieonderhoud eerstvolgend jaar", G),
            ("Beleid aanpassing woning door huurder (ZAV; herstel in goede staat)", G),
            ("Procedure bij verhuizing", G),
        ),
    ),
)

#: Marks the agreement prints beside a right, with what they mean: {topic: (mark, note)}.
#: Woonstad's legend does not explain its "+"; the note says what it most likely means and
#: asks the board to write its own agreement's meaning.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "Prestatieafspraken": (
        "+",
        "Meer dan informatie: de huurdersorganisatie is partij bij de prestatieafspraken "
        "(Woningwet 2015) en overlegt mee over het bod. De legenda legt het teken niet uit: "
        "pas deze uitleg aan uw overeenkomst aan.",
    ),
}
