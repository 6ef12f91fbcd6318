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


def _queue_notices(app, organisation_id: int, count: int) -> None:
    """``count`` notices of a new team role, as mail of the organisation."""
    from consult.mail import outbox
    from consult.organisations.models import Organisation

    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        for n in range(count):
            outbox.queue(
                "team_added",
                f"lid{n}@example.org",
                f"test:{n}",
                organisation=organisation,
                role="board",
                inviter="Anna",
            )
        db.session.commit()


def rows_on(page: str) -> list[str]:
    return re.findall(r"<tr>\s*<td><a href=\"[^\"]+/outbox/\d+\">", page)


def test_the_outbox_lists_mail_a_page_at_a_time(app, client, world):
    """With 40 mails, does the admin see a table of 25 (recipient, subject, kind, status,
    time) without any mail's text, and the rest on the next page?"""
    _queue_notices(app, world.a.id, 40)
    login(client, world.a.admin)
    page = client.get(f"/o/{world.a.slug}/outbox?lang=en").get_data(as_text=True)
    assert len(rows_on(page)) == 25 and "Page 1 of 2" in page
    assert "lid39@example.org" in page and "U heeft nu een rol bij Huurders Alfa" in page
    assert "New role in the team" in page and "waiting to be sent" in page
    assert "Sign in as usual" not in page
    second = client.get(f"/o/{world.a.slug}/outbox?lang=en&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and "lid0@example.org" in second


def test_the_outbox_filters_by_kind_and_status(app, client, world):
    """Does the filter show only the chosen kind and status, and refuse a made-up status
    with a message?"""
    _queue_notices(app, world.a.id, 3)
    set_status(app, world.a.id, "failed")
    login(client, world.a.admin)
    base = f"/o/{world.a.slug}/outbox?lang=en"
    notices = client.get(f"{base}&kind=team_added").get_data(as_text=True)
    assert "3 messages match" in notices and len(rows_on(notices)) == 3
    failed = client.get(f"{base}&status=failed").get_data(as_text=True)
    assert "1 message matches" in failed
    response = client.get(f"{base}&status=lost")
    assert response.status_code == 400 and "Not a valid choice" in response.get_data(as_text=True)


def test_one_mail_opens_with_links_to_click(app, client, world):
    """Does opening one mail show its text with the link in it as a link, and is another
    organisation's mail not found?"""
    _queue_notices(app, world.a.id, 1)
    login(client, world.a.admin)
    listed = client.get(f"/o/{world.a.slug}/outbox?kind=team_added").get_data(as_text=True)
    address = re.search(r'href="([^"]+/outbox/\d+)"', listed).group(1)
    page = client.get(address).get_data(as_text=True)
    assert "lid0@example.org" in page
    assert re.search(r'<a href="http[^"]+/login">http[^<]+/login</a>', page)
    other = address.replace(world.a.slug, world.b.slug)
    assert client.get(other).status_code == 404


def test_a_reminder_shows_neither_its_addressee_nor_its_text(app, client, world):
    """Is a reminder listed and opened without the address (who has not answered yet) and
    without its text?"""
    from consult.invitations.models import Invitation
    from consult.mail import outbox
    from consult.organisations.models import Organisation

    with app.app_context():
        invitation = db.session.scalars(
            select(Invitation).where(Invitation.organisation_id == world.a.id)
        ).first()
        address = invitation.member.email
        outbox.queue(
            "reminder",
            address,
            "test:reminder",
            organisation=db.session.get(Organisation, world.a.id),
            invitation_id=invitation.id,
        )
        db.session.commit()
    login(client, world.a.admin)
    listed = client.get(f"/o/{world.a.slug}/outbox?kind=reminder").get_data(as_text=True)
    assert "Herinnering" in listed and address not in listed
    opened = client.get(re.search(r'href="([^"]+/outbox/\d+)"', listed).group(1))
    page = opened.get_data(as_text=True)
    assert address not in page and "/i/" not in page and "niet getoond" in page
