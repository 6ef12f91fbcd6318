"""Members without e-mail get a printed letter with a short personal code, typed in at /c."""

import io
import logging
import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from consult.core import clock
from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import codes, inviting, letters, paper, queries
from consult.invitations.models import Invitation
from consult.mail.models import OutboxMessage
from consult.organisations.models import Organisation
from consult.panel import services as panel
from consult.panel.models import PanelMember
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Response
from consult.surveys.paper_pdf import questionnaire_pdf
from tests import factories
from tests.conftest import login

ADDRESS = "Dorpsstraat 12\n1234 AB Ons Dorp"


def post_member(org, name, keep_email=False):
    """A member who gets letters: with an e-mail address that prefers post, or with none."""
    member = factories.member(org, name=name)
    if not keep_email:
        member.email = None
    panel.set_post_details(member, ADDRESS, "post")
    return member


def _codes(consultation) -> dict[str, str]:
    """The printed code of each letter, by the member's name."""
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.consultation_id == consultation.id)
    )
    return {i.member.name: codes.code_of(i) for i in invitations if i.code_hash}


@pytest.fixture
def posted(app):
    """An open consultation; one member by e-mail, two by post (one without e-mail)."""
    with app.app_context():
        org = factories.organisation()
        factories.member(org, name="Mail Lezer")
        post_member(org, "Anna de Post", keep_email=True)
        post_member(org, "Bert Brief")
        consultation = factories.consultation(org)
        inviting.invite_panel(consultation)
        board = factories.user(org)
        db.session.commit()
        return {
            "id": consultation.id,
            "codes": _codes(consultation),
            "board": board.email,
            "slug": org.slug,
        }


def test_members_who_get_post_get_a_letter_not_a_mail(app, posted):
    """Does inviting queue a mail only for the member by e-mail, and letters for the others?"""
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
        channels = db.session.scalars(select(Invitation.channel).order_by(Invitation.id)).all()
    assert channels == ["mail", "post", "post"]
    assert set(posted["codes"]) == {"Anna de Post", "Bert Brief"}


def test_a_code_is_short_unambiguous_and_only_its_hash_is_stored(app, posted):
    """Is a code 10 characters without 0/O/1/I/L, and does no table hold it?"""
    for code in posted["codes"].values():
        plain = codes.normalised(code)
        assert len(plain) == 10 and not set(plain) & set("01OIL")
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                text = " ".join(map(str, row))
                assert not any(codes.normalised(c) in text for c in posted["codes"].values())


def _type(client, code):
    return client.post("/c", data={"code": code})


def test_a_code_typed_loosely_works_once_then_says_used(app, client, posted):
    """Does a code typed in lower case with spaces lead to the questions, and after
    answering, say that it has been used?"""
    code = posted["codes"]["Bert Brief"]
    typed = " ".join(codes.normalised(code).lower())
    found = _type(client, typed)
    assert found.status_code == 302 and found.location.startswith("/i/")
    with app.app_context():
        form = factories.form_data(factories.answers(db.session.get(Consultation, posted["id"])))
    assert client.post(found.location, data=form).status_code == 302
    again = _type(client, code)
    assert again.status_code == 410
    assert "al gebruikt" in again.text


def test_a_wrong_code_is_refused_like_an_expired_one(app, client, posted):
    """Does a wrong code get exactly the page of a code whose consultation has closed?"""
    wrong = _type(client, "ABCDE-FGHJK")
    with app.app_context():
        consultation = db.session.get(Consultation, posted["id"])
        consultation.closes_on = clock.today() - timedelta(days=1)
        db.session.commit()
    code = posted["codes"]["Anna de Post"]
    expired = _type(client, code)
    assert wrong.status_code == expired.status_code == 404
    # The page keeps what was typed, to correct a typo; otherwise the two are the same.
    shown = expired.get_data(as_text=True).replace(code, "ABCDE-FGHJK")
    assert wrong.get_data(as_text=True) == shown
    assert "werkt niet (meer)" in wrong.text


def test_a_flood_of_wrong_codes_is_refused(app_with, posted, caplog):
    """Are wrong codes from one address refused once the failed look-ups pass the limit?"""
    client = app_with(LINK_GUESS_RATE_LIMIT="5 per minute").test_client()
    with caplog.at_level(logging.WARNING, logger="consult"):
        statuses = [_type(client, f"ZZZZZ-ZZZ{n:02d}").status_code for n in range(12)]
    assert statuses[:5] == [404] * 5
    assert set(statuses[5:]) == {429}


def _pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_the_letters_pdf_has_one_page_per_member_with_name_address_and_code(app, posted):
    """Does the letters PDF hold a page per member by post, with name, address and code?"""
    with app.app_context():
        pages = _pdf_text(letters.letters_pdf(db.session.get(Consultation, posted["id"]), 1))
    assert len(pages) == 2
    for page, (name, code) in zip(pages, sorted(posted["codes"].items()), strict=True):
        assert name in page and "1234 AB Ons Dorp" in page and code in page
        assert "/c" in page and "Mail Lezer" not in page


def test_letters_come_in_print_batches(app, posted, monkeypatch):
    """With a batch size of one, are there two batches of one letter, and no third?"""
    monkeypatch.setattr(letters, "BATCH_SIZE", 1)
    with app.app_context():
        consultation = db.session.get(Consultation, posted["id"])
        assert [(b.first, b.last) for b in letters.batches(consultation)] == [(1, 1), (2, 2)]
        assert len(_pdf_text(letters.letters_pdf(consultation, 2))) == 1
        assert letters.letters_pdf(consultation, 3) is None


def test_a_reminder_letter_goes_only_to_who_has_not_answered(app, client, posted):
    """After Bert answered through his code, is there a reminder letter for Anna only?"""
    found = _type(client, posted["codes"]["Bert Brief"])
    with app.app_context():
        form = factories.form_data(factories.answers(db.session.get(Consultation, posted["id"])))
    client.post(found.location, data=form)
    with app.app_context():
        pages = _pdf_text(
            letters.letters_pdf(db.session.get(Consultation, posted["id"]), 1, reminder=True)
        )
    assert len(pages) == 1 and "Anna de Post" in pages[0]
    assert re.search(r"(Herinnering|Reminder)", pages[0])


def test_the_board_downloads_the_letters_and_another_organisation_cannot(app, client, posted):
    """Does the board get the PDF, and a board member of another organisation a 404?"""
    login(client, posted["board"])
    url = f"/o/{posted['slug']}/consultations/{posted['id']}/letters/invitation-1.pdf"
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    with app.app_context():
        other = factories.organisation()
        stranger = factories.user(other).email
        other_slug = db.session.get(Organisation, other.id).slug
        db.session.commit()
    stranger_client = app.test_client()
    login(stranger_client, stranger)
    own = f"/o/{other_slug}/consultations/{posted['id']}/letters/invitation-1.pdf"
    assert stranger_client.get(own).status_code == 404


def test_post_without_a_postal_address_is_refused(ctx):
    """Is choosing letters by post refused with a clear message when no address is known?"""
    member = factories.member(factories.organisation())
    with pytest.raises(DomainError, match="postadres"):
        panel.set_post_details(member, "  ", "post")


def test_the_consultation_page_offers_the_letters_in_batches(app, client, posted):
    """Does the board see a download of the invitation letters and of the reminder letters?"""
    login(client, posted["board"])
    page = client.get(f"/o/{posted['slug']}/consultations/{posted['id']}").get_data(as_text=True)
    assert f"/consultations/{posted['id']}/letters/invitation-1.pdf" in page
    assert f"/consultations/{posted['id']}/letters/reminder-1.pdf" in page


def test_letters_count_as_their_own_channel(app, client, posted):
    """After a letter's code is answered, does the response count as a letter, and does the
    funnel show e-mail and letters apart (figures of small groups hidden)?"""
    found = _type(client, posted["codes"]["Bert Brief"])
    with app.app_context():
        consultation = db.session.get(Consultation, posted["id"])
        client.post(found.location, data=factories.form_data(factories.answers(consultation)))
        assert db.session.scalars(select(Response.channel)).all() == ["letter"]
        rows = {row.value: row for row in queries.channels(consultation)}
    assert rows["brief per post"].invited == 2 and rows["e-mail"].invited == 1
    app.config["MIN_GROUP_SIZE"], minimum = 1, app.config["MIN_GROUP_SIZE"]
    try:
        with app.app_context():
            rows = {
                r.value: r for r in queries.channels(db.session.get(Consultation, posted["id"]))
            }
    finally:
        app.config["MIN_GROUP_SIZE"] = minimum
    assert (rows["brief per post"].opened, rows["brief per post"].submitted) == (1, 1)
    assert rows["brief per post"].response_rate == 50.0
    login(client, posted["board"])
    page = client.get(f"/o/{posted['slug']}/consultations/{posted['id']}/funnel").text
    assert "Per kanaal" in page and "brief per post" in page


def test_the_board_records_a_postal_address_and_letters_by_post(app, client, posted):
    """Does the member form keep a postal address and the channel, and refuse post without
    an address with a clear message, changing nothing?"""
    with app.app_context():
        org = db.session.scalar(select(Organisation).filter_by(slug=posted["slug"]))
        member_id = factories.member(org, name="Carla").id
        db.session.commit()
    login(client, posted["board"])
    url = f"/o/{posted['slug']}/panel/{member_id}/edit?lang=en"
    refused = client.post(url, data={"language": "nl", "channel": "post", "postal_address": ""})
    assert refused.status_code == 200 and "need a postal address" in refused.text
    data = {"language": "nl", "channel": "post", "postal_address": " Kerkpad 3 \n1000 AA Stad"}
    assert client.post(url, data=data).status_code == 302
    with app.app_context():
        member = db.session.get(PanelMember, member_id)
        assert (member.channel, member.postal_address) == ("post", "Kerkpad 3\n1000 AA Stad")
        assert member.gets_post


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_address_shows_in_the_envelope_window_and_nothing_beside_it(app, posted, tmp_path):
    """Rendered as an image, is there ink in the window (20-110 mm from the left, 50-90 mm
    from the top) and none to the right of it at the same height?"""
    with app.app_context():
        pdf = letters.letters_pdf(db.session.get(Consultation, posted["id"]), 1)
    (tmp_path / "letters.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", "-singlefile", "letters.pdf", "p"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(tmp_path / "p.png").convert("L")
    per_mm = image.width / 210

    def ink(left, top, right, bottom) -> int:
        box = [round(v * per_mm) for v in (left, top, right, bottom)]
        return sum(image.crop(box).histogram()[:128])

    assert ink(20, 50, 110, 90) > 50
    assert ink(115, 45, 205, 95) == 0


def test_a_member_without_e_mail_is_listed_with_letters(app, client, posted):
    """Does the member list show a member without e-mail, marked as getting letters?"""
    login(client, posted["board"])
    page = client.get(f"/o/{posted['slug']}/panel/").text
    assert "Bert Brief" in page and "geen e-mailadres" in page and "brief per post" in page


def test_saving_for_later_points_to_the_code_on_the_letter(app, client, posted):
    """Does a tenant who came through a letter's code read that the code brings them back?"""
    found = _type(client, posted["codes"]["Anna de Post"])
    page = client.post(found.location, data={"step": "save"}, follow_redirects=True).text
    assert "met de code op uw brief" in page


def test_another_domain_gets_a_members_code_from_one_function(app, posted):
    """Does ``member_code`` give a letter's code, and None for a member invited by e-mail?"""
    with app.app_context():
        consultation = db.session.get(Consultation, posted["id"])
        members = {m.name: m for m in db.session.scalars(select(PanelMember))}
        assert (
            codes.member_code(consultation, members["Bert Brief"]) == posted["codes"]["Bert Brief"]
        )
        assert codes.member_code(consultation, members["Mail Lezer"]) is None


def test_no_reminder_letter_for_a_member_who_left(app, posted):
    """Is a member who left the panel since the invitation left out of the reminder letters?"""
    with app.app_context():
        consultation = db.session.get(Consultation, posted["id"])
        assert len(letters.batches(consultation, reminder=True)) == 1
        anna, bert = db.session.scalars(
            select(PanelMember).where(PanelMember.name.in_(["Anna de Post", "Bert Brief"]))
        )
        anna.status = bert.status = "left"
        assert letters.batches(consultation, reminder=True) == []
        assert letters.letters_pdf(consultation, 1, reminder=True) is None
        db.session.rollback()


def test_a_personal_paper_form_prints_the_letters_code(app, posted):
    """Does a member who gets post find the code of their letter on their personal paper
    form, so a returned form counts as their one response?"""
    with app.app_context(), app.test_request_context():
        consultation = db.session.get(Consultation, posted["id"])
        bert = db.session.scalar(select(PanelMember).where(PanelMember.name == "Bert Brief"))
        printed = paper.personal_questionnaire(consultation, bert.id)
        pdf = PdfReader(io.BytesIO(questionnaire_pdf(printed)))
        text = "".join(page.extract_text() for page in pdf.pages)
    assert posted["codes"]["Bert Brief"] in text
