"""A returned personal paper form is typed in with the member's code: it counts as that
member's one response, exactly once; a blank form is typed in as before."""

import pytest
from sqlalchemy import func, select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.invitations import codes, inviting, paper, participation
from consult.invitations.models import Invitation
from consult.organisations.models import Organisation
from consult.panel import services as panel
from consult.surveys.models.responses import Channel, Response
from tests import factories
from tests.conftest import login


def letter_member(org, name):
    member = factories.member(org, name=name)
    member.email = None
    panel.set_post_details(member, "Dorpsstraat 12\n1234 AB Ons Dorp", "post")
    return member


def code_of(consultation, member) -> str:
    return codes.member_code(consultation, member)


def test_a_code_spends_the_members_invitation_once(ctx):
    """Is the paper stored as the member's response, and a second paper with the same code
    refused with a clear message?"""
    org = factories.organisation()
    member = letter_member(org, "Bert Brief")
    consultation = factories.consultation(org)
    inviting.invite_panel(consultation)
    code = code_of(consultation, member).lower().replace("-", " ")  # typed loosely
    paper.enter_personal_paper(consultation, code, factories.answers(consultation))
    invitation = db.session.scalar(select(Invitation))
    assert participation.spent(invitation) and invitation.used_on is None  # anonymous: no day
    response = db.session.scalar(select(Response))
    assert response.channel == Channel.PAPER
    with pytest.raises(DomainError) as refused:
        paper.enter_personal_paper(consultation, code, factories.answers(consultation))
    assert "al gebruikt" in str(refused.value.message)


def test_a_code_of_another_consultation_is_refused(ctx):
    """Does a code from another consultation's letter store nothing and spend nothing?"""
    org = factories.organisation()
    member = letter_member(org, "Anna de Post")
    one, other = factories.consultation(org), factories.consultation(org, title="Ander")
    inviting.invite_panel(one)
    inviting.invite_panel(other)
    with pytest.raises(DomainError) as refused:
        paper.enter_personal_paper(other, code_of(one, member), factories.answers(other))
    assert "niet bekend" in str(refused.value.message)
    used = select(func.count(Invitation.id)).where(Invitation.used_on.is_not(None))
    assert db.session.scalar(used) == 0


def test_the_paper_entry_screen_takes_a_code(app, client, world):
    """Typed in on the screen: is the member counted once, and a used code told so on the
    screen, with nothing stored the second time?"""
    with app.app_context():
        org = db.session.get(Organisation, world.a.id)
        member = letter_member(org, "Cor Code")
        consultation = factories.consultation(org, title="Met code")
        inviting.invite_panel(consultation)
        code = code_of(consultation, member)
        data = {"personal_code": code, **factories.form_data(factories.answers(consultation))}
        consultation_id = consultation.id
        db.session.commit()
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/consultations/{consultation_id}/paper"
    assert 'name="personal_code"' in client.get(url).get_data(as_text=True)
    assert client.post(url, data=data).status_code == 302
    again = client.post(url, data=data)
    assert "al gebruikt" in again.get_data(as_text=True)
    with app.app_context():
        count = select(func.count(Response.id)).where(Response.consultation_id == consultation_id)
        assert db.session.scalar(count) == 1
    blank = {k: v for k, v in data.items() if k != "personal_code"}
    assert client.post(url, data=blank).status_code == 302  # a blank form, as before
