"""The mail worker's shortcuts give what the long way gives: prepared statements store times
as the ORM does, and envelope addresses go to the server as smtplib would send them."""

import smtplib
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import bindparam, select, update

from consult.core.prepared import PreparedStatement
from consult.extensions import db
from consult.mail import outbox
from consult.mail.message import _plain_envelope
from consult.mail.models import OutboxMessage

MARK_SENT = PreparedStatement(
    update(OutboxMessage.__table__)
    .where(OutboxMessage.__table__.c.id == bindparam("message_id"))
    .values(sent_at=bindparam("sent"))
)


def test_a_time_written_by_a_prepared_statement_is_found_as_the_orm_wrote_it(app):
    """Does an ORM query for the very moment (a whole second, which SQLite's own conversion
    writes differently) find the message a prepared statement marked sent, and does the
    statement count the rows it changed?"""
    moment = datetime(2026, 12, 4, 15, 0, 0)
    with app.app_context():
        message = outbox.queue("invitation", "huurder@example.nl", "test:1", invitation_id=1)
        db.session.commit()
        with db.engine.connect() as connection:
            assert MARK_SENT.execute(connection, {"message_id": message.id, "sent": moment}) == 1
            assert MARK_SENT.execute(connection, {"message_id": -1, "sent": moment}) == 0
            connection.commit()
        found = db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.sent_at == moment))
    assert found == message.id


ADDRESS_PART = st.text(alphabet="ab.+-_'<>()\"\\ ,;:[]@\t\r\né", min_size=1, max_size=12)


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(st.emails() | st.builds("{}@{}".format, ADDRESS_PART, ADDRESS_PART))
def test_an_envelope_address_goes_out_as_smtplib_would_send_it(address):
    """Is every address the worker puts in MAIL FROM or RCPT TO itself exactly the one
    smtplib's own parsing would send (anything else goes the standard way)?"""
    if _plain_envelope(address, ()):
        assert smtplib.quoteaddr(address) == f"<{address}>"
