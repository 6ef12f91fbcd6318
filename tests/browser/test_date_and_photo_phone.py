"""A tenant on a 360 px phone answers a date question and adds a photo (no JavaScript): the
photo arrives without its location, and axe finds nothing serious on the page."""

import io
from datetime import timedelta

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from consult.core import clock, uploads
from consult.extensions import db
from consult.surveys import builder
from consult.surveys import services as surveys
from consult.surveys.models.questions import DateLimit, QuestionKind
from consult.surveys.models.responses import Answer
from tests import factories
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import axe_problems

GPS = 0x8825


def _photo_link(app) -> tuple[str, int]:
    """The link of a member to a maintenance survey with a date and a photo question."""
    with app.app_context():
        org = factories.organisation()
        factories.member(org)
        today = clock.today()
        survey = surveys.create_consultation(
            org, "Onderhoud", "", today - timedelta(days=1), today + timedelta(days=14)
        )
        builder.add_question(
            survey, QuestionKind.DATE, "Wanneer heeft u het gemeld?",
            date_limit=DateLimit.NOT_FUTURE,
        )  # fmt: skip
        builder.add_question(survey, QuestionKind.PHOTO, "Maak een foto van het gebrek")
        survey.publish()
        token = next(iter(factories.invite(survey).values()))
        db.session.commit()
        return token, org.id


def _photo_with_location() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(GPS).update({1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (180, 90, 30)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_a_tenant_gives_a_date_and_a_photo_on_a_360_px_phone(live_server, browser):
    app, base = live_server.app, live_server.url
    token, org_id = _photo_link(app)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(f"{base}/i/{token}")
        assert page.locator('input[type="date"]').count() == 1
        problems = axe_problems(page, "the answer page with a date and a photo")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        reported = (clock.today() - timedelta(days=3)).isoformat()
        page.get_by_label("Wanneer heeft u het gemeld?").fill(reported)
        page.get_by_label("Maak een foto van het gebrek").set_input_files(
            {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": _photo_with_location()}
        )
        page.locator(".page-buttons .button-main").click()
        expect(page.locator("h1")).to_have_text("Bedankt voor uw antwoorden")
    finally:
        context.close()
    assert problems == []
    with app.app_context():
        stored = dict(db.session.execute(select(Answer.number, Answer.text)).all())
        photo_file = uploads.path_of(org_id, stored[None])
    assert int(reported.replace("-", "")) in stored
    photo = Image.open(io.BytesIO(photo_file.read_bytes()))
    assert not photo.getexif()
