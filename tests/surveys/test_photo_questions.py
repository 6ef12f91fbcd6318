"""A photo question: a photo from the phone, checked by content, stripped of its location,
stored under a random name, counted in the results and shown only to the board."""

import io
import os
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from consult.core import clock, uploads
from consult.core.errors import DomainError
from consult.extensions import db
from consult.results.raw import raw_table
from consult.surveys import builder, closing, photos, services
from consult.surveys import services as surveys
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import QuestionKind
from consult.surveys.models.responses import Answer, Channel, ResponseDraft
from tests import factories
from tests.conftest import login

GPS_LATITUDE = 0x8825  # the EXIF GPS IFD


def jpeg_with_location() -> bytes:
    """A JPEG photo whose EXIF says where it was taken (Amsterdam) and with what camera."""
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif.get_ifd(GPS_LATITUDE).update({1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def heic() -> bytes:
    from pillow_heif import from_pillow

    buffer = io.BytesIO()
    from_pillow(Image.new("RGB", (64, 64), (10, 160, 60))).save(buffer, quality=60)
    return buffer.getvalue()


def photo_survey(org, anonymous=True):
    today = clock.today()
    survey = surveys.create_consultation(
        org, "Onderhoud", "", today - timedelta(days=1), today + timedelta(days=14),
        anonymous=anonymous,
    )  # fmt: skip
    builder.add_question(survey, QuestionKind.SHORT_TEXT, "Welke kamer?", required=False)
    builder.add_question(survey, QuestionKind.PHOTO, "Maak een foto van het gebrek")
    survey.publish()
    db.session.flush()
    return survey


def stored_image(org_id, name) -> Image.Image:
    """The stored photo, read into memory."""
    return Image.open(io.BytesIO(uploads.path_of(org_id, name).read_bytes()))


def test_a_photo_loses_its_location_and_camera_on_upload(ctx):
    """Does a JPEG with GPS EXIF come out without any EXIF at all?"""
    org = factories.organisation()
    original = Image.open(io.BytesIO(jpeg_with_location()))
    assert original.getexif().get_ifd(GPS_LATITUDE)  # the test photo does carry a location
    name = photos.accept(org.id, jpeg_with_location(), anonymous=False)
    stored = stored_image(org.id, name)
    assert stored.format == "JPEG" and stored.size == (64, 48)
    assert not stored.getexif() and "exif" not in stored.info
    assert b"Telefoonmerk" not in uploads.path_of(org.id, name).read_bytes()


def test_a_png_named_jpeg_is_judged_by_its_content(ctx):
    """A PNG called foto.jpg: is it kept as the PNG it is?"""
    org = factories.organisation()
    name = photos.accept(org.id, png(), anonymous=False)
    assert stored_image(org.id, name).format == "PNG"


def test_a_file_that_is_no_photo_is_refused_whatever_its_name(app, client):
    """A text file sent as foto.jpg: is it refused with a clear message, nothing stored?"""
    with app.app_context():
        org = factories.organisation()
        with pytest.raises(DomainError) as refused:
            photos.accept(org.id, b"GIF89a not really a photo", anonymous=False)
    assert "JPEG, PNG of HEIC" in str(refused.value.message)


def test_an_oversized_photo_is_refused(ctx, app):
    """Is a photo over MAX_PHOTO_BYTES refused, saying the limit?"""
    org = factories.organisation()
    big = jpeg_with_location() + b"\0" * app.config["MAX_PHOTO_BYTES"]
    with pytest.raises(DomainError) as refused:
        photos.accept(org.id, big, anonymous=False)
    assert "8 MB" in str(refused.value.message)


def test_a_heic_photo_is_kept_as_jpeg_without_metadata(ctx):
    """Is an iPhone's HEIC photo accepted, and stored as a JPEG browsers show?"""
    org = factories.organisation()
    name = photos.accept(org.id, heic(), anonymous=False)
    stored = stored_image(org.id, name)
    assert stored.format == "JPEG" and not stored.getexif()


def test_an_anonymous_photo_has_a_random_name_and_fixed_times(ctx):
    """In an anonymous consultation, do neither name nor file times point to a moment?"""
    org = factories.organisation()
    name = photos.accept(org.id, png(), anonymous=True)
    assert photos.is_stored_name(name)
    assert os.stat(uploads.path_of(org.id, name)).st_mtime == uploads.FIXED_FILE_TIME


def test_a_made_up_photo_name_is_not_stored(ctx):
    """Does an answer naming anything but a stored photo's random name get refused?"""
    survey = photo_survey(factories.organisation())
    question = survey.questions[1]
    with pytest.raises(DomainError):
        services.record_response(
            survey, {question.id: {"photo": "../../etc/passwd"}}, Channel.INVITATION
        )


@pytest.fixture
def photo_link(app, world):
    """A member's link to a photo question of the world's organisation a."""
    from consult.organisations.models import Organisation

    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        survey = photo_survey(org)
        token = next(iter(factories.invite(survey).values()))
        q = [question.id for question in survey.questions]
        db.session.commit()
        return {"url": f"/i/{token}", "q": q, "id": survey.id, "org": org.id}


def test_a_tenant_sends_a_photo_and_only_the_board_sees_it(app, client, photo_link, world):
    """Posted without JavaScript, is the photo stored stripped, counted, left out of the
    export, and shown to the board but not to a viewer or another organisation?"""
    q = photo_link["q"]
    page = client.get(photo_link["url"]).get_data(as_text=True)
    assert 'type="file"' in page and 'accept="image/jpeg,image/png,image/heic"' in page
    assert 'enctype="multipart/form-data"' in page and "capture" in page
    data = {
        f"q{q[0]}": "Badkamer",
        f"q{q[1]}": (io.BytesIO(jpeg_with_location()), "IMG_0001.jpg"),
        "step": "send",
    }
    response = client.post(photo_link["url"], data=data, content_type="multipart/form-data")
    assert response.headers["Location"].endswith("/thanks")
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.question_id == q[1]))
        assert photos.is_stored_name(answer.text) and "IMG_0001" not in answer.text
        assert not stored_image(photo_link["org"], answer.text).getexif()
        answer_id = answer.id
    base = f"/o/{world.a.slug}/consultations/{photo_link['id']}"
    login(client, world.a.board)
    shown = client.get(f"{base}/photos/{answer_id}")
    assert shown.status_code == 200 and shown.mimetype == "image/jpeg"
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert shown.get_data()[:3] == b"\xff\xd8\xff"
    shown.close()
    assert f"photos/{answer_id}" in client.get(f"{base}/photos").get_data(as_text=True)
    client.post("/logout")
    login(client, world.a.viewer)
    assert client.get(f"{base}/photos/{answer_id}").status_code == 403
    client.post("/logout")
    login(client, world.b.board)
    other = f"/o/{world.b.slug}/consultations/{world.b.consultation_id}/photos/{answer_id}"
    assert client.get(other).status_code == 404


def test_results_count_photos_and_exports_never_hold_them(ctx, app):
    """Do the results say "5 foto's" and the export cells only "foto"?"""
    org = factories.organisation()
    survey = photo_survey(org)
    question = survey.questions[1]
    for _ in range(5):
        name = photos.accept(org.id, png(), anonymous=True)
        services.record_response(survey, {question.id: {"photo": name}}, Channel.INVITATION)
    from consult.results.exports import result_rows
    from consult.results.queries import consultation_results

    results = consultation_results(survey)
    assert results.questions[1].answered == 5 and results.questions[1].open_answers == []
    assert ["Maak een foto van het gebrek", "5 foto's", 5, "", 5, ""] in result_rows(results)
    header, rows = raw_table(survey, salt=b"x")
    assert {row[-1] for row in rows} == {"foto"}


def test_a_refused_photo_keeps_the_other_answers_of_the_page(app, client, photo_link):
    """A file that is no photo: is the page shown again with the message and the typed
    answer still there, and nothing sent?"""
    q = photo_link["q"]
    data = {
        f"q{q[0]}": "Keuken",
        f"q{q[1]}": (io.BytesIO(b"%PDF-1.4 not a photo"), "foto.jpg"),
        "step": "send",
    }
    response = client.post(photo_link["url"], data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Dit bestand is geen foto" in page and 'value="Keuken"' in page
    with app.app_context():
        assert db.session.scalars(select(Answer)).all() == []


def test_saving_for_later_keeps_the_page_when_the_photo_is_refused(app, client, photo_link):
    """"Save and continue later" with a file that is no photo: are the other answers saved,
    and is the tenant told the photo was not?"""
    q = photo_link["q"]
    data = {
        f"q{q[0]}": "Zolder",
        f"q{q[1]}": (io.BytesIO(b"not a photo at all"), "foto.heic"),
        "step": "save",
    }
    response = client.post(photo_link["url"], data=data, content_type="multipart/form-data")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dit bestand is geen foto" in page and 'value="Zolder"' in page


def test_an_oversized_photo_on_the_page_gets_a_message(app, client, photo_link):
    """A photo just over the limit, posted from the page: is it refused beside the question
    (not an error page), with the typed answer kept?"""
    q = photo_link["q"]
    big = png() + b"\0" * app.config["MAX_PHOTO_BYTES"]
    data = {f"q{q[0]}": "Gang", f"q{q[1]}": (io.BytesIO(big), "groot.png"), "step": "send"}
    response = client.post(photo_link["url"], data=data, content_type="multipart/form-data")
    response.request.environ["wsgi.input"].close()  # the test client's temporary body file
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "groter dan 8 MB" in page and 'value="Gang"' in page


def saved_photo(app, client, photo_link):
    """A photo added on the page and saved for later through ``photo_link``: (where its file
    is, the invitation it was saved through)."""
    question_id = photo_link["q"][1]
    saved = {f"q{question_id}": (io.BytesIO(png()), "foto.png"), "step": "save"}
    client.post(photo_link["url"], data=saved, content_type="multipart/form-data")
    with app.app_context():
        draft = db.session.scalar(select(ResponseDraft))
        name = draft.answers[str(question_id)]["photo"]
        return uploads.path_of(photo_link["org"], name), draft.invitation_id


def test_a_photo_of_a_page_never_sent_is_removed_once_the_consultation_closes(
    app, client, photo_link
):
    """A tenant adds a photo, saves for later and never sends; another tenant's photo is
    sent. Once the consultation has closed, is the unsent photo gone from the disk and the
    sent one kept?"""
    q = photo_link["q"]
    unsent, _draft_id = saved_photo(app, client, photo_link)
    with app.app_context():
        survey = db.session.get(Consultation, photo_link["id"])
        name = photos.accept(photo_link["org"], png(), anonymous=True)
        services.record_response(survey, {q[1]: {"photo": name}}, Channel.PAPER)
        sent = uploads.path_of(photo_link["org"], name)
        closing.close_early(survey, "Genoeg reacties")
        db.session.commit()
        assert unsent.exists() and sent.exists()
        assert services.purge_closed_drafts() == 1
        assert not unsent.exists() and sent.exists()


def test_an_erased_members_unsent_photo_is_removed(app, client, photo_link):
    """A tenant adds a photo, saves for later, then asks to be erased: is the photo gone?"""
    from consult.invitations.models import Invitation
    from consult.membership.services import erase

    unsent, invitation_id = saved_photo(app, client, photo_link)
    with app.app_context():
        assert unsent.exists()
        erase(db.session.get(Invitation, invitation_id).member)
        db.session.commit()
        assert not unsent.exists()
