"""The anonymised answers per respondent, as CSV or Excel."""

import csv
import hmac
import io

import openpyxl
from flask_babel import force_locale
from sqlalchemy import event, select

from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.invitations import inviting
from consult.panel import services as panel
from consult.results.raw import export_raw, raw_table
from consult.surveys import closing, services
from consult.surveys.models.responses import Channel, Response
from tests import factories
from tests.conftest import login
from tests.results.test_results import _form, _paper_forms, answer_through_links
from tests.surveys.test_question_kinds import full_answers

SALT = b"a fixed salt for the test"
HOSTILE = '=HYPERLINK("https://example.com/steel","Klik")'


def seed_every_kind(org):
    """Six responses to the questionnaire with every kind; "Hoeveel personen" is 1 to 6.

    Number 2 has no balcony (so no matrix); number 3 picks an option instead of "other",
    ranks only Buurt, and is the only one to write under "Nog iets?".
    """
    survey = factories.questionnaire(org)
    q = survey.questions
    q[7].required = False
    for persons in range(1, 7):
        answers = full_answers(survey, balcony=int(persons != 2))
        answers[q[6].id] = {"number": persons}
        if persons == 3:
            answers[q[2].id] = {"options": [q[2].options[0].id]}
            answers[q[7].id] = {"ranking": [q[7].options[2].id]}
            answers[q[10].id] = {"text": "Alleen ik schrijf hier iets"}
        services.record_response(survey, answers, Channel.INVITATION)
    return survey


def test_columns_and_rows_for_every_kind(ctx):
    """Does each kind get its columns, and each response a row with its own answers?"""
    survey = seed_every_kind(factories.organisation())
    with force_locale("en"):
        header, rows = raw_table(survey, SALT)
    agree = " (1 = Strongly disagree, 5 = Strongly agree)"
    chosen = " (1 = chosen, 0 = not chosen)"
    place = " (place, 1 = most important)"
    assert header == [
        "Heeft u een balkon? (1 = Yes, 0 = No)",
        "Hoe verwarmt u uw woning?",
        "Hoe verwarmt u uw woning? – Other, namely",
        "Wat vindt u van uw balkon? – Het balkon is groot genoeg." + agree,
        "Wat vindt u van uw balkon? – Het balkon is veilig." + agree,
        "Wat moet beter? – Isolatie" + chosen,
        "Wat moet beter? – Ventilatie" + chosen,
        "Wat moet beter? – Geluid" + chosen,
        "Wat moet beter? – Tuin" + chosen,
        "Welk cijfer geeft u uw woning?",
        "Hoeveel personen wonen er?",
        "Wat is het belangrijkst? – Huurprijs" + place,
        "Wat is het belangrijkst? – Onderhoud" + place,
        "Wat is het belangrijkst? – Buurt" + place,
        "Ik woon hier graag." + agree,
        "In welke straat woont u?",
        "Nog iets? (fewer than 5 answers: not shown)",
    ]
    by_persons = {row[10]: row for row in rows}
    assert sorted(by_persons) == [1, 2, 3, 4, 5, 6]
    street = [4, "Dorpsstraat", ""]
    assert by_persons[1] == [1, "Other", "Houtkachel", 5, 5, 1, 0, 1, 0, 9, 1, 2, 1, "", *street]
    assert by_persons[2] == [0, "Other", "Houtkachel", "", "", 1, 0, 1, 0, 9, 2, 2, 1, "", *street]
    assert by_persons[3] == [1, "Cv-ketel", "", 5, 5, 1, 0, 1, 0, 9, 3, "", "", 1, *street]


def test_rows_are_in_a_salted_random_order(ctx):
    """Are the rows ordered by a keyed hash of the response, the same file for the same key?"""
    survey = factories.consultation(factories.organisation())
    ids = [
        services.record_response(
            survey, factories.answers(survey, text=f"antwoord {i}"), Channel.INVITATION
        )
        for i in range(8)
    ]
    expected = sorted(range(8), key=lambda i: hmac.new(SALT, ids[i].bytes, "sha256").digest())
    header, rows = raw_table(survey, SALT)
    assert [row[-1] for row in rows] == [f"antwoord {i}" for i in expected]
    assert export_raw(survey, "csv", salt=SALT) == export_raw(survey, "csv", salt=SALT)


def test_nothing_in_the_file_points_to_a_person(ctx):
    """In an identified consultation, are names, addresses, segments, ids and dates left out?"""
    org = factories.organisation()
    buurt = panel.define_dimension(org, "Buurtschap", ["Vogelwijk", "Bloemenbuurt"])
    for i in range(5):
        factories.member(
            org, f"jansen{i}@example.org", [buurt.values[i % 2]], name=f"Pietersen {i}"
        )
    survey = factories.consultation(org, publish=False)
    survey.anonymous = False
    survey.publish()
    inviting.invite_panel(survey)
    answer_through_links(survey, [(0, 4)] * 5)
    responses = db.session.scalars(select(Response)).all()
    assert len(responses) == 5 and all(r.member_id for r in responses)  # stored with names
    text = export_raw(survey, "csv").decode("utf-8-sig")
    assert "Prima" in text
    for forbidden in ["@example.org", "Pietersen", "Buurtschap", "Vogelwijk", "Bloemenbuurt"]:
        assert forbidden not in text
    for response in responses:
        assert str(response.id) not in text and response.id.hex not in text
        assert response.submitted_on.isoformat() not in text


def test_the_channel_is_a_column_only_when_every_channel_is_large_enough(ctx):
    """With five paper forms the channel is shown; with one, it would give that tenant away?"""
    survey = factories.consultation(factories.organisation())
    for _ in range(5):
        services.record_response(survey, factories.answers(survey), Channel.INVITATION)
    services.record_response(survey, factories.answers(survey), Channel.PAPER)
    closing.close_early(survey, "Klaar")  # the channel waits until an anonymous one closes
    with force_locale("en"):
        assert "Channel" not in raw_table(survey)[0]
        for _ in range(4):
            services.record_response(survey, factories.answers(survey), Channel.PAPER)
        header, rows = raw_table(survey)
    assert header[0] == "Channel"
    assert sorted(row[0] for row in rows) == ["invitation by e-mail"] * 5 + ["paper form"] * 5


def test_formulas_in_answers_are_defused(ctx):
    """Is an open answer like =HYPERLINK(...) text in CSV and Excel, and numbers numbers?"""
    survey = factories.consultation(factories.organisation())
    for text in [HOSTILE, "Prima", "Prima", "Prima", "Prima"]:
        services.record_response(survey, factories.answers(survey, text=text), Channel.PAPER)
    rows = list(
        csv.reader(io.StringIO(export_raw(survey, "csv").decode("utf-8-sig")), delimiter=";")
    )
    assert "'" + HOSTILE in [row[-1] for row in rows]
    sheet = openpyxl.load_workbook(io.BytesIO(export_raw(survey, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'" + HOSTILE in [cell.value for cell in cells]
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == [4] * 5  # the agree scale


def test_reading_the_answers_takes_as_many_queries_for_many_responses(ctx):
    """Are the answers read in a fixed number of queries, not one per response?"""
    survey = factories.consultation(factories.organisation())

    def queries_for(responses: int) -> int:
        while db.session.scalar(select(db.func.count(Response.id))) < responses:
            services.record_response(survey, factories.answers(survey), Channel.PAPER)
        db.session.flush()
        statements = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            raw_table(survey)
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(statements)

    assert queries_for(5) == queries_for(20)


def test_a_small_group_gets_a_message_and_no_file(app, client, world):
    """With one respondent, is the download refused with a reason, and nothing audited?"""
    client.post(f"/i/{world.a.tokens[0]}", data=_form(app, world.a.consultation_id))
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}"
    response = client.get(f"{base}/responses.xlsx?lang=en")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{base}/results")
    page = client.get(response.headers["Location"]).text
    assert "Fewer than 5 people have answered, so the answers per respondent cannot" in page
    with app.app_context():
        assert not db.session.scalars(
            select(AuditEntry).filter_by(action="responses.exported")
        ).all()


def test_the_board_downloads_from_the_results_page_and_it_is_audited(app, client, world):
    """Is the download linked from the results page, a CSV file, and in the audit log?"""
    _paper_forms(app, world.a.consultation_id, 5)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}"
    assert f"{base}/responses.csv" in client.get(f"{base}/results").text
    response = client.get(f"{base}/responses.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="responses-' in response.headers["Content-Disposition"]
    assert response.data.decode("utf-8-sig").count("Prima") == 5
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).filter_by(action="responses.exported")).one()
        assert (entry.actor_label, entry.details) == (world.a.board, {"kind": "csv", "rows": 5})


def test_only_the_board_may_download(app, client, world):
    """Is a viewer refused the rows per respondent (and not offered the link), and B's board
    not even shown that they exist?"""
    _paper_forms(app, world.a.consultation_id, 5)
    url = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/responses.xlsx"
    login(client, world.a.viewer)
    assert client.get(url).status_code == 403
    results_page = client.get(f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results")
    assert "responses.xlsx" not in results_page.get_data(as_text=True)
    other = app.test_client()
    login(other, world.b.board)
    assert other.get(url).status_code == 404
