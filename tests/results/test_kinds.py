"""Results per kind of question: picks, other-texts, NPS, numbers, rankings, matrices."""

from consult.extensions import db
from consult.results.queries import consultation_results
from consult.surveys import services
from consult.surveys.models.responses import Channel
from tests import factories
from tests.conftest import login
from tests.surveys.test_question_kinds import full_answers


def answer(survey, rating, persons, first, balcony=1, other=None):
    answers = full_answers(survey, balcony)
    q = survey.questions
    answers[q[5].id] = {"number": rating}
    answers[q[6].id] = {"number": persons}
    answers[q[7].id] = {"ranking": [q[7].options[first].id]}
    if other is not None:
        answers[q[2].id] = {"options": [q[2].options[0].id], "other": ""}
    services.record_response(survey, answers, Channel.INVITATION)


def results_of(survey):
    by_text = {}
    for question in consultation_results(survey).questions:
        by_text[question.text] = question
    return by_text


def seed(ctx_org=None):
    survey = factories.questionnaire(ctx_org or factories.organisation())
    survey.questions[7].required = False  # let respondents fill only the first place
    answer(survey, 10, 1, 0)
    answer(survey, 9, 2, 0, balcony=0)
    answer(survey, 3, 6, 1, other=False)
    answer(survey, 7, 3, 0)
    answer(survey, 8, 4, 2)
    answer(survey, 6, 2, 0)
    return survey


def test_figures_per_kind(ctx):
    """Does each kind get its own figures, computed from the stored rows?"""
    survey = seed()
    results = results_of(survey)
    heating = results["Hoe verwarmt u uw woning?"]
    assert heating.answered == 6
    assert [(c.label, c.count) for c in heating.counts][-1] == ("Anders", 5)
    assert heating.open_answers == ["Houtkachel"] * 5
    better = results["Wat moet beter?"]
    assert [c.percentage for c in better.counts] == [100.0, 0.0, 100.0, 0.0]  # two picks each
    rating = results["Welk cijfer geeft u uw woning?"]
    assert rating.nps == 0.0  # 2 promoters (9, 10), 2 detractors (3, 6), 2 passives of 6
    assert rating.average == 7.17
    persons = results["Hoeveel personen wonen er?"]
    assert (persons.average, persons.minimum, persons.maximum) == (3.0, 1, 6)
    assert not persons.counts
    ranking = results["Wat is het belangrijkst?"]
    assert [(i.label, i.first_places, i.average_place) for i in ranking.ranking] == [
        ("Huurprijs", 4, 1.0),
        ("Onderhoud", 1, 1.0),
        ("Buurt", 1, 1.0),
    ]
    matrix = results["Wat vindt u van uw balkon?"]
    assert matrix.answered == 5  # the tenant without a balcony did not see it
    assert [s.answered for s in matrix.statements] == [5, 5]
    assert matrix.statements[0].counts[-1].percentage == 100.0
    assert "Nu volgen vragen over uw woning." not in results  # information is no result


def test_the_results_page_shows_every_kind(app, client):
    """Does the board read NPS, averages, rankings, statements and other-texts on the page?"""
    with app.app_context():
        org = factories.organisation()
        survey_id = seed(org).id
        board = factories.user(org).email
        slug = org.slug
        db.session.commit()
    login(client, board)
    page = client.get(f"/o/{slug}/consultations/{survey_id}/results").get_data(as_text=True)
    assert "Net Promoter Score: +0" in page
    assert "Gemiddeld 3,0 (laagste 1, hoogste 6; n = 6)." in page
    assert "Gemiddelde plaats" in page and "Het balkon is veilig." in page
    assert "Ingevuld bij 'Anders, namelijk':" in page
    assert "Houtkachel" in page


def test_each_respondent_counts_once_per_question(ctx):
    """Is a respondent counted once per question, however many rows the answer takes (picks,
    places, statements), and not where the question was hidden or skipped?"""
    survey = factories.questionnaire(factories.organisation())
    for balcony in (1, 1, 0, 1, 1, 1):
        services.record_response(survey, full_answers(survey, balcony), Channel.INVITATION)
    q = survey.questions
    expected = {question.id: 6 for question in q if question.asks_answer}
    expected |= {q[3].id: 5, q[10].id: 0}  # the balcony's matrix; the optional question
    answered = {r.question_id: r.answered for r in consultation_results(survey).questions}
    assert answered == expected
