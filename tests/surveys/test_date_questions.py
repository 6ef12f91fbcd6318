"""A date question: picked or typed as dd-mm-jjjj, kept within its bounds, stored as a day,
counted per month, exported as a date and printed as "__ - __ - ____"."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.results.queries import consultation_results
from consult.results.raw import raw_table
from consult.surveys import builder, printing, services
from consult.surveys import services as surveys
from consult.surveys.answer_forms import answer_form
from consult.surveys.models.questions import DateLimit, QuestionKind
from consult.surveys.models.responses import Answer, Channel
from tests import factories


def date_survey(org, **bounds):
    """A published consultation with one date question (and its bounds)."""
    today = clock.today()
    survey = surveys.create_consultation(
        org, "Meldingen", "", today - timedelta(days=1), today + timedelta(days=14)
    )
    builder.add_question(survey, QuestionKind.DATE, "Wanneer heeft u het gemeld?", **bounds)
    survey.publish()
    db.session.flush()
    return survey


def test_a_date_is_stored_as_its_day(ctx):
    """Is 25 March 2026 kept as the day 20260325?"""
    survey = date_survey(factories.organisation())
    question = survey.questions[0]
    services.record_response(survey, {question.id: {"date": "2026-03-25"}}, Channel.INVITATION)
    assert db.session.scalars(select(Answer.number)).all() == [20260325]


@pytest.mark.parametrize(
    ("bounds", "given", "message"),
    [
        ({"date_limit": DateLimit.NOT_FUTURE}, 1, "Die datum ligt in de toekomst"),
        ({"date_limit": DateLimit.NOT_PAST}, -1, "vandaag of een latere"),
        ({"earliest_on": date(2026, 1, 1)}, None, "op of na 01-01-2026"),
        (
            {"earliest_on": date(2026, 1, 1), "latest_on": date(2026, 6, 30)},
            None,
            "van 01-01-2026 tot en met 30-06-2026",
        ),
    ],
)
def test_a_date_out_of_bounds_is_refused_saying_why(ctx, bounds, given, message):
    """Does a date outside the question's bounds get a message naming the bound?"""
    survey = date_survey(factories.organisation(), **bounds)
    question = survey.questions[0]
    day = clock.today() + timedelta(days=given) if given else date(2025, 12, 31)
    with pytest.raises(DomainError) as refused:
        services.record_response(survey, {question.id: {"date": day.isoformat()}}, Channel.PAPER)
    assert message in str(refused.value.message)
    assert db.session.scalars(select(Answer.number)).all() == []


def test_today_fits_not_in_the_future(ctx):
    """Is today itself accepted when the date may not be in the future?"""
    survey = date_survey(factories.organisation(), date_limit=DateLimit.NOT_FUTURE)
    question = survey.questions[0]
    services.record_response(
        survey, {question.id: {"date": clock.today().isoformat()}}, Channel.INVITATION
    )
    assert db.session.scalars(select(Answer.number)).all() != []


def test_the_earliest_date_may_not_be_after_the_latest(ctx):
    """Does the builder refuse bounds the wrong way round?"""
    org = factories.organisation()
    survey = surveys.create_consultation(org, "X", "", clock.today(), clock.today())
    with pytest.raises(DomainError):
        builder.add_question(
            survey,
            QuestionKind.DATE,
            "Wanneer?",
            earliest_on=date(2026, 2, 1),
            latest_on=date(2026, 1, 1),
        )


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("2026-03-25", {"date": "2026-03-25"}),
        ("25-03-2026", {"date": "2026-03-25"}),
        ("5/3/2026", {"date": "2026-03-05"}),
        (" 25.03.2026 ", {"date": "2026-03-25"}),
        ("", {}),
    ],
)
def test_a_typed_date_is_read_as_day_month_year(app, typed, answer):
    """Without a date picker, is dd-mm-jjjj (or the picker's ISO form) understood?"""
    survey_question = _question_stub()
    with app.test_request_context(method="POST", data={"q1": typed}):
        form = answer_form([survey_question], meta={"csrf": False})
        assert form.answers() == {1: answer}


def test_a_date_that_is_no_date_gets_a_message(app):
    """Is 31-02-2026 refused with an example of the right form?"""
    with app.test_request_context(method="POST", data={"q1": "31-02-2026"}):
        form = answer_form([_question_stub()], meta={"csrf": False})
        assert not form.check()
        assert "25-03-2026" in form["q1"].errors[0]
        assert form.draft_answers() == {1: {"typed": "31-02-2026"}}


def _question_stub():
    from consult.surveys.models.questions import Question

    return Question(id=1, kind=QuestionKind.DATE, text="Wanneer?", help_text="", required=True)


def test_results_count_dates_per_month_and_the_export_has_dates(ctx, app):
    """Are the answers counted per month, and is each a date in the spreadsheet?"""
    survey = date_survey(factories.organisation())
    question = survey.questions[0]
    for day in ("2026-03-02", "2026-03-30", "2026-04-01", "2026-03-15", "2026-04-20"):
        services.record_response(survey, {question.id: {"date": day}}, Channel.INVITATION)
    result = consultation_results(survey).questions[0]
    assert [(count.label, count.count) for count in result.counts] == [
        ("maart 2026", 3),
        ("april 2026", 2),
    ]
    header, rows = raw_table(survey, salt=b"x")
    assert sorted(row[-1] for row in rows)[0] == date(2026, 3, 2)
    from consult.core.spreadsheets import xlsx_bytes

    sheet = load_workbook(io.BytesIO(xlsx_bytes(header, rows, "x"))).active
    assert sheet.cell(2, len(header)).is_date


def test_the_paper_form_asks_for_day_month_year(ctx):
    """Does the printed question say how to write the date, with its bound?"""
    survey = date_survey(factories.organisation(), date_limit=DateLimit.NOT_FUTURE)
    printed = printing.questionnaire_of(survey)
    note = printed.questions[0].note
    assert "dag - maand - jaar" in note and "Niet in de toekomst" in note


@pytest.fixture
def date_link(app):
    """The personal link of one invited member to a consultation with a date question."""
    with app.app_context():
        org = factories.organisation()
        factories.member(org)
        survey = date_survey(org, date_limit=DateLimit.NOT_FUTURE)
        token = next(iter(factories.invite(survey).values()))
        question_id = survey.questions[0].id
        db.session.commit()
        return {"url": f"/i/{token}", "q": f"q{question_id}"}


def test_the_answer_page_has_a_date_picker_that_takes_typed_dates(app, client, date_link):
    """Is the question a native date input, and is a typed 03-12-2026 sent as that day?"""
    page = client.get(date_link["url"]).get_data(as_text=True)
    assert 'type="date"' in page and f'name="{date_link["q"]}"' in page
    typed = (clock.today() - timedelta(days=4)).strftime("%d-%m-%Y")
    response = client.post(date_link["url"], data={date_link["q"]: typed, "step": "send"})
    assert response.headers["Location"].endswith("/thanks")
    with app.app_context():
        stored = db.session.scalars(select(Answer.number)).all()
    assert stored == [int((clock.today() - timedelta(days=4)).strftime("%Y%m%d"))]


def test_a_future_date_is_shown_again_with_the_reason(app, client, date_link):
    """Does a date in the future come back on the page with a Dutch message, nothing sent?"""
    future = (clock.today() + timedelta(days=3)).isoformat()
    response = client.post(date_link["url"], data={date_link["q"]: future, "step": "send"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Die datum ligt in de toekomst" in page
    with app.app_context():
        assert db.session.scalars(select(Answer.number)).all() == []
