"""The board edits a questionnaire: order, pages, conditions, wording after publishing, copies."""

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys import builder
from consult.surveys.builder import QuestionSpec
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import QuestionKind
from tests import factories
from tests.conftest import login


def layout(survey) -> list[tuple[int, str]]:
    """(page, text) of every question in the order tenants see them."""
    return [(q.page, q.text) for q in builder.ordered(survey)]


def draft(org=None):
    return factories.questionnaire(org or factories.organisation(), publish=False)


def test_moving_over_a_page_edge_moves_to_the_other_page(ctx):
    """Does the first question of a page move up onto the end of the previous page?"""
    survey = draft()
    better = survey.questions[4]  # first on page 3
    builder.move_question(better, up=True)
    assert layout(survey)[3:5] == [(2, "Wat vindt u van uw balkon?"), (2, "Wat moet beter?")]
    builder.move_question(better, up=False)
    assert layout(survey)[4] == (3, "Wat moet beter?")


def test_a_question_stays_on_a_later_page_than_what_its_condition_tests(ctx):
    """Are moves and page joins refused that would put the balcony statements beside or
    above the balcony question?"""
    with pytest.raises(DomainError):
        builder.move_question(draft().questions[3], up=True)  # beside the balcony question
    with pytest.raises(DomainError):
        builder.toggle_page_break(draft().questions[3])  # join pages 1 and 2


def test_page_breaks_split_and_join_pages(ctx):
    """Does 'start a new page here' split a page, and pressing it again join them?"""
    survey = draft()
    heating = survey.questions[2]
    builder.toggle_page_break(heating)
    assert [page for page, _text in layout(survey)][:4] == [1, 1, 2, 3]
    builder.toggle_page_break(heating)
    assert [page for page, _text in layout(survey)][:4] == [1, 1, 1, 2]
    with pytest.raises(DomainError):
        builder.toggle_page_break(survey.questions[0])


def test_removing_a_question_removes_the_conditions_on_it(ctx):
    """Is the balcony page shown always once the balcony question is removed?"""
    survey = draft()
    balcony, matrix = survey.questions[0], survey.questions[3]
    builder.remove_question(balcony)
    assert matrix.condition_question_id is None and matrix.condition_values == []
    assert [q.position for q in builder.ordered(survey)] == list(range(10))


@pytest.mark.parametrize(
    ("on", "operator", "values"),
    [
        (9, "equals", [1]),  # a later question
        (2, "equals", []),  # a question on the same page
        (6, "equals", [3]),  # a number question has nothing to choose
        (0, "equals", [7]),  # not an answer to yes/no
        (0, "equals", [0, 1]),  # 'is' with two answers
        (0, "any_of", []),  # no answer at all
    ],
)
def test_impossible_conditions_are_refused(ctx, on, operator, values):
    survey = draft()
    target = survey.questions[8]
    with pytest.raises(DomainError):
        builder.set_condition(target, survey.questions[on], operator, values)
    assert target.condition_question_id is None


def test_a_published_question_can_be_reworded_and_that_is_logged(ctx):
    """After publishing: wording changes are kept and logged, other changes refused."""
    survey = factories.questionnaire(factories.organisation())
    heating = survey.questions[2]
    option_ids = [o.id for o in heating.options]
    spec = builder._spec_of(heating)
    spec.text, spec.options = (
        "Hoe wordt uw woning verwarmd?",
        ["Cv-ketel", "Stadswarmte", "Warmtepomp"],
    )
    builder.update_question(heating, spec)
    assert heating.text == "Hoe wordt uw woning verwarmd?"
    assert [o.id for o in heating.options] == option_ids  # same options, new wording
    assert db.session.scalar(select(AuditEntry.action)) == "question.reworded"
    for change in (
        {"kind": QuestionKind.MULTIPLE_CHOICE},
        {"options": ["Cv-ketel", "Stadswarmte"]},
        {"required": False},
    ):
        changed = QuestionSpec(**{**vars(builder._spec_of(heating)), **change})
        with pytest.raises(DomainError):
            builder.update_question(heating, changed)


def test_a_copy_has_the_same_questions_pages_and_conditions(ctx):
    """Does a copy get its own questions, with the condition pointing inside the copy?"""
    original = factories.questionnaire(factories.organisation())
    today = clock.today()
    copy = builder.copy_consultation(original, "Woonplezier 2027", today, today)
    assert copy.status == "draft" and layout(copy) == layout(original)
    balcony, matrix = copy.questions[0], copy.questions[3]
    assert matrix.condition_question_id == balcony.id
    assert matrix.condition_values == [1]
    heating = copy.questions[2]
    assert heating.allows_other and heating.options[0].id != original.questions[2].options[0].id


def test_the_board_builds_with_plain_forms(app, client, world):
    """Add a multiple-choice question, give it a condition, and see both on the page."""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.draft_id}"
    response = client.post(
        f"{base}/questions",
        data={
            "kind": "multiple_choice",
            "text": "Wat doet u in de tuin?",
            "options": "Zitten\nSpelen\nMoestuin",
            "max_choices": "2",
            "allows_other": "y",
            "required": "y",
            "new_page": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        survey = db.session.get(Consultation, world.a.draft_id)
        choice, garden = survey.questions[0], survey.questions[-1]
        assert (garden.page, garden.max_choices, garden.allows_other) == (2, 2, True)
        values = [f"{choice.id}:{choice.options[0].id}", f"{choice.id}:{choice.options[1].id}"]
    response = client.post(
        f"{base}/questions/{garden.id}/condition",
        data={f"c{garden.id}-operator": "any_of", f"c{garden.id}-values": values},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Alleen getoond als het antwoord op" in page and "Schoonmaak, Groen" in page
    assert "Pagina 2" in page


def test_ticking_answers_of_two_questions_is_explained(app, client, world):
    """Is a condition on answers of two questions refused with a message?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.draft_id}"
    with app.app_context():
        survey = db.session.get(Consultation, world.a.draft_id)
        choice, scale, text = survey.questions
        values = [f"{choice.id}:{choice.options[0].id}", f"{scale.id}:4"]
    client.post(f"{base}/questions/{text.id}/page")
    response = client.post(
        f"{base}/questions/{text.id}/condition",
        data={f"c{text.id}-operator": "any_of", f"c{text.id}-values": values},
    )
    assert response.status_code == 400
    assert "Vink alleen antwoorden van één eerdere vraag aan." in response.get_data(as_text=True)


def test_the_buttons_beside_a_question(app, client, world):
    """Do 'start a new page here', 'move up' and 'remove' change the list as they say?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.draft_id}/questions"
    choice, scale, remarks = world.a.draft_question_ids
    page = client.post(f"{base}/{scale}/page", follow_redirects=True).get_data(as_text=True)
    assert "De pagina&#39;s zijn aangepast." in page or "De pagina's zijn aangepast." in page
    assert "Pagina 2" in page
    client.post(f"{base}/{remarks}/up")
    client.post(f"{base}/{choice}/remove")
    with app.app_context():
        survey = db.session.get(Consultation, world.a.draft_id)
        assert [(q.page, q.kind) for q in builder.ordered(survey)] == [
            (1, "open_text"),
            (1, "agree_scale"),
        ]


def test_published_options_cannot_change_places(ctx):
    """Is swapping two option labels after publishing refused (answers would flip)?"""
    survey = factories.questionnaire(factories.organisation())
    heating = survey.questions[2]
    spec = builder._spec_of(heating)
    spec.options = ["Stadsverwarming", "Cv-ketel", "Warmtepomp"]
    with pytest.raises(DomainError):
        builder.update_question(heating, spec)
    assert [o.label for o in heating.options][:2] == ["Cv-ketel", "Stadsverwarming"]


def test_removing_an_option_in_a_draft_keeps_what_conditions_test(ctx):
    """Deleting the first line of a draft's options: does 'is Stadsverwarming' still mean it?"""
    survey = draft()
    heating, better = survey.questions[2], survey.questions[4]
    district_heating = heating.options[1]
    builder.set_condition(better, heating, "equals", [district_heating.id])
    spec = builder._spec_of(heating)
    spec.options = ["Stadsverwarming", "Warmtepomp"]
    builder.update_question(heating, spec)
    assert heating.options[0].id == district_heating.id
    assert better.condition_values == [district_heating.id]


def content_version(survey) -> int:
    db.session.commit()
    return db.session.scalar(select(Consultation.content_version).filter_by(id=survey.id))


def relabel_first_option(survey):
    next(question for question in survey.questions if question.options).options[0].label = "Nee"


@pytest.mark.parametrize(
    "change",
    [
        lambda survey: builder.add_question(survey, QuestionKind.YES_NO, "Nog iets?"),
        lambda survey: builder.move_question(survey.questions[4], up=True),
        lambda survey: builder.toggle_page_break(survey.questions[1]),
        lambda survey: builder.remove_question(survey.questions[-1]),
        lambda survey: builder.set_condition(survey.questions[3], None, None, []),
        relabel_first_option,
    ],
)
def test_every_change_to_questions_counts_as_a_new_content_version(ctx, change):
    """Does each kind of edit raise the version that keeps answer pages up to date, and
    saving without a change not?"""
    survey = draft()
    before = content_version(survey)
    survey.questions[0].text = survey.questions[0].text
    assert content_version(survey) == before
    change(survey)
    assert content_version(survey) == before + 1
