"""The built-in recurring items a year plan can start from: the yearly topics of every
huurdersorganisatie of a woningcorporatie (DOMAIN.md: Woningwet 2015, Overlegwet). In Dutch in
every language, like the kruisjeslijst template: they are the words of the agreements."""

from dataclasses import dataclass

from consult.agreements.models import AdviceRight
from consult.planning.models import Initiative


@dataclass(frozen=True)
class Suggestion:
    """A recurring item: its month, or its quarter when the month differs per year."""

    title: str
    right: AdviceRight
    initiative: Initiative
    note: str
    month: int | None = None
    quarter: int | None = None


#: In the order of the year.
SUGGESTIONS = (
    Suggestion(
        "Jaarlijkse huuraanpassing",
        AdviceRight.ADVICE,
        Initiative.LANDLORD,
        "Advies over het voorstel van de verhuurder voor de huurverhoging van dit jaar.",
        quarter=1,
    ),
    Suggestion(
        "Prestatieafspraken: het bod van de corporatie",
        AdviceRight.ADVICE,
        Initiative.LANDLORD,
        "De corporatie bespreekt haar bod met ons en stuurt het vóór 1 juli naar gemeente "
        "en huurdersorganisatie.",
        month=6,
    ),
    Suggestion(
        "Jaarlijkse evaluatie van de samenwerking",
        AdviceRight.ADVICE,
        Initiative.ORGANISATION,
        "Hoe ging de samenwerking met de verhuurder dit jaar? Wat spreken we af voor volgend jaar?",
        quarter=4,
    ),
    Suggestion(
        "Prestatieafspraken ondertekenen",
        AdviceRight.ADVICE,
        Initiative.LANDLORD,
        "Gemeente, corporatie en huurdersorganisatie ondertekenen de afspraken vóór 15 december.",
        month=12,
    ),
)
