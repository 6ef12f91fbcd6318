"""The in-app outbox: what the organisation's mail is doing, at a glance."""

import re

from sqlalchemy import select, update

from consult.extensions import db
from consult.mail.models import OutboxMessage
from tests.conftest import login


def set_status(app, organisation_id: int, *statuses: str) -> None:
    """Give the organisation's first messages these statuses."""
    with app.app_context():
        ids = db.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.organisation_id == organisation_id)
            .order_by(OutboxMessage.id)
        ).all()
        for message_id, status in zip(ids, statuses, strict=False):
            db.session.execute(
                update(OutboxMessage).where(OutboxMessage.id == message_id).values(status=status)
            )
        db.session.commit()


def counts_on(page: str) -> dict[str, int]:
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', page)
    return {label: int(count) for label, count in rows}


def test_the_outbox_counts_waiting_and_failed_mail(app, client, world):
    """Does the admin see how many of the organisation's messages wait, went out, bounced or
    failed, without another organisation's mail?"""
    set_status(app, world.a.id, "sent", "failed")
    set_status(app, world.b.id, "bounced", "failed", "failed")
    login(client, world.a.admin)
    page = client.get(f"/o/{world.a.slug}/outbox?lang=en").get_data(as_text=True)
    assert counts_on(page) == {
        "waiting to be sent": 1,
        "sent": 1,
        "address refused": 0,
        "could not be delivered": 1,
    }


def test_links_that_set_a_password_are_not_shown_in_the_outbox(app, client, world):
    """With mail kept in the app, does the outbox show an invitation's text but never the link
    that lets someone choose the invited person's password?"""
    login(client, world.a.admin)
    client.post(
        f"/o/{world.a.slug}/team",
        data={"email": "nieuw@example.org", "name": "Fatima", "role": "board"},
    )
    with app.app_context():
        kinds = db.session.scalars(
            select(OutboxMessage.kind).where(OutboxMessage.recipient == "nieuw@example.org")
        ).all()
    assert kinds == ["account_invitation"]
    page = client.get(f"/o/{world.a.slug}/outbox").get_data(as_text=True)
    assert "nieuw@example.org" in page
    assert "/password/reset/" not in page
