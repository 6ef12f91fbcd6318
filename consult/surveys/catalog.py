"""Ready-made questionnaires a tenant board can start from, in Dutch and in English.

Six topics (servicekosten, onderhoud, huurverhoging, duurzaamheid, dienstverlening and
leefbaarheid) are kept here as plain data: a ``Template`` with a title, an introduction and its
``TemplateQuestion`` items. The Dutch texts are written at language level B1, the English ones in
plain English; both versions of a topic have the same structure, so only the words differ.
``start_from_template`` turns a template into a draft consultation through the builder, so the
usual rules apply and the board can change everything before publishing. A condition names an
earlier question by its index and, for choice questions, the options by their index; it always
refers to a question on an earlier page, because a tenant's answers count only once a page is
saved.
"""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

from consult.core.errors import DomainError
from consult.surveys import builder
from consult.surveys.answers import CHOICE_KINDS
from consult.surveys.models import ConditionOperator, Consultation, QuestionKind
from consult.surveys.services import create_consultation

K = QuestionKind
EQUALS, ANY_OF = ConditionOperator.EQUALS, ConditionOperator.ANY_OF
YES = (1,)
#: The part of each introduction that promises anonymity (left out when it does not hold).
ANONYMITY_CLAUSE = re.compile(
    r"\s+(en uw antwoorden zijn anoniem|and your answers are anonymous)\."
)


@dataclass(frozen=True)
class TemplateQuestion:
    """One question (or information block) of a template, with the builder's settings.

    ``condition`` is (index of an earlier question in the template, operator, values): the
    values are option indexes for choice questions and numbers (1 yes, 0 no) for yes/no.
    """

    kind: QuestionKind
    text: str
    help_text: str = ""
    required: bool = True
    options: tuple[str, ...] = ()
    new_page: bool = False
    allows_other: bool = False
    max_choices: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    shows_nps: bool = False
    condition: tuple | None = None


@dataclass(frozen=True)
class Template:
    """A questionnaire to start from: its key, title, introduction and questions in order."""

    key: str
    title: str
    introduction: str
    questions: tuple[TemplateQuestion, ...]

    def introduction_for(self, anonymous: bool) -> str:
        """The introduction; for an identified consultation without "answers are anonymous"."""
        if anonymous:
            return self.introduction
        return ANONYMITY_CLAUSE.sub(".", self.introduction)


Q = TemplateQuestion

_DUTCH = (
    Template(
        "servicekosten",
        "Uw mening over de servicekosten",
        "Servicekosten zijn de kosten die u naast de huur betaalt, bijvoorbeeld voor de"
        " schoonmaak of de verlichting in uw gebouw. Wij willen weten wat u vindt van deze"
        " diensten en van de afrekening. Het invullen duurt ongeveer 5 minuten en uw antwoorden"
        " zijn anoniem.",
        (
            Q(
                K.INFORMATION,
                "Servicekosten betaalt u voor diensten in en rond uw gebouw, zoals de schoonmaak"
                " van het trappenhuis of de verlichting in de gang. U betaalt hiervoor elke maand"
                " een voorschot. Eén keer per jaar krijgt u een afrekening. Daarop ziet u wat de"
                " diensten echt hebben gekost.",
                required=False,
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Voor welke diensten betaalt u servicekosten?",
                "Kies alles wat voor u geldt. Weet u het niet zeker? Kijk dan op uw laatste"
                " afrekening.",
                options=(
                    "Schoonmaak van het trappenhuis",
                    "Glazenwassen",
                    "Onderhoud van het groen",
                    "Verlichting in gangen en trappenhuis",
                    "Huismeester",
                    "Dat weet ik niet",
                ),
                allows_other=True,
            ),
            Q(
                K.MATRIX,
                "Wat vindt u van deze diensten?",
                "Geef bij elke zin aan of u het ermee eens bent. Heeft u geen mening? Kies dan"
                " het middelste antwoord.",
                options=(
                    "Het trappenhuis wordt goed schoongemaakt.",
                    "De ramen worden vaak genoeg gewassen.",
                    "Het groen rond het gebouw ziet er verzorgd uit.",
                    "De verlichting in gangen en trappenhuis doet het altijd.",
                    "De huismeester is goed bereikbaar.",
                ),
            ),
            Q(K.YES_NO, "Heeft u in het afgelopen jaar een vraag gesteld over uw afrekening?"),
            Q(
                K.SINGLE_CHOICE,
                "Kreeg u een duidelijk antwoord op uw vraag?",
                options=("Ja, snel", "Ja, maar het duurde lang", "Nee"),
                new_page=True,
                condition=(3, EQUALS, YES),
            ),
            Q(
                K.AGREE_SCALE,
                "De afrekening van de servicekosten is duidelijk.",
                "Op de afrekening ziet u wat u heeft betaald en wat de diensten echt kostten.",
            ),
            Q(
                K.SINGLE_CHOICE,
                "Wat vindt u van de hoogte van uw servicekosten?",
                options=("Te hoog", "Goed", "Te laag", "Dat weet ik niet"),
            ),
            Q(
                K.RANKING,
                "Welke diensten vindt u het belangrijkst?",
                "Kies de 3 belangrijkste diensten en zet ze op volgorde. Nummer 1 is het"
                " belangrijkst.",
                options=(
                    "Schoonmaak van het trappenhuis",
                    "Glazenwassen",
                    "Onderhoud van het groen",
                    "Verlichting",
                    "Huismeester",
                ),
                max_choices=3,
            ),
            Q(K.OPEN_TEXT, "Wilt u nog iets zeggen over de servicekosten?", required=False),
        ),
    ),
    Template(
        "onderhoud",
        "Onderhoud van uw woning",
        "Wij willen weten hoe tevreden u bent over het onderhoud van uw woning. Denk aan"
        " reparaties, groot onderhoud en vocht of schimmel. Het invullen duurt ongeveer 5 minuten"
        " en uw antwoorden zijn anoniem.",
        (
            Q(
                K.YES_NO,
                "Heeft u in het afgelopen jaar een reparatie gemeld?",
                "Een reparatie melden is doorgeven dat er iets kapot is in uw woning. Bijvoorbeeld"
                " een lekkende kraan of een deur die niet goed sluit.",
            ),
            Q(
                K.RATING,
                "Welk cijfer geeft u het onderhoud van uw woning?",
                "0 is heel slecht, 10 is uitstekend.",
            ),
            Q(
                K.YES_NO,
                "Heeft u last van vocht of schimmel in uw woning?",
                "Bijvoorbeeld zwarte plekken op de muur of het plafond, of natte ramen en muren.",
            ),
            Q(
                K.MATRIX,
                "Denk aan uw laatste reparatie. Bent u het eens met deze zinnen?",
                options=(
                    "Het was makkelijk om de reparatie te melden.",
                    "Ik kon snel een afspraak maken.",
                    "De monteur kwam op de afgesproken tijd.",
                    "De monteur was vriendelijk en werkte netjes.",
                    "De reparatie was in één keer goed.",
                ),
                new_page=True,
                condition=(0, EQUALS, YES),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Waar in uw woning heeft u last van vocht of schimmel?",
                "Kies alles wat voor u geldt.",
                options=("Badkamer", "Keuken", "Slaapkamer", "Woonkamer", "Berging of kelder"),
                allows_other=True,
                condition=(2, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "Heeft u het vocht of de schimmel gemeld bij de woningcorporatie?",
                options=(
                    "Ja, en het probleem is opgelost",
                    "Ja, maar het probleem is nog niet opgelost",
                    "Nee, nog niet",
                ),
                condition=(2, EQUALS, YES),
            ),
            Q(
                K.INFORMATION,
                "Nu volgen vragen over planmatig onderhoud. Dat is groot onderhoud dat de"
                " woningcorporatie van tevoren plant, bijvoorbeeld nieuwe kozijnen, een nieuw dak"
                " of schilderwerk. De corporatie doet dit vaak voor een hele straat of een heel"
                " complex tegelijk.",
                required=False,
                new_page=True,
            ),
            Q(
                K.AGREE_SCALE,
                "De woningcorporatie vertelt mij op tijd welk groot onderhoud er komt.",
            ),
            Q(
                K.RANKING,
                "Wat moet de woningcorporatie als eerste aanpakken in uw woning?",
                "Kies de 3 belangrijkste punten en zet ze op volgorde. Nummer 1 is het"
                " belangrijkst.",
                options=(
                    "Vocht en schimmel",
                    "Ramen en deuren",
                    "Keuken",
                    "Badkamer en toilet",
                    "Isolatie",
                    "Schilderwerk buiten",
                ),
                max_choices=3,
            ),
            Q(K.OPEN_TEXT, "Wilt u nog iets zeggen over het onderhoud?", required=False),
        ),
    ),
    Template(
        "huurverhoging",
        "Huurverhoging",
        "Elk jaar kan de woningcorporatie de huur verhogen. Wij willen weten wat dat voor u"
        " betekent, zodat wij de corporatie goed advies kunnen geven. Het invullen duurt"
        " ongeveer 4 minuten en uw antwoorden zijn anoniem.",
        (
            Q(
                K.INFORMATION,
                "De woningcorporatie mag de huur één keer per jaar verhogen, meestal op 1 juli."
                " De overheid bepaalt hoeveel de huur hooguit omhoog mag. De huurdersvereniging"
                " geeft de corporatie elk jaar advies over de huurverhoging.",
                required=False,
            ),
            Q(K.AGREE_SCALE, "Ik kan mijn huur goed betalen."),
            Q(K.YES_NO, "Heeft u in het afgelopen jaar moeite gehad om uw huur te betalen?"),
            Q(
                K.SINGLE_CHOICE,
                "Wat vindt u van de huurverhoging van dit jaar?",
                options=("Te hoog", "Redelijk", "Laag", "Dat weet ik niet"),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Wat heeft u gedaan toen het betalen moeilijk was?",
                "Kies alles wat voor u geldt.",
                options=(
                    "Contact opgenomen met de woningcorporatie",
                    "Een betalingsregeling afgesproken",
                    "Hulp gevraagd bij de gemeente of schuldhulp",
                    "Minder uitgegeven aan andere dingen, zoals eten of energie",
                    "Niets",
                ),
                new_page=True,
                allows_other=True,
                condition=(2, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "Wat vindt u van een inkomensafhankelijke huurverhoging?",
                "Bij een inkomensafhankelijke huurverhoging gaat de huur meer omhoog als u een"
                " hoger inkomen heeft. Huurders met een laag inkomen krijgen dan een lagere"
                " verhoging.",
                options=("Een goed idee", "Geen goed idee", "Dat weet ik niet"),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Wat moet de woningcorporatie doen voor huurders die moeite hebben met betalen?",
                "Kies hooguit 2 antwoorden.",
                options=(
                    "De huur niet verhogen",
                    "De huur verlagen bij een laag inkomen",
                    "Snel contact opnemen als iemand achterloopt met betalen",
                    "Helpen met een betalingsregeling",
                    "Uitleg geven over toeslagen en andere regelingen",
                ),
                allows_other=True,
                max_choices=2,
            ),
            Q(
                K.NUMBER,
                "Met hoeveel personen woont u in uw woning? Tel uzelf ook mee.",
                min_value=1,
                max_value=12,
            ),
            Q(K.OPEN_TEXT, "Wilt u nog iets zeggen over de huurverhoging?", required=False),
        ),
    ),
    Template(
        "duurzaamheid",
        "Duurzaam wonen",
        "De woningcorporatie wil woningen duurzamer maken: beter isoleren en minder energie"
        " gebruiken. Wij willen weten wat u daarvan vindt en wat u al heeft meegemaakt. Het"
        " invullen duurt ongeveer 6 minuten en uw antwoorden zijn anoniem.",
        (
            Q(
                K.SINGLE_CHOICE,
                "Is er in de afgelopen 2 jaar iets aan uw woning gedaan om energie te besparen?",
                options=(
                    "Ja, en het werk is klaar",
                    "Ja, en het werk is nog bezig",
                    "Nee",
                    "Dat weet ik niet",
                ),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Wat heeft uw woning al?",
                "Kies alles wat voor uw woning geldt.",
                options=(
                    "Isolatie van dak, muren of vloer",
                    "Dubbel glas of beter",
                    "Zonnepanelen",
                    "Warmtepomp",
                    "Geen van deze",
                ),
                allows_other=True,
            ),
            Q(K.AGREE_SCALE, "Mijn woning is in de winter goed warm te krijgen."),
            Q(
                K.MATRIX,
                "Denk aan de werkzaamheden in uw woning. Bent u het eens met deze zinnen?",
                options=(
                    "Ik kreeg vooraf goede uitleg over de werkzaamheden.",
                    "De overlast tijdens de werkzaamheden viel mee.",
                    "De bouwvakkers hielden rekening met mij.",
                    "Mijn woning is nu beter geïsoleerd.",
                    "Mijn energierekening is lager geworden.",
                ),
                new_page=True,
                condition=(0, ANY_OF, (0, 1)),
            ),
            Q(
                K.RANKING,
                "Wat wilt u het liefst in uw woning?",
                "Kies de 3 dingen die u het belangrijkst vindt en zet ze op volgorde. Nummer 1"
                " is het belangrijkst.",
                options=(
                    "Betere isolatie",
                    "Nieuwe ramen met beter glas",
                    "Zonnepanelen",
                    "Een warmtepomp",
                    "Betere ventilatie",
                ),
                max_choices=3,
            ),
            Q(
                K.INFORMATION,
                "Na het duurzamer maken van een woning vraagt de woningcorporatie soms iets meer"
                " huur. Daar staat tegenover dat uw energierekening vaak lager wordt.",
                required=False,
                new_page=True,
            ),
            Q(
                K.SINGLE_CHOICE,
                "Mag de huur omhoog als uw woning duurzamer wordt?",
                options=(
                    "Ja, als mijn energierekening minstens evenveel daalt",
                    "Ja, maar alleen een klein bedrag",
                    "Nee, de huur mag niet omhoog",
                    "Dat weet ik niet",
                ),
            ),
            Q(
                K.NUMBER,
                "Hoeveel euro per maand wilt u hooguit extra huur betalen voor een duurzamere"
                " woning?",
                "Vul 0 in als u niets extra wilt betalen.",
                min_value=0,
                max_value=100,
            ),
            Q(
                K.OPEN_TEXT,
                "Wilt u nog iets zeggen over het duurzamer maken van uw woning?",
                required=False,
            ),
        ),
    ),
    Template(
        "dienstverlening",
        "Dienstverlening van de woningcorporatie",
        "Wij willen weten hoe tevreden u bent over de dienstverlening van de woningcorporatie."
        " Denk aan de bereikbaarheid en het contact met medewerkers. Het invullen duurt ongeveer"
        " 4 minuten en uw antwoorden zijn anoniem.",
        (
            Q(K.YES_NO, "Heeft u in het afgelopen jaar contact gehad met de woningcorporatie?"),
            Q(
                K.MULTIPLE_CHOICE,
                "Hoe neemt u het liefst contact op met de woningcorporatie?",
                "Kies hooguit 2 antwoorden.",
                options=(
                    "Telefoon",
                    "E-mail",
                    "Website of app",
                    "Langsgaan bij het kantoor",
                    "Via de huismeester",
                    "WhatsApp",
                ),
                allows_other=True,
                max_choices=2,
            ),
            Q(
                K.RATING,
                "Welk cijfer geeft u de dienstverlening van de woningcorporatie?",
                "0 is heel slecht, 10 is uitstekend.",
            ),
            Q(
                K.MATRIX,
                "Denk aan uw laatste contact met de woningcorporatie. Bent u het eens met deze"
                " zinnen?",
                options=(
                    "De woningcorporatie was goed bereikbaar.",
                    "Ik hoefde niet lang te wachten.",
                    "De medewerker was vriendelijk.",
                    "De medewerker begreep mijn vraag.",
                    "Mijn vraag is goed opgelost.",
                ),
                new_page=True,
                condition=(0, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "Hoe snel wilt u antwoord op een e-mail of bericht?",
                options=(
                    "Binnen 1 werkdag",
                    "Binnen 3 werkdagen",
                    "Binnen een week",
                    "Dat maakt mij niet uit",
                ),
            ),
            Q(
                K.AGREE_SCALE,
                "Brieven en de website van de woningcorporatie zijn makkelijk te begrijpen.",
            ),
            Q(
                K.RATING,
                "Zou u de woningcorporatie aanraden aan familie of vrienden?",
                "0 betekent: zeker niet. 10 betekent: zeker wel.",
                shows_nps=True,
            ),
            Q(
                K.SHORT_TEXT,
                "Wat moet de woningcorporatie als eerste beter doen? Noem één ding.",
                required=False,
            ),
            Q(K.OPEN_TEXT, "Wilt u nog iets zeggen over de dienstverlening?", required=False),
        ),
    ),
    Template(
        "leefbaarheid",
        "Wonen in uw buurt",
        "Wij willen weten hoe prettig u woont in uw buurt. Denk aan veiligheid, overlast, contact"
        " met buren, groen en afval. Het invullen duurt ongeveer 5 minuten en uw antwoorden zijn"
        " anoniem.",
        (
            Q(
                K.SHORT_TEXT,
                "In welke wijk of buurt woont u?",
                "Noem alleen de naam van de wijk of buurt, niet uw adres.",
                required=False,
            ),
            Q(K.RATING, "Welk cijfer geeft u uw buurt?", "0 is heel slecht, 10 is uitstekend."),
            Q(
                K.MATRIX,
                "Bent u het eens met deze zinnen over uw buurt?",
                options=(
                    "Ik voel mij veilig in mijn buurt, ook 's avonds.",
                    "Ik heb goed contact met mijn buren.",
                    "Er is genoeg groen in de buurt.",
                    "Het is schoon op straat.",
                    "Het afval wordt op tijd opgehaald.",
                ),
            ),
            Q(
                K.YES_NO,
                "Heeft u in het afgelopen jaar last gehad van overlast?",
                "Overlast is iets dat u stoort in of rond uw woning. Bijvoorbeeld lawaai, stank"
                " of ruzie.",
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Waar had u last van?",
                "Kies alles wat voor u geldt.",
                options=(
                    "Lawaai van buren",
                    "Afval naast de container",
                    "Hangjongeren",
                    "Drugs of drugshandel",
                    "Huisdieren",
                    "Verkeer of parkeren",
                ),
                new_page=True,
                allows_other=True,
                condition=(3, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "Heeft u de overlast gemeld?",
                options=(
                    "Ja, bij de woningcorporatie",
                    "Ja, bij de gemeente of de politie",
                    "Nee",
                ),
                allows_other=True,
                condition=(3, EQUALS, YES),
            ),
            Q(
                K.RANKING,
                "Wat moet er als eerste beter in uw buurt?",
                "Kies de 3 belangrijkste punten en zet ze op volgorde. Nummer 1 is het"
                " belangrijkst.",
                options=(
                    "Veiligheid",
                    "Minder overlast",
                    "Meer groen",
                    "Schonere straten",
                    "Meer contact tussen buren",
                    "Speelplekken voor kinderen",
                ),
                max_choices=3,
            ),
            Q(K.AGREE_SCALE, "Ik wil meehelpen om mijn buurt prettiger te maken."),
            Q(K.OPEN_TEXT, "Wilt u nog iets zeggen over uw buurt?", required=False),
        ),
    ),
)

_ENGLISH = (
    Template(
        "servicekosten",
        "Your views on service charges",
        "Service charges are what you pay on top of your rent, for example for cleaning or"
        " lighting in your building. We would like to know what you think of these services and"
        " of the yearly statement. It takes about 5 minutes and your answers are anonymous.",
        (
            Q(
                K.INFORMATION,
                "Service charges pay for services in and around your building, such as cleaning"
                " the stairwell or the lighting in the hallway. You pay an advance for them every"
                " month. Once a year you get a statement. It shows what the services really cost.",
                required=False,
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Which services do you pay service charges for?",
                "Choose all that apply. Not sure? Look at your last yearly statement.",
                options=(
                    "Cleaning the stairwell",
                    "Window cleaning",
                    "Looking after the gardens and green spaces",
                    "Lighting in hallways and stairwell",
                    "Caretaker",
                    "I don't know",
                ),
                allows_other=True,
            ),
            Q(
                K.MATRIX,
                "What do you think of these services?",
                "Say how much you agree with each sentence. No opinion? Then choose the middle"
                " answer.",
                options=(
                    "The stairwell is cleaned well.",
                    "The windows are cleaned often enough.",
                    "The green spaces around the building look well kept.",
                    "The lighting in hallways and stairwell always works.",
                    "The caretaker is easy to reach.",
                ),
            ),
            Q(K.YES_NO, "In the past year, did you ask a question about your yearly statement?"),
            Q(
                K.SINGLE_CHOICE,
                "Did you get a clear answer to your question?",
                options=("Yes, quickly", "Yes, but it took a long time", "No"),
                new_page=True,
                condition=(3, EQUALS, YES),
            ),
            Q(
                K.AGREE_SCALE,
                "The yearly statement of service charges is clear.",
                "The statement shows what you paid and what the services really cost.",
            ),
            Q(
                K.SINGLE_CHOICE,
                "What do you think of the amount of your service charges?",
                options=("Too high", "About right", "Too low", "I don't know"),
            ),
            Q(
                K.RANKING,
                "Which services matter most to you?",
                "Choose the 3 most important services and put them in order. Number 1 matters"
                " most.",
                options=(
                    "Cleaning the stairwell",
                    "Window cleaning",
                    "Looking after the green spaces",
                    "Lighting",
                    "Caretaker",
                ),
                max_choices=3,
            ),
            Q(
                K.OPEN_TEXT,
                "Is there anything else you would like to say about service charges?",
                required=False,
            ),
        ),
    ),
    Template(
        "onderhoud",
        "Repairs and maintenance of your home",
        "We would like to know how satisfied you are with the maintenance of your home. Think of"
        " repairs, major maintenance work, and damp or mould. It takes about 5 minutes and your"
        " answers are anonymous.",
        (
            Q(
                K.YES_NO,
                "In the past year, did you report a repair?",
                "Reporting a repair means telling your housing association that something in your"
                " home is broken. For example a leaking tap or a door that does not close well.",
            ),
            Q(
                K.RATING,
                "What score do you give the maintenance of your home?",
                "0 is very bad, 10 is excellent.",
            ),
            Q(
                K.YES_NO,
                "Do you have problems with damp or mould in your home?",
                "For example black spots on the wall or ceiling, or wet windows and walls.",
            ),
            Q(
                K.MATRIX,
                "Think of your last repair. Do you agree with these sentences?",
                options=(
                    "It was easy to report the repair.",
                    "I could quickly make an appointment.",
                    "The repair worker came at the agreed time.",
                    "The repair worker was friendly and worked neatly.",
                    "The repair was done right the first time.",
                ),
                new_page=True,
                condition=(0, EQUALS, YES),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "Where in your home do you have damp or mould?",
                "Choose all that apply.",
                options=("Bathroom", "Kitchen", "Bedroom", "Living room", "Storage room or cellar"),
                allows_other=True,
                condition=(2, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "Did you report the damp or mould to your housing association?",
                options=(
                    "Yes, and the problem has been solved",
                    "Yes, but the problem has not been solved yet",
                    "No, not yet",
                ),
                condition=(2, EQUALS, YES),
            ),
            Q(
                K.INFORMATION,
                "The next questions are about planned maintenance. This is major work that the"
                " housing association plans in advance, for example new window frames, a new roof"
                " or painting. It is often done for a whole street or block at the same time.",
                required=False,
                new_page=True,
            ),
            Q(
                K.AGREE_SCALE,
                "The housing association tells me in good time about planned maintenance.",
            ),
            Q(
                K.RANKING,
                "What should the housing association deal with first in your home?",
                "Choose the 3 most important points and put them in order. Number 1 matters most.",
                options=(
                    "Damp and mould",
                    "Windows and doors",
                    "Kitchen",
                    "Bathroom and toilet",
                    "Insulation",
                    "Outside painting",
                ),
                max_choices=3,
            ),
            Q(
                K.OPEN_TEXT,
                "Is there anything else you would like to say about maintenance?",
                required=False,
            ),
        ),
    ),
    Template(
        "huurverhoging",
        "Rent increase",
        "Every year the housing association can raise the rent. We would like to know what this"
        " means for you, so that we can give the housing association good advice. It takes about"
        " 4 minutes and your answers are anonymous.",
        (
            Q(
                K.INFORMATION,
                "The housing association may raise the rent once a year, usually on 1 July. The"
                " government decides the most the rent may go up. Every year the tenants'"
                " association gives the housing association advice on the rent increase.",
                required=False,
            ),
            Q(K.AGREE_SCALE, "I can pay my rent without difficulty."),
            Q(K.YES_NO, "In the past year, have you found it hard to pay your rent?"),
            Q(
                K.SINGLE_CHOICE,
                "What do you think of this year's rent increase?",
                options=("Too high", "Reasonable", "Low", "I don't know"),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "What did you do when paying was hard?",
                "Choose all that apply.",
                options=(
                    "Contacted the housing association",
                    "Agreed a payment plan",
                    "Asked the council or a debt advice service for help",
                    "Spent less on other things, such as food or energy",
                    "Nothing",
                ),
                new_page=True,
                allows_other=True,
                condition=(2, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "What do you think of a rent increase based on income?",
                "With a rent increase based on income, the rent goes up more if you have a higher"
                " income. Tenants with a low income then get a smaller increase.",
                options=("A good idea", "Not a good idea", "I don't know"),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "What should the housing association do for tenants who find it hard to pay?",
                "Choose at most 2 answers.",
                options=(
                    "Not raise the rent",
                    "Lower the rent for people on a low income",
                    "Get in touch quickly when someone falls behind with the rent",
                    "Help with a payment plan",
                    "Explain benefits and other support schemes",
                ),
                allows_other=True,
                max_choices=2,
            ),
            Q(
                K.NUMBER,
                "How many people live in your home? Count yourself too.",
                min_value=1,
                max_value=12,
            ),
            Q(
                K.OPEN_TEXT,
                "Is there anything else you would like to say about the rent increase?",
                required=False,
            ),
        ),
    ),
    Template(
        "duurzaamheid",
        "Energy-saving homes",
        "The housing association wants to make homes more sustainable: better insulated and using"
        " less energy. We would like to know what you think of this and what you have already"
        " experienced. It takes about 6 minutes and your answers are anonymous.",
        (
            Q(
                K.SINGLE_CHOICE,
                "In the past 2 years, has any work been done on your home to save energy?",
                options=(
                    "Yes, and the work is finished",
                    "Yes, and the work is still going on",
                    "No",
                    "I don't know",
                ),
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "What does your home already have?",
                "Choose all that apply to your home.",
                options=(
                    "Insulation of the roof, walls or floor",
                    "Double glazing or better",
                    "Solar panels",
                    "Heat pump",
                    "None of these",
                ),
                allows_other=True,
            ),
            Q(K.AGREE_SCALE, "My home is easy to keep warm in winter."),
            Q(
                K.MATRIX,
                "Think of the work done on your home. Do you agree with these sentences?",
                options=(
                    "I was given a good explanation of the work beforehand.",
                    "The nuisance during the work was not too bad.",
                    "The builders took my needs into account.",
                    "My home is now better insulated.",
                    "My energy bill has gone down.",
                ),
                new_page=True,
                condition=(0, ANY_OF, (0, 1)),
            ),
            Q(
                K.RANKING,
                "What would you most like for your home?",
                "Choose the 3 things that matter most to you and put them in order. Number 1"
                " matters most.",
                options=(
                    "Better insulation",
                    "New windows with better glass",
                    "Solar panels",
                    "A heat pump",
                    "Better ventilation",
                ),
                max_choices=3,
            ),
            Q(
                K.INFORMATION,
                "After making a home more sustainable, the housing association sometimes asks for"
                " a little more rent. On the other hand, your energy bill often goes down.",
                required=False,
                new_page=True,
            ),
            Q(
                K.SINGLE_CHOICE,
                "May the rent go up when your home becomes more sustainable?",
                options=(
                    "Yes, if my energy bill goes down by at least as much",
                    "Yes, but only by a small amount",
                    "No, the rent should not go up",
                    "I don't know",
                ),
            ),
            Q(
                K.NUMBER,
                "At most how many euros a month extra rent would you pay for a more sustainable"
                " home?",
                "Enter 0 if you do not want to pay anything extra.",
                min_value=0,
                max_value=100,
            ),
            Q(
                K.OPEN_TEXT,
                "Is there anything else you would like to say about making your home more"
                " sustainable?",
                required=False,
            ),
        ),
    ),
    Template(
        "dienstverlening",
        "Service from the housing association",
        "We would like to know how satisfied you are with the service from the housing"
        " association. Think of how easy it is to reach and your contact with its staff. It takes"
        " about 4 minutes and your answers are anonymous.",
        (
            Q(K.YES_NO, "In the past year, have you been in contact with the housing association?"),
            Q(
                K.MULTIPLE_CHOICE,
                "How do you prefer to contact the housing association?",
                "Choose at most 2 answers.",
                options=(
                    "Phone",
                    "Email",
                    "Website or app",
                    "Visiting the office",
                    "Through the caretaker",
                    "WhatsApp",
                ),
                allows_other=True,
                max_choices=2,
            ),
            Q(
                K.RATING,
                "What score do you give the service from the housing association?",
                "0 is very bad, 10 is excellent.",
            ),
            Q(
                K.MATRIX,
                "Think of your last contact with the housing association. Do you agree with these"
                " sentences?",
                options=(
                    "The housing association was easy to reach.",
                    "I did not have to wait long.",
                    "The staff member was friendly.",
                    "The staff member understood my question.",
                    "My question was dealt with well.",
                ),
                new_page=True,
                condition=(0, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "How soon would you like an answer to an email or message?",
                options=(
                    "Within 1 working day",
                    "Within 3 working days",
                    "Within a week",
                    "It does not matter to me",
                ),
            ),
            Q(
                K.AGREE_SCALE,
                "Letters and the website of the housing association are easy to understand.",
            ),
            Q(
                K.RATING,
                "Would you recommend the housing association to family or friends?",
                "0 means: certainly not. 10 means: certainly.",
                shows_nps=True,
            ),
            Q(
                K.SHORT_TEXT,
                "What should the housing association improve first? Name one thing.",
                required=False,
            ),
            Q(
                K.OPEN_TEXT,
                "Is there anything else you would like to say about the service?",
                required=False,
            ),
        ),
    ),
    Template(
        "leefbaarheid",
        "Living in your neighbourhood",
        "We would like to know how pleasant it is to live in your neighbourhood. Think of safety,"
        " nuisance, contact with neighbours, green spaces and rubbish. It takes about 5 minutes"
        " and your answers are anonymous.",
        (
            Q(
                K.SHORT_TEXT,
                "Which district or neighbourhood do you live in?",
                "Only give the name of the district or neighbourhood, not your address.",
                required=False,
            ),
            Q(
                K.RATING,
                "What score do you give your neighbourhood?",
                "0 is very bad, 10 is excellent.",
            ),
            Q(
                K.MATRIX,
                "Do you agree with these sentences about your neighbourhood?",
                options=(
                    "I feel safe in my neighbourhood, also in the evening.",
                    "I have good contact with my neighbours.",
                    "There are enough green spaces in the neighbourhood.",
                    "The streets are clean.",
                    "Rubbish is collected on time.",
                ),
            ),
            Q(
                K.YES_NO,
                "In the past year, have you been bothered by nuisance?",
                "Nuisance is anything that bothers you in or around your home. For example noise,"
                " bad smells or quarrels.",
            ),
            Q(
                K.MULTIPLE_CHOICE,
                "What bothered you?",
                "Choose all that apply.",
                options=(
                    "Noise from neighbours",
                    "Rubbish left next to the bins",
                    "Groups of young people hanging around",
                    "Drugs or drug dealing",
                    "Pets",
                    "Traffic or parking",
                ),
                new_page=True,
                allows_other=True,
                condition=(3, EQUALS, YES),
            ),
            Q(
                K.SINGLE_CHOICE,
                "Did you report the nuisance?",
                options=(
                    "Yes, to the housing association",
                    "Yes, to the council or the police",
                    "No",
                ),
                allows_other=True,
                condition=(3, EQUALS, YES),
            ),
            Q(
                K.RANKING,
                "What should improve first in your neighbourhood?",
                "Choose the 3 most important points and put them in order. Number 1 matters most.",
                options=(
                    "Safety",
                    "Less nuisance",
                    "More green spaces",
                    "Cleaner streets",
                    "More contact between neighbours",
                    "Play areas for children",
                ),
                max_choices=3,
            ),
            Q(K.AGREE_SCALE, "I would like to help make my neighbourhood a nicer place to live."),
            Q(
                K.OPEN_TEXT,
                "Is there anything else you would like to say about your neighbourhood?",
                required=False,
            ),
        ),
    ),
)

#: language ("nl", "en") -> key -> template, keys in the same order in both languages.
TEMPLATES: dict[str, dict[str, Template]] = {
    "nl": {template.key: template for template in _DUTCH},
    "en": {template.key: template for template in _ENGLISH},
}


def template_choices(language: str) -> list[tuple[str, str]]:
    """The templates of ``language`` as (key, title) pairs for a select; none if unknown."""
    return [(key, template.title) for key, template in TEMPLATES.get(language, {}).items()]


def start_from_template(
    organisation,
    key: str,
    language: str,
    opens_on,
    closes_on,
    actor=None,
    *,
    title: str = "",
    introduction: str = "",
    anonymous: bool = True,
) -> Consultation:
    """A new draft consultation with the template's questions and conditions.

    :param title: and ``introduction``: the board's own; empty: the template's.
    :raises DomainError: for an unknown template or language, or when the dates do not fit.
    """
    template = TEMPLATES.get(language, {}).get(key)
    if template is None:
        raise DomainError(_("Choose one of the templates."))
    consultation = create_consultation(
        organisation,
        title.strip() or template.title,
        introduction.strip() or template.introduction_for(anonymous),
        opens_on,
        closes_on,
        actor=actor,
        anonymous=anonymous,
    )
    added = []
    for item in template.questions:
        question = builder.add_question(
            consultation,
            item.kind,
            item.text,
            item.help_text,
            item.required,
            item.options,
            new_page=item.new_page,
            allows_other=item.allows_other,
            max_choices=item.max_choices,
            min_value=item.min_value,
            max_value=item.max_value,
            shows_nps=item.shows_nps,
        )
        if item.condition is not None:
            index, operator, values = item.condition
            on_question = added[index]
            if QuestionKind(on_question.kind) in CHOICE_KINDS:
                values = [on_question.options[position].id for position in values]
            builder.set_condition(question, on_question, operator, list(values))
        added.append(question)
    return consultation


def start_consultation(
    organisation, key: str, language: str, opens_on, closes_on, actor=None, **settings
) -> Consultation:
    """A new draft: empty when ``key`` is empty, else from that template.

    :param settings: title, introduction, anonymous (see ``start_from_template``).
    :raises DomainError: for an unknown template, an empty title without one, or bad dates.
    """
    if key:
        return start_from_template(
            organisation, key, language, opens_on, closes_on, actor, **settings
        )
    return create_consultation(
        organisation,
        settings.get("title", ""),
        settings.get("introduction", ""),
        opens_on,
        closes_on,
        actor=actor,
        anonymous=settings.get("anonymous", True),
    )
