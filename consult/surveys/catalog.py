"""Ready-made questionnaires a tenant board can start from, in Dutch and in English.

Six topics (servicekosten, onderhoud, huurverhoging, duurzaamheid, dienstverlening and
leefbaarheid) are data: one TOML file per topic in ``questionnaires/``, each text with its Dutch
(B1) and English words side by side, so both versions have the same structure and only the words
differ. This module reads them into a ``Template`` per language. ``start_from_template`` turns a
template into a draft consultation through the builder, so the usual rules apply and the board
can change everything before publishing.

A file holds ``title``, ``introduction`` and ``[[questions]]``: ``kind`` (a ``QuestionKind``
value), ``text``, optional ``help_text`` and ``options`` (each ``{ nl = "...", en = "..." }``)
and the builder's settings of ``TemplateQuestion``. ``condition = { question = 3, operator =
"equals", values = [1] }`` names an earlier question by its index (from 0) and, for choice
questions, the options by their index; for yes/no 1 is yes and 0 is no. It always refers to a
question on an earlier page, because a tenant's answers count only once a page is saved.
"""

import re
import tomllib
from dataclasses import dataclass
from importlib.resources import files

from flask_babel import gettext as _

from consult.core.errors import DomainError
from consult.surveys import builder
from consult.surveys.answers import CHOICE_KINDS
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import ConditionOperator, QuestionKind
from consult.surveys.services import create_consultation

#: The templates in the order the board sees them; each is ``questionnaires/<key>.toml``.
KEYS = (
    "servicekosten",
    "onderhoud",
    "huurverhoging",
    "duurzaamheid",
    "dienstverlening",
    "leefbaarheid",
)
LANGUAGES = ("nl", "en")
#: The texts of a template file that hold one string per language.
TEXTS = ("title", "introduction", "text", "help_text")
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


def read_template_file(key: str) -> dict:
    """The parsed file of template ``key``, both languages side by side."""
    source = files("consult.surveys") / "questionnaires" / f"{key}.toml"
    return tomllib.loads(source.read_text(encoding="utf-8"))


def _question(item: dict, language: str) -> TemplateQuestion:
    """One question of a template file in ``language``; an unknown setting raises TypeError."""
    settings = {name: value for name, value in item.items() if name not in TEXTS}
    settings["kind"] = QuestionKind(settings["kind"])
    settings["options"] = tuple(option[language] for option in settings.get("options", ()))
    if "condition" in settings:
        condition = settings["condition"]
        settings["condition"] = (
            condition["question"],
            ConditionOperator(condition["operator"]),
            tuple(condition["values"]),
        )
    help_text = item.get("help_text", {}).get(language, "")
    return TemplateQuestion(text=item["text"][language], help_text=help_text, **settings)


def _template(key: str, data: dict, language: str) -> Template:
    questions = tuple(_question(item, language) for item in data["questions"])
    return Template(key, data["title"][language], data["introduction"][language], questions)


def _load() -> dict[str, dict[str, Template]]:
    data = {key: read_template_file(key) for key in KEYS}
    return {
        language: {key: _template(key, data[key], language) for key in KEYS}
        for language in LANGUAGES
    }


#: language ("nl", "en") -> key -> template, keys in the same order in both languages.
TEMPLATES: dict[str, dict[str, Template]] = _load()


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
        language=language,
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
        language=language,
    )
