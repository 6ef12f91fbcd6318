"""The ready-made questionnaires: each can be started and published, in Dutch and English."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import builder, catalog, services
from consult.surveys.catalog import TEMPLATES, start_from_template, template_choices
from consult.surveys.models.consultations import Consultation, ConsultationStatus
from consult.surveys.models.questions import QuestionKind
from tests import factories
from tests.conftest import login

KEYS = [
    "servicekosten",
    "onderhoud",
    "huurverhoging",
    "duurzaamheid",
    "dienstverlening",
    "leefbaarheid",
]
ALL = [(language, key) for language in ("nl", "en") for key in KEYS]


def expected_pages(template) -> list[int]:
    """The page of each question as the template's page breaks give it."""
    pages, page = [], 1
    for index, item in enumerate(template.questions):
        page += 1 if item.new_page and index else 0
        pages.append(page)
    return pages


def structure(template) -> list[tuple]:
    """Everything about a template's questions except the words."""
    return [
        (
            item.kind,
            len(item.options),
            item.required,
            item.new_page,
            item.allows_other,
            item.max_choices,
            item.min_value,
            item.max_value,
            item.shows_nps,
            item.condition,
        )
        for item in template.questions
    ]


@pytest.mark.parametrize(("language", "key"), ALL)
def test_every_template_can_be_started_and_published(ctx, language, key):
    """Can every template be started, with its questions, pages and conditions, and published?"""
    template = TEMPLATES[language][key]
    today = clock.today()
    survey = start_from_template(
        factories.organisation(), key, language, today, today + timedelta(days=14)
    )
    questions = builder.ordered(survey)
    assert survey.status == ConsultationStatus.DRAFT
    assert (survey.title, survey.introduction) == (template.title, template.introduction)
    assert [(q.kind, q.text, q.help_text) for q in questions] == [
        (item.kind, item.text, item.help_text) for item in template.questions
    ]
    assert [[o.label for o in q.options] for q in questions] == [
        list(item.options) for item in template.questions
    ]
    assert [q.page for q in questions] == expected_pages(template)
    assert questions[-1].page > 1
    for question, item in zip(questions, template.questions, strict=True):
        if item.condition is None:
            assert question.condition_question_id is None
            continue
        index, operator, values = item.condition
        tested = questions[index]
        assert question.condition_question is tested
        assert tested.page < question.page  # answers count only once their page is saved
        assert question.condition_operator == operator
        if tested.kind == QuestionKind.YES_NO:
            assert question.condition_values == list(values)
        else:
            assert question.condition_values == [tested.options[i].id for i in values]
    survey.publish()
    assert survey.status == ConsultationStatus.PUBLISHED


def test_dutch_and_english_have_the_same_structure():
    """Do the Dutch and English versions of each template differ only in their words?"""
    assert list(TEMPLATES) == ["nl", "en"]
    assert list(TEMPLATES["nl"]) == KEYS and list(TEMPLATES["en"]) == KEYS
    assert [key for key, _title in template_choices("en")] == KEYS
    for key in KEYS:
        dutch, english = TEMPLATES["nl"][key], TEMPLATES["en"][key]
        assert dutch.key == english.key == key
        assert structure(dutch) == structure(english), key
        assert dutch.title != english.title
        assert [q.text for q in dutch.questions] != [q.text for q in english.questions]
    with_conditions = [k for k in KEYS if any(q.condition for q in TEMPLATES["nl"][k].questions)]
    assert len(with_conditions) >= 2


@pytest.mark.parametrize("key", KEYS)
def test_every_text_of_a_template_file_is_in_both_languages(key):
    """Has every text of each template file a Dutch and an English version, neither empty?"""
    data = catalog.read_template_file(key)
    assert set(data) == {"title", "introduction", "questions"}, key
    texts = [data["title"], data["introduction"]]
    for item in data["questions"]:
        texts += [item["text"], item.get("help_text", {"nl": "-", "en": "-"})]
        texts += item.get("options", [])
    for text in texts:
        assert isinstance(text, dict) and set(text) == {"nl", "en"}, (key, text)
        assert all(isinstance(words, str) and words.strip() for words in text.values()), text


def test_unknown_template_or_language_is_refused(ctx):
    """Is an unknown template or language refused, without creating a consultation?"""
    organisation = factories.organisation()
    today = clock.today()
    for key, language in (("parkeren", "nl"), ("servicekosten", "de")):
        with pytest.raises(DomainError):
            start_from_template(organisation, key, language, today, today + timedelta(days=7))
    assert services.consultations_of(organisation) == []
    assert template_choices("de") == []


def test_every_question_is_valid(ctx):
    """Does every question of every template pass the builder's checks unchanged?"""
    for language, key in ALL:
        for item in TEMPLATES[language][key].questions:
            spec = builder.QuestionSpec(
                item.kind,
                item.text,
                item.help_text,
                item.required,
                list(item.options),
                item.allows_other,
                item.max_choices,
                item.min_value,
                item.max_value,
                item.shows_nps,
            )
            assert spec.cleaned() == spec, (language, key, item.text)


@pytest.mark.parametrize(("language", "key"), ALL)
def test_templates_follow_the_house_style(language, key):
    """Has each template 6-10 questions on 2-3 pages and an optional open question at the end?"""
    template = TEMPLATES[language][key]
    questions = template.questions
    assert 6 <= len(questions) <= 10
    assert 2 <= expected_pages(template)[-1] <= 3
    assert len(template.introduction.split(". ")) <= 3
    assert ("minuten" if language == "nl" else "minutes") in template.introduction
    assert ("anoniem" if language == "nl" else "anonymous") in template.introduction
    assert questions[-1].kind == QuestionKind.OPEN_TEXT and not questions[-1].required
    assert any(q.shows_nps for q in questions) == (key == "dienstverlening")
    for position, item in enumerate(questions):
        if item.condition is None:
            continue
        index, _operator, values = item.condition
        tested = questions[index]
        assert 0 <= index < position
        assert tested.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE_CHOICE)
        assert values and all(0 <= value < max(2, len(tested.options)) for value in values)


def test_the_board_starts_from_a_template_in_its_own_language(app, client, world):
    """Does choosing 'Onderhoud' give a draft with its questions, under the board's title?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations"
    page = client.get(f"{base}/new").get_data(as_text=True)
    assert ">Onderhoud" in page or "Onderhoud<" in page
    today = clock.today()
    response = client.post(
        f"{base}/new",
        data={
            "template": "onderhoud",
            "title": "Onderhoud Noord",
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
            "privacy": "anonymous",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalar(
            select(Consultation).where(Consultation.title == "Onderhoud Noord")
        )
        assert created.status == "draft" and created.anonymous
        assert len(created.questions) == len(catalog.TEMPLATES["nl"]["onderhoud"].questions)
        assert created.introduction == catalog.TEMPLATES["nl"]["onderhoud"].introduction


def test_without_template_a_title_is_needed(app, client, world):
    """Is an empty title without a template refused with a Dutch message?"""
    login(client, world.a.board)
    today = clock.today().isoformat()
    response = client.post(
        f"/o/{world.a.slug}/consultations/new",
        data={"title": " ", "opens_on": today, "closes_on": today, "privacy": "anonymous"},
    )
    assert "Typ een titel, of begin met een voorbeeldvragenlijst." in response.get_data(
        as_text=True
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("key", KEYS)
def test_an_identified_copy_does_not_promise_anonymity(ctx, language, key):
    """Is 'your answers are anonymous' left out of an identified consultation's introduction?"""
    today = clock.today()
    survey = start_from_template(
        factories.organisation(), key, language, today, today, anonymous=False
    )
    assert "anoniem" not in survey.introduction and "anonymous" not in survey.introduction
    assert survey.introduction.endswith(".")
