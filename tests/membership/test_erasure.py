"""Erasure leaves nothing personal behind, while answers stay in the totals."""

from sqlalchemy import func, select

from consult.extensions import db
from consult.invitations import inviting, links, submitting
from consult.mail import delivery
from consult.panel.models import MemberStatus, PanelImport, PanelMember
from consult.surveys.models.responses import Answer
from tests import factories
from tests.membership.helpers import own_page_link

ERASED = "wis.mij@example.org"
NAME = "Wilhelmina Wismij"


def every_stored_text(app) -> str:
    """All rows of all tables as one lower-cased text (binary columns decoded)."""
    parts = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(select(table)):
                for value in row:
                    if isinstance(value, bytes):
                        value = value.decode("latin-1")
                    parts.append(str(value))
    return "\n".join(parts).lower()


def answered_member(app) -> dict:
    """A member who answered a consultation, got mail, and is in an unfinished import."""
    with app.app_context():
        org = factories.organisation()
        wijk, _ = factories.dimensions(org)
        member = factories.member(org, email=ERASED, name=NAME, values=[wijk.values[0]])
        survey = factories.consultation(org)
        tokens = factories.invite(survey)
        invitation = links.find_by_token(tokens[ERASED])
        submitting.submit(invitation, factories.answers(survey))
        db.session.add(
            PanelImport(
                organisation_id=org.id,
                filename="huurders.csv",
                content=f"email;naam\n{ERASED.upper()};{NAME}\n".encode(),
            )
        )
        db.session.commit()
        return {"slug": org.slug, "id": member.id, "survey": survey.id}


def answer_count(app, survey_id) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Answer.id)))


def test_a_member_erases_themselves_and_no_table_holds_their_address(app, client):
    """After self-erasure, is the address or name found in no table, with answers kept?"""
    member = answered_member(app)
    assert ERASED in every_stored_text(app)
    answers_before = answer_count(app, member["survey"])
    client.post(f"/join/{member['slug']}/my-page", data={"email": ERASED})
    link = own_page_link(app, ERASED)
    client.post(f"{link}/open")

    refused = client.post(f"{link}/erase", data={})
    assert refused.status_code == 400 and "Please tick this box to confirm." in refused.text
    response = client.post(f"{link}/erase", data={"sure": "y"})
    assert "Your data has been erased" in response.text

    text = every_stored_text(app)
    assert ERASED not in text and NAME.lower() not in text and "wismij" not in text
    assert answer_count(app, member["survey"]) == answers_before
    with app.app_context():
        tombstone = db.session.get(PanelMember, member["id"])
        assert tombstone.status == MemberStatus.ERASED and tombstone.segments == []
        assert tombstone.joined_at is not None and tombstone.left_at is not None
    assert client.get(link).status_code == 404  # the page link died with the data


def test_pending_mail_to_an_erased_member_is_never_sent(mailing_app, smtp_server):
    """Is an invitation still waiting in the outbox dropped when the member is erased?"""
    with mailing_app.app_context():
        from consult.membership import services

        org = factories.organisation()
        member = factories.member(org, email=ERASED)
        factories.member(org, email="blijft@example.org")
        inviting.invite_panel(factories.consultation(org))
        services.erase(member)
        db.session.commit()
        delivery.deliver_all()
    assert smtp_server.recipients() == ["blijft@example.org"]
