"""A batch renders shared mail once; every recipient still gets their own name and link."""

from sqlalchemy import select

from consult.extensions import db
from consult.invitations import inviting
from consult.mail import delivery
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from tests import factories


def test_each_mail_of_a_batch_carries_its_own_name_and_link(mailing_app, smtp_server):
    """Do mails rendered from one shared template differ exactly in name, link and
    unsubscribe link, with the name escaped in HTML and plain in the text?"""
    with mailing_app.app_context():
        org = factories.organisation()
        factories.member(org, email="a@example.org", name="Ada <b>& Bo</b>")
        factories.member(org, email="b@example.org")
        factories.member(org, email="c@example.org", name="Cas")
        inviting.invite_panel(factories.consultation(org))
        db.session.commit()
        with mailing_app.test_request_context():
            alone = {
                m.recipient: render(m) for m in db.session.scalars(select(OutboxMessage)).all()
            }
        assert delivery.deliver_all() == 3

    by_recipient = {m["To"]: m for m in smtp_server.messages()}
    assert len({alone[r].text for r in alone}) == 3
    for recipient, message in by_recipient.items():
        parts = {
            part.get_content_type(): part.get_payload(decode=True).decode()
            for part in message.walk()
            if not part.is_multipart()
        }
        assert parts["text/plain"].replace("\r\n", "\n") == alone[recipient].text
        assert parts["text/html"].replace("\r\n", "\n") == alone[recipient].html
        assert message["List-Unsubscribe"] == f"<{alone[recipient].unsubscribe_url}>"
    assert "Ada <b>& Bo</b>" in alone["a@example.org"].text
    assert "Ada &lt;b&gt;&amp; Bo&lt;/b&gt;" in alone["a@example.org"].html
    assert "\x00" not in "".join(a.text + a.html for a in alone.values())
