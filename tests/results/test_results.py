"""The board sees per-question figures, the response rate, charts and open answers, and
prints them as a report."""

import gzip
import io
import json
import re

import openpyxl
import pytest
from sqlalchemy import select

from consult.core.clock import today
from consult.core.vendor import (
    PLOTLY_BUNDLE,
    PLOTLY_PATH,
    bundle_version,
    expected_plotly_version,
    gzip_matches_bundle,
)
from consult.extensions import db
from consult.invitations import inviting, submitting
from consult.invitations.models import Invitation
from consult.results.charts import figure_json, question_figure
from consult.results.figures import AnswerCount, QuestionResult
from consult.results.queries import consultation_results
from consult.surveys.models.questions import QuestionKind
from tests import factories
from tests.conftest import login


def answer_through_links(consultation, choices_and_scales, text="Prima"):
    """Submit one response per (option index, scale) pair through fresh invitations."""
    for invitation, (option, scale) in zip(
        db.session.scalars(select(Invitation).filter_by(consultation_id=consultation.id)),
        choices_and_scales,
        strict=False,
    ):
        submitting.submit(invitation, factories.answers(consultation, option, scale, text))


@pytest.fixture
def answered(ctx):
    """Seven members invited, six answered: options 0,0,1,2,0,1 and scales 5,4,4,1,3,4."""
    org = factories.organisation()
    for _ in range(7):
        factories.member(org)
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    answer_through_links(consultation, [(0, 5), (0, 4), (1, 4), (2, 1), (0, 3), (1, 4)])
    return consultation


def test_counts_and_percentages_per_option(answered):
    """Does each option get its count and its share of those who answered?"""
    choice, scale, _ = consultation_results(answered).questions
    assert [(c.label, c.count, c.percentage) for c in choice.counts] == [
        ("Schoonmaak", 3, 50.0),
        ("Groen", 2, 33.3),
        ("Verlichting", 1, 16.7),
    ]
    assert [c.count for c in scale.counts] == [1, 0, 1, 3, 1]
    assert choice.answered == scale.answered == 6


def test_response_rate_is_answers_over_invitations(answered):
    """Is the response rate the share of invitations that were used?"""
    results = consultation_results(answered)
    assert (results.respondents, results.invited, results.response_rate) == (6, 7, 85.7)


def test_open_answers_are_listed(answered):
    """Are the open answers listed with their number?"""
    *_, open_question = consultation_results(answered).questions
    assert open_question.open_answers == ["Prima"] * 6 and open_question.counts == []


def test_a_question_answered_by_fewer_than_five_shows_no_figures(ctx):
    """With four respondents, is every figure and open answer left out, only n kept?"""
    org = factories.organisation()
    for _ in range(4):
        factories.member(org)
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    answer_through_links(consultation, [(0, 5), (0, 4), (1, 4), (2, 1)], text="Mijn buurman")
    for question in consultation_results(consultation).questions:
        assert question.suppressed and question.answered == 4
        assert question.counts == [] and question.open_answers == []


def test_small_results_page_says_why_figures_are_missing(app, client, world):
    """Does the page explain that one answer is too few to show, with no text of it?"""
    form = {**_form(app, world.a.consultation_id)}
    form[[k for k in form if form[k] == "Prima"][0]] = "Alleen ik woon op nummer 3"
    client.post(f"/i/{world.a.tokens[0]}", data=form)
    login(client, world.a.viewer)
    html = client.get(
        f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    ).get_data(as_text=True)
    assert "1 antwoord: minder dan 5, dus de cijfers worden niet getoond." in html
    assert "Alleen ik woon op nummer 3" not in html and 'class="chart-data"' not in html


def test_skipped_optional_questions_do_not_count_in_the_base(ctx):
    """Is the base of an open question only those who wrote something?"""
    org = factories.organisation()
    for _ in range(2):
        factories.member(org)
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    answer_through_links(consultation, [(0, 3)], text="")
    *_, open_question = consultation_results(consultation).questions
    assert open_question.answered == 0


def test_the_results_page_shows_table_and_chart_data(app, client, world):
    """Does the board see, per question, a table with the numbers and the chart's data?"""
    client.post(f"/i/{world.a.tokens[0]}", data=_form(app, world.a.consultation_id))
    _paper_forms(app, world.a.consultation_id, 4)  # five respondents in all
    login(client, world.a.viewer)
    page = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<td class="number">100,0%</td>' in html
    assert "33,3%" in html  # 1 of 3 invited
    assert 'class="chart-data"' in html and PLOTLY_PATH in html


def _paper_forms(app, consultation_id, count):
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form

    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        for _ in range(count):
            enter_paper_form(consultation, factories.answers(consultation))
        db.session.commit()


def _form(app, consultation_id):
    from consult.surveys.models.consultations import Consultation

    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        return factories.form_data(factories.answers(consultation))


def test_plotly_is_served_by_the_app_itself_small_and_cached_for_good(client):
    """Is the chart library served locally, gzipped, under a name that changes with it?"""
    with client.get(PLOTLY_PATH, headers={"Accept-Encoding": "gzip, deflate"}) as response:
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert "Accept-Encoding" in response.headers["Vary"]
        assert len(response.data) < 400_000
        assert b"plotly" in gzip.decompress(response.data)[:200].lower()
    with client.get(PLOTLY_PATH) as plain:  # a client without gzip gets the file as it is
        assert "Content-Encoding" not in plain.headers and plain.data.startswith(b"/**")
    assert re.fullmatch(r"/vendor/plotly-[0-9a-f]{12}\.min\.js", PLOTLY_PATH)


def test_the_partial_bundle_is_the_version_plotly_writes_figures_for():
    """After an upgrade of plotly, does this fail until consult/core/update_plotly.sh ran?"""
    assert bundle_version(PLOTLY_BUNDLE.read_bytes()) == expected_plotly_version() != ""
    assert gzip_matches_bundle()


def test_chart_titles_and_labels_escape_user_text():
    """Can a question text smuggle markup into the chart?"""
    result = QuestionResult(
        1,
        '<a href="javascript:alert(1)">x</a>',
        QuestionKind.SINGLE_CHOICE,
        2,
        [AnswerCount("<b>ja</b>", 2, 100.0)],
    )
    figure = json.loads(figure_json(result))
    assert "<a" not in figure["layout"]["title"]["text"]
    assert "<b>" not in json.dumps(figure["data"])
    assert "(n\u00a0=\u00a02)" in figure["layout"]["title"]["text"]


def test_the_chart_is_a_valid_plotly_figure():
    """Does Plotly accept every property of the chart, in the colours of the agree scale?"""
    import plotly.graph_objects as go

    counts = [AnswerCount(label, 1, 20.0) for label in "abcde"]
    result = QuestionResult(1, "Tevreden?", QuestionKind.AGREE_SCALE, 5, counts)
    figure = go.Figure(question_figure(result))  # raises on an unknown property or value
    assert figure.data[0].marker.color[0] == "#D55E00"


def test_open_questions_have_no_chart():
    """Is no chart drawn for open questions?"""
    assert question_figure(QuestionResult(1, "Opmerkingen?", QuestionKind.OPEN_TEXT, 0)) is None


def test_wilson_interval_matches_the_textbook():
    """Is 50 of 100 between 40.4% and 59.6%, and 0 of 10 from 0%?"""
    from consult.results.figures import wilson_interval

    assert wilson_interval(50, 100) == (40.4, 59.6)
    assert wilson_interval(0, 10) == (0.0, 27.8)
    assert wilson_interval(0, 0) is None


def test_the_board_can_show_intervals_and_download_the_results(app, client, world):
    """Does the page say 'tussen ... en ...' on request, and the CSV hold the same figures?"""
    client.post(f"/i/{world.a.tokens[0]}", data=_form(app, world.a.consultation_id))
    _paper_forms(app, world.a.consultation_id, 4)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    page = client.get(f"{base}?intervals=1").get_data(as_text=True)
    assert "tussen 56,6% en 100,0%" in page  # 5 of 5
    with client.get(f"{base}.csv") as response:
        text = response.data.decode("utf-8-sig")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "Vraag;Antwoord;Aantal;Percentage;n;Interval (95 procent)" in text
    assert ";Schoonmaak;5;100,0;5;56,6–100,0" in text  # Dutch Excel reads 100,0 as a number
    with app.app_context():
        from consult.audit.models import AuditEntry

        assert "results.exported" in db.session.scalars(select(AuditEntry.action)).all()


def test_the_english_csv_uses_commas_and_points_and_excel_keeps_numbers(app, client, world):
    """In English, is the CSV comma-separated with 66.7; does the Excel file hold 66.7 as a
    number in either language?"""
    client.post(f"/i/{world.a.tokens[0]}", data=_form(app, world.a.consultation_id))
    _paper_forms(app, world.a.consultation_id, 4)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    client.get(f"{base}?lang=en")
    with client.get(f"{base}.csv") as response:
        text = response.data.decode("utf-8-sig")
    assert "Question,Answer,Number,Percentage,n,Interval (95 percent)" in text
    assert ",Schoonmaak,5,100.0,5,56.6–100.0" in text
    client.get(f"{base}?lang=nl")
    with client.get(f"{base}.csv") as response:
        dutch = response.data.decode("utf-8-sig")
    assert ";Schoonmaak;5;100,0;5;56,6–100,0" in dutch
    with client.get(f"{base}.xlsx") as response:
        sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    percentages = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 100 in percentages and all(isinstance(p, int | float | None) for p in percentages)


def test_the_report_to_print_has_the_facts_and_no_charts(app, client, world):
    """Does the report name organisation, consultation, n, response rate and date, chart-free?"""
    client.post(f"/i/{world.a.tokens[0]}", data=_form(app, world.a.consultation_id))
    _paper_forms(app, world.a.consultation_id, 4)
    login(client, world.a.viewer)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    assert f"{base}?print=1" in client.get(base).text
    html = client.get(f"{base}?print=1&lang=en").text
    assert '<p class="print-only">Huurders Alfa</p>' in html and "Results: Servicekosten" in html
    assert "<dt>Responses</dt><dd>5</dd>" in html and "33.3%" in html
    assert str(today().year) in re.search(r"As of ([^<]*)\.", html).group(1)
    assert '<td class="number">100.0%</td>' in html  # the table stands in for the chart
    assert "plotly" not in html and 'class="chart' not in html
    assert "responses.csv" not in html and 'name="by"' not in html


def test_the_page_and_report_list_ten_open_answers_and_count_the_rest(app, client, world):
    """With twelve open answers, do the page and the report list the first ten in alphabetical
    order and say two more are not listed, while the download keeps all twelve?"""
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form

    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        for number in reversed(range(12)):
            answers = factories.answers(consultation, text=f"Idee {number:02}")
            enter_paper_form(consultation, answers)
        db.session.commit()
    login(client, world.a.viewer)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    for page in (client.get(f"{base}?lang=en").text, client.get(f"{base}?print=1&lang=en").text):
        listed = re.findall(r"<li>(Idee \d+)</li>", page)
        assert listed == [f"Idee {number:02}" for number in range(10)]
        assert "The first 10 in alphabetical order; 2 more are not listed here." in page
    with client.get(f"{base}.csv") as response:
        assert all(f"Idee {number:02}" in response.text for number in range(12))


def test_open_answers_are_counted_beside_the_ones_listed(answered):
    """Does a shorter list keep the count of all open answers, and is it empty when too few
    answered?"""
    *_, open_question = consultation_results(answered, open_answers=4).questions
    assert open_question.open_answers == ["Prima"] * 4 and open_question.open_answer_count == 6
    *_, open_question = consultation_results(answered).questions
    assert len(open_question.open_answers) == open_question.open_answer_count == 6
    open_question.suppress()
    assert open_question.open_answer_count == 0
