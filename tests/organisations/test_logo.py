"""The organisation's logo travels inside its e-mails; only small PNG or JPEG files are kept."""

import io
import struct
import zlib

import pytest
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import inviting
from consult.mail import delivery
from consult.organisations.models import Organisation
from consult.organisations.services import MAX_LOGO_BYTES, set_logo
from tests import factories
from tests.conftest import login


def png(width=2, height=2) -> bytes:
    """A real, tiny PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x00\x80\xff" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "data",
    [b"GIF89a" + b"\x00" * 20, b"<svg onload=alert(1)>", png() + b"\x00" * MAX_LOGO_BYTES],
    ids=["gif", "svg", "too large"],
)
def test_only_small_png_or_jpeg_is_kept(ctx, data):
    """Are other files, and logos over 100 KB, refused with nothing stored?"""
    org = factories.organisation()
    with pytest.raises(DomainError):
        set_logo(org, data)
    assert org.logo is None and org.logo_type is None


def test_the_logo_is_inside_the_invitation_mail(mailing_app, smtp_server):
    """Does the mail carry the image as a related part that the HTML shows by its cid?"""
    with mailing_app.app_context():
        org = factories.organisation()
        set_logo(org, png())
        factories.member(org, email="a@example.org")
        other = factories.organisation("Zonder logo")
        factories.member(other, email="b@example.org")
        inviting.invite_panel(factories.consultation(org))
        inviting.invite_panel(factories.consultation(other))
        db.session.commit()
        assert delivery.deliver_all() == 2
    mails = {message["To"]: message for message in smtp_server.messages()}
    with_logo, without = mails["a@example.org"], mails["b@example.org"]
    assert with_logo.get_content_type() == "multipart/related"
    parts = {part.get_content_type(): part for part in with_logo.walk()}
    assert parts["image/png"]["Content-ID"] == "<logo@consult>"
    assert parts["image/png"].get_payload(decode=True) == png()
    assert 'src="cid:logo@consult"' in parts["text/html"].get_payload(decode=True).decode()
    assert without.get_content_type() == "multipart/alternative"
    html = next(p for p in without.walk() if p.get_content_type() == "text/html")
    assert "cid:logo" not in html.get_payload(decode=True).decode()


def test_an_admin_uploads_and_removes_the_logo(app, client, world):
    """Can an admin upload a PNG, is a wrong file explained in Dutch, and can it go again?"""
    login(client, world.a.admin)
    base = f"/o/{world.a.slug}/panel/settings"
    page = client.post(
        f"{base}/logo",
        data={"logo": (io.BytesIO(b"not an image"), "logo.gif")},
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Kies een PNG- of JPEG-afbeelding." in page
    client.post(
        f"{base}/logo",
        data={"logo": (io.BytesIO(png()), "logo.png")},
        content_type="multipart/form-data",
    )
    assert client.get(f"{base}/logo").data == png()
    client.post(f"{base}/logo/remove")
    with app.app_context():
        org = db.session.scalar(select(Organisation).where(Organisation.slug == world.a.slug))
        assert org.logo is None
