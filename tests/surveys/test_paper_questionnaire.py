"""The questionnaire on paper: numbered as the paper-entry screen, every kind of question,
conditions as "ga naar vraag", kept together on a page, blank and personal, large print."""

import io
import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from pypdf import PdfReader

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations.models import Invitation
from consult.invitations.paper import personal_link, personal_questionnaire
from consult.surveys import builder, catalog, flow, open_links, services
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import QuestionKind
from consult.surveys.paper_pdf import LARGE_PRINT, questionnaire_pdf
from consult.surveys.printing import questionnaire_of
from tests import factories
from tests.conftest import login


def _pages(content: bytes) -> list[str]:
    """The text of each page, with line breaks and repeated spaces made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def _text(content: bytes) -> str:
    return " ".join(_pages(content))


def _url(slug, consultation_id, rest="questionnaire.pdf"):
    return f"/o/{slug}/consultations/{consultation_id}" + (f"/{rest}" if rest else "")


def test_the_paper_form_is_numbered_as_the_paper_entry_screen(app, client, world):
    """Does every question carry the same number on paper as on the paper-entry screen (and
    on the consultation's page)?"""
    with app.app_context():
        org = db.session.get(Consultation, world.a.consultation_id).organisation
        survey = factories.questionnaire(org)
        db.session.commit()
        questions = services.questions_with_options(survey)
        numbers = flow.numbers(questions)
        texts = {numbers[q.id]: q.text for q in questions if q.asks_answer}
        ids = {numbers[q.id]: q.id for q in questions if q.asks_answer}
    login(client, world.a.board)
    detail = client.get(_url(world.a.slug, survey.id, "")).get_data(as_text=True)
    for number, question_id in ids.items():  # the consultation's page numbers them alike
        assert f'<li id="question-{question_id}" value="{number}">' in detail
    screen = client.get(_url(world.a.slug, survey.id, "paper")).get_data(as_text=True)
    on_screen = re.findall(r"Vraag (\d+) van (\d+)", screen)
    assert [int(n) for n, _total in on_screen] == sorted(texts)
    response = client.get(_url(world.a.slug, survey.id))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    printed = _text(response.data)
    for number, text in texts.items():
        assert f"{number}. {text}" in printed
    assert "Nu volgen vragen over uw woning." in printed  # the information block, no number
    assert "11." not in printed


def test_a_condition_is_written_as_go_to_question(ctx):
    """Is the balcony matrix's condition written as "Anders: ga naar vraag 4"?"""
    survey = factories.questionnaire(factories.organisation())
    printed = _text(questionnaire_pdf(questionnaire_of(survey)))
    assert "Alleen als u bij vraag 1 “Ja” koos. Anders: ga naar vraag 4." in printed
    assert "3. Wat vindt u van uw balkon?" in printed


def test_a_condition_on_the_last_questions_sends_to_the_end(ctx):
    """When the skipped question is the last one, does the form say the tenant is done?"""
    survey = factories.consultation(factories.organisation(), publish=False)
    choice, _scale, remarks = survey.questions
    remarks.page = 2
    builder.set_condition(remarks, choice, "equals", [choice.options[0].id])
    printed = _text(questionnaire_pdf(questionnaire_of(survey)))
    assert "Alleen als u bij vraag 1 “Schoonmaak” koos." in printed
    assert "Anders: u bent klaar met de vragenlijst." in printed


@pytest.mark.parametrize("key", sorted(catalog.TEMPLATES["nl"]))
def test_every_question_of_every_template_is_printed(ctx, key):
    """Is every question of each template on paper, with its choices and "Anders, namelijk"?"""
    today = clock.today()
    survey = catalog.start_from_template(
        factories.organisation(), key, "nl", today, today + timedelta(days=14)
    )
    questions = services.questions_with_options(survey)
    numbers = flow.numbers(questions)
    printed = _text(questionnaire_pdf(questionnaire_of(survey)))
    for question in questions:
        if question.asks_answer:
            assert f"{numbers[question.id]}. {' '.join(question.text.split())}" in printed
        for option in question.options:
            assert " ".join(option.label.split()) in printed
        if question.allows_other:
            assert "Anders, namelijk:" in printed


def test_each_kind_gets_its_instruction(ctx):
    """Do a rating, a number, a ranking and a matrix tell how to answer them on paper?"""
    survey = factories.questionnaire(factories.organisation())
    printed = _text(questionnaire_pdf(questionnaire_of(survey)))
    assert "0 1 2 3 4 5 6 7 8 9 10" in printed
    assert "0 is heel slecht, 10 is uitstekend." in printed
    assert "Schrijf een heel getal van 0 tot en met 12." in printed
    assert "Schrijf 1 in het hokje van wat u het belangrijkst vindt" in printed
    assert "Kruis op elke regel één hokje aan." in printed
    assert "Kruis hoogstens 2 hokjes aan." in printed


def test_no_question_is_split_over_two_pages(ctx):
    """With many long questions, does each start and end on the same page?"""
    survey = factories.consultation(factories.organisation(), publish=False)
    labels = [f"Antwoordmogelijkheid {n} met een lange uitleg erbij" for n in range(7)]
    for n in range(12):
        builder.add_question(
            survey, QuestionKind.SINGLE_CHOICE, f"Vraag over post {n}?", "", True, labels
        )
    pages = _pages(questionnaire_pdf(questionnaire_of(survey), large=True))
    assert len(pages) > 3
    for n in range(12):
        heading = next(i for i, page in enumerate(pages) if f"post {n}?" in page)
        after = pages[heading].split(f"post {n}?")[1]
        assert after.count("Antwoordmogelijkheid") >= len(labels), n


def test_large_print_is_fourteen_points_or_more(ctx):
    """Is no text of the large-print form under 14 pt, and the ordinary form smaller?"""
    survey = factories.questionnaire(factories.organisation())
    printed = questionnaire_of(survey, "http://localhost/open/abc")

    def sizes(content):
        found = set()
        for page in PdfReader(io.BytesIO(content)).pages:
            page.extract_text(
                visitor_text=lambda text, cm, tm, font, size: text.strip() and found.add(size)
            )
        return found

    assert min(sizes(questionnaire_pdf(printed, large=True))) >= LARGE_PRINT
    assert min(sizes(questionnaire_pdf(printed))) < LARGE_PRINT


def test_the_blank_form_has_the_return_address_and_the_open_link(app, client, world):
    """Does the blank form show the return address and a QR code once the open link is on?"""
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        open_links.set_open_link(survey, "anonymous")
        db.session.commit()
    login(client, world.a.admin)
    client.post(
        f"/o/{world.a.slug}/settings",
        data={
            "letter_language": "nl",
            "response_target": "30",
            "return_address": "Antwoordnummer 123\n1000 VB Amsterdam",
        },
    )
    content = client.get(_url(world.a.slug, world.a.consultation_id)).data
    printed = _text(content)
    assert "Antwoordnummer 123 1000 VB Amsterdam" in printed
    assert "Liever online invullen? Scan deze code" in printed
    assert len(PdfReader(io.BytesIO(content)).pages[0].images) == 1


def test_without_an_open_link_the_blank_form_has_no_code(ctx):
    """Is there no QR code on a blank form when the consultation has no open link?"""
    survey = factories.consultation(factories.organisation())
    content = questionnaire_pdf(questionnaire_of(survey))
    assert len(PdfReader(io.BytesIO(content)).pages[0].images) == 0
    assert "Scan" not in _text(content)


def test_a_personal_form_carries_the_members_link(app, client, world):
    """Can the board print one invited member's form, with that member's link as QR code?"""
    login(client, world.a.board)
    detail = client.get(_url(world.a.slug, world.a.consultation_id, "")).get_data(as_text=True)
    assert "Persoonlijke vragenlijst voor" in detail
    url = _url(world.a.slug, world.a.consultation_id, "questionnaire/personal")
    response = client.get(url, query_string={"member": world.a.member_ids[0], "size": "large"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.data)).pages[0].images) == 1


def test_a_member_of_another_organisation_gets_no_personal_form(app, client, world):
    """Is a member of another organisation refused with a message, and no PDF made?"""
    login(client, world.a.board)
    url = _url(world.a.slug, world.a.consultation_id, "questionnaire/personal")
    response = client.get(url, query_string={"member": world.b.member_ids[0]})
    assert response.status_code == 302 and response.location.endswith("#paper")
    page = client.get(response.location).get_data(as_text=True)
    assert "Kies een lid dat is uitgenodigd en nog niet heeft geantwoord." in page


def test_a_member_who_answered_gets_no_personal_form(app, world):
    """Once a member answered, is printing their personal form refused?"""
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        invitation = db.session.query(Invitation).filter_by(consultation_id=survey.id).first()
        invitation.used_on = clock.today()
        with pytest.raises(DomainError):
            personal_questionnaire(survey, invitation.member_id)


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm (Debian package poppler-utils) is not installed: the PDF is not rendered",
)
def test_the_printed_pages_are_not_blank(ctx, tmp_path):
    """Rendered as images, does every page of the large-print form show ink?"""
    survey = factories.questionnaire(factories.organisation())
    pdf = tmp_path / "questionnaire.pdf"
    pdf.write_bytes(questionnaire_pdf(questionnaire_of(survey, "http://x/open/k"), large=True))
    subprocess.run(["pdftoppm", "-gray", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page*.pgm"))
    assert len(images) == len(PdfReader(str(pdf)).pages) > 1
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]  # after "P5", "width height", "255"
        dark = sum(1 for value in pixels if value < 128)
        assert dark > len(pixels) * 0.01, image.name


def test_the_personal_code_holds_the_members_own_link(app, world):
    """Is the link in a personal form's QR code the member's working one-time link?"""

    with app.app_context(), app.test_request_context():
        invitation = (
            db.session.query(Invitation).filter_by(consultation_id=world.a.consultation_id).first()
        )
        link, code = personal_link(invitation)
    assert link.split("/i/")[1] in world.a.tokens and code == ""
