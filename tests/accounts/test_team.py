"""An organisation's admins keep its team in the app: invite people by e-mail, change their
role, take away their access; the last admin stays."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.accounts import services as accounts
from consult.accounts import team
from consult.accounts.models import PasswordReset, User
from consult.api import tokens as api_tokens
from consult.audit.models import AuditEntry
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.policy import Role
from consult.core.tokens import derive_token, hash_token
from consult.extensions import db
from consult.mail import delivery
from consult.mail.models import OutboxMessage
from consult.organisations.access import role_in
from consult.organisations.models import Membership, Organisation
from consult.organisations.services import grant_role
from tests import factories
from tests.conftest import login


@pytest.fixture
def alfa(ctx):
    """An organisation with one admin (who can sign in)."""
    organisation = factories.organisation("Huurders Alfa")
    return organisation, factories.user(organisation, Role.ADMIN)


def _mails(kind: str) -> list[OutboxMessage]:
    return db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def _actions(organisation) -> list[tuple[str, str]]:
    return db.session.execute(
        select(AuditEntry.action, AuditEntry.actor_label)
        .where(AuditEntry.organisation_id == organisation.id)
        .order_by(AuditEntry.id)
    ).all()


def _membership(user, organisation) -> Membership:
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    )


def find(email):
    return db.session.scalar(select(User).where(User.email == email))


def test_a_new_address_gets_an_account_without_password_and_a_mail(alfa):
    """Does inviting a new address make an account nobody can sign in to yet, and mail it?"""
    organisation, admin = alfa
    outcome = team.invite(organisation, " Nieuw@Example.org ", "Fatima", Role.BOARD, admin)
    assert outcome == team.Invited.NEW_ACCOUNT
    user = db.session.scalar(select(User).where(User.email == "nieuw@example.org"))
    assert user.name == "Fatima" and not user.has_password
    assert role_in(user, organisation) == Role.BOARD
    [mail] = _mails("account_invitation")
    assert mail.recipient == "nieuw@example.org" and mail.organisation_id == organisation.id
    assert _actions(organisation) == [("team.invited", admin.email)]


def test_an_address_two_admins_invite_at_once_gets_one_account_and_both_roles(alfa, monkeypatch):
    """Admins of two organisations invite the same new address at the same moment: does the
    later one give the role on the account the other just made, instead of an error?"""
    organisation, admin = alfa
    beta = factories.organisation("Huurders Beta")
    looks = []

    def find_user_before_the_other_admin(email):
        looks.append(email)
        if len(looks) == 1:  # this invitation looks first, then Beta's admin makes the account
            team.invite(beta, email, "Fatima", Role.VIEWER, factories.user(beta, Role.ADMIN))
            return None
        return accounts.find_user(email)

    monkeypatch.setattr(team, "find_user", find_user_before_the_other_admin)
    outcome = team.invite(organisation, "nieuw@example.org", "Fatima", Role.BOARD, admin)
    assert outcome == team.Invited.NEW_ACCOUNT  # still without a password: the link is mailed
    [user] = db.session.scalars(select(User).where(User.email == "nieuw@example.org")).all()
    assert role_in(user, organisation) == Role.BOARD and role_in(user, beta) == Role.VIEWER


def test_an_invited_account_cannot_sign_in_before_choosing_a_password(alfa):
    """Does no password at all, not even an empty one, open an invited account?"""
    from consult.accounts.services import authenticate

    organisation, admin = alfa
    team.invite(organisation, "nieuw@example.org", "Fatima", Role.BOARD, admin)
    assert authenticate("nieuw@example.org", "") is None
    assert authenticate("nieuw@example.org", "anything at all") is None


def test_an_existing_account_gets_the_role_and_a_notice_without_new_password(alfa):
    """Does someone with an account elsewhere get the role here and a short mail only?"""
    organisation, admin = alfa
    elsewhere = factories.user(factories.organisation("Huurders Beta"), Role.ADMIN)
    password_hash = elsewhere.password_hash
    outcome = team.invite(organisation, elsewhere.email, "Other Name", Role.VIEWER, admin)
    assert outcome == team.Invited.EXISTING_ACCOUNT
    assert role_in(elsewhere, organisation) == Role.VIEWER
    assert elsewhere.password_hash == password_hash
    assert _mails("account_invitation") == []
    [notice] = _mails("team_added")
    assert notice.recipient == elsewhere.email
    assert _actions(organisation) == [("team.added", admin.email)]


def test_inviting_someone_already_in_the_team_changes_nothing(alfa):
    """Is inviting a team member again refused, their role and mail unchanged?"""
    organisation, admin = alfa
    board = factories.user(organisation, Role.BOARD)
    with pytest.raises(DomainError, match=board.email):
        team.invite(organisation, board.email.upper(), "X", Role.ADMIN, admin)
    assert role_in(board, organisation) == Role.BOARD
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_the_invitation_can_be_sent_again_while_no_password_is_chosen(alfa):
    """Does sending again mail a new link, and is it refused once the person is active?"""
    organisation, admin = alfa
    team.invite(organisation, "nieuw@example.org", "Fatima", Role.BOARD, admin)
    invited = _membership(find("nieuw@example.org"), organisation)
    team.invite_again(invited, admin)
    assert len(_mails("account_invitation")) == 2
    invited.user.set_password(factories.PASSWORD)
    with pytest.raises(DomainError):
        team.invite_again(invited, admin)
    assert [a for a, _ in _actions(organisation)] == ["team.invited", "team.reinvited"]


def test_only_the_newest_link_works_and_none_after_a_password_is_chosen(alfa):
    """After a second invitation, does the first link stop; once a password is chosen,
    does every other link stop, so a copy in a shared mailbox cannot take the account?"""
    organisation, admin = alfa
    team.invite(organisation, "nieuw@example.org", "Fatima", Role.BOARD, admin)
    invited = _membership(find("nieuw@example.org"), organisation)
    first = _link_token(_mails("account_invitation")[0])
    team.invite_again(invited, admin)
    second = _link_token(_mails("account_invitation")[1])
    assert accounts.valid_reset(first) is None and accounts.valid_reset(second) is not None
    # a link made before only the newest worked, still unused in a shared mailbox
    stolen = PasswordReset(
        user=invited.user,
        token_salt="oud",
        token_hash=hash_token(derive_token(accounts.RESET_PURPOSE, "oud")),
        expires_at=utcnow() + timedelta(days=7),
    )
    db.session.add(stolen)
    stolen_token = derive_token(accounts.RESET_PURPOSE, "oud")
    accounts.reset_password(second, factories.PASSWORD)
    with pytest.raises(DomainError):
        accounts.reset_password(stolen_token, "een ander wachtwoord 123")
    assert invited.user.check_password(factories.PASSWORD)


def _link_token(message: OutboxMessage) -> str:
    reset = db.session.get(PasswordReset, message.context["reset_id"])
    return derive_token(accounts.RESET_PURPOSE, reset.token_salt)


def test_an_invitation_to_an_existing_account_leaves_its_name(alfa):
    """Does an admin's invitation leave the name of someone who already has an account?"""
    organisation, admin = alfa
    beta = factories.organisation("Huurders Beta")
    person = factories.user(beta, Role.BOARD)
    person.name = None
    team.invite(organisation, person.email, "Iemand Anders", Role.VIEWER, admin)
    assert person.name is None


def test_api_tokens_stop_with_the_right_to_make_them(alfa):
    """Removed, or made a viewer: do the API tokens the person made here stop, while a
    board member's tokens and another organisation's stay?"""
    organisation, admin = alfa
    beta = factories.organisation("Huurders Beta")
    leaving, viewer, staying = (factories.user(organisation, Role.BOARD) for _ in range(3))
    grant_role(leaving, beta, Role.BOARD)
    made = {
        name: api_tokens.make_token(org, name, user)[0]
        for name, org, user in (
            ("leaving", organisation, leaving),
            ("leaving elsewhere", beta, leaving),
            ("viewer", organisation, viewer),
            ("staying", organisation, staying),
        )
    }
    team.remove(_membership(leaving, organisation), admin)
    team.change_role(_membership(viewer, organisation), Role.VIEWER, admin)
    team.change_role(_membership(staying, organisation), Role.ADMIN, admin)
    db.session.flush()
    revoked = {name for name, token in made.items() if token.revoked_at is not None}
    assert revoked == {"leaving", "viewer"}


def test_the_invitation_link_works_for_seven_days(alfa):
    """Does the link in the invitation stay valid a week, longer than a reset link?"""
    organisation, admin = alfa
    team.invite(organisation, "nieuw@example.org", "Fatima", Role.BOARD, admin)
    reset = db.session.scalar(select(PasswordReset))
    left = reset.expires_at - utcnow()
    assert 6.9 < left.total_seconds() / 86400 <= 7


def test_a_role_is_changed_and_recorded(alfa):
    """Does an admin change a board member into a viewer, with who did it in the log?"""
    organisation, admin = alfa
    board = factories.user(organisation, Role.BOARD)
    assert team.change_role(_membership(board, organisation), Role.VIEWER, admin)
    assert role_in(board, organisation) == Role.VIEWER
    assert not team.change_role(_membership(board, organisation), Role.VIEWER, admin)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "team.role_changed"))
    assert entry.actor_id == admin.id and entry.details == {"role": "viewer", "was": "board"}
    assert entry.subject == f"account {board.id}"


def test_removing_someone_keeps_their_account_and_roles_elsewhere(alfa):
    """Does removal take only this organisation's role away?"""
    organisation, admin = alfa
    beta = factories.organisation("Huurders Beta")
    person = factories.user(organisation, Role.BOARD)
    grant_role(person, beta, Role.VIEWER)
    team.remove(_membership(person, organisation), admin)
    assert role_in(person, organisation) is None
    assert role_in(person, beta) == Role.VIEWER
    assert db.session.get(User, person.id) is not None
    assert ("team.removed", admin.email) in _actions(organisation)


def test_the_last_admin_cannot_be_removed_or_demoted(alfa):
    """Does the organisation always keep an admin who can sign in?"""
    organisation, admin = alfa
    own = _membership(admin, organisation)
    with pytest.raises(DomainError, match="laatste beheerder"):
        team.change_role(own, Role.BOARD, admin)
    with pytest.raises(DomainError, match="laatste beheerder"):
        team.remove(own, admin)
    # An invited admin who never chose a password cannot take over.
    team.invite(organisation, "nieuw@example.org", "Fatima", Role.ADMIN, admin)
    with pytest.raises(DomainError):
        team.remove(own, admin)
    second = factories.user(organisation, Role.ADMIN)
    team.change_role(own, Role.BOARD, second)
    assert role_in(admin, organisation) == Role.BOARD
    with pytest.raises(DomainError):
        team.remove(_membership(second, organisation), second)


@pytest.mark.postgres(reason="row locks")
def test_two_admins_demoting_each_other_at_once_leave_one_admin(app):
    """When each of two admins demotes the other at the same moment, is one refused?"""
    with app.app_context():
        organisation = factories.organisation("Huurders Alfa")
        first, second = (factories.user(organisation, Role.ADMIN) for _ in range(2))
        ids = [_membership(user, organisation).id for user in (first, second)]
        actors = [first.id, second.id]
        db.session.commit()
    locked, commit = threading.Event(), threading.Event()
    outcomes = {}

    def demote(membership_id, actor_id, hold):
        with app.app_context():
            membership = db.session.get(Membership, membership_id)
            try:
                team.change_role(membership, Role.BOARD, db.session.get(User, actor_id))
            except DomainError:
                outcomes[membership_id] = "refused"
                db.session.rollback()
                return
            if hold:  # keep the transaction open while the other admin tries
                locked.set()
                commit.wait(10)
            db.session.commit()
            outcomes[membership_id] = "demoted"

    holder = threading.Thread(target=demote, args=(ids[0], actors[1], True))
    holder.start()
    assert locked.wait(10)
    other = threading.Thread(target=demote, args=(ids[1], actors[0], False))
    other.start()
    other.join(timeout=1)  # without the lock it would finish now, with a wrong count
    commit.set()
    for thread in (holder, other):
        thread.join(timeout=10)
    assert outcomes == {ids[0]: "demoted", ids[1]: "refused"}


def test_a_role_of_another_organisation_is_not_found(alfa):
    """Is a role of organisation B out of reach through organisation A?"""
    organisation, _admin = alfa
    beta = factories.organisation("Huurders Beta")
    theirs = _membership(factories.user(beta, Role.BOARD), beta)
    assert team.membership_in(organisation, theirs.id) is None
    assert team.membership_in(beta, theirs.id) is theirs


def test_the_team_lists_everyone_with_a_role_here_only(alfa):
    """Does the list hold this organisation's people, by name, and nobody else's?"""
    organisation, admin = alfa
    factories.user(factories.organisation("Huurders Beta"), Role.ADMIN)
    team.invite(organisation, "anna@example.org", "Anna", Role.VIEWER, admin)
    listed = team.team_of(organisation)
    assert [m.user.email for m in listed] == ["anna@example.org", admin.email]


# Through the pages.


@pytest.fixture
def people(app, world):
    """Ids of organisation A's people, and a role of organisation B."""
    with app.app_context():
        ids = {
            email: _membership(find(email), db.session.get(Organisation, world.a.id)).id
            for email in (world.a.board, world.a.viewer, world.a.admin)
        }
        beta = db.session.get(Organisation, world.b.id)
        ids["b"] = _membership(find(world.b.board), beta).id
    return ids


TEAM_ROUTES = [
    ("GET", "/team"),
    ("POST", "/team"),
    ("POST", "/team/{id}/role"),
    ("POST", "/team/{id}/invite"),
    ("GET", "/team/{id}/remove"),
    ("POST", "/team/{id}/remove"),
]


@pytest.mark.parametrize(("method", "path"), TEAM_ROUTES)
@pytest.mark.parametrize("role", ["board", "viewer", "landlord"])
def test_only_admins_reach_the_team(client, world, people, method, path, role):
    """Are board members, viewers and the landlord refused every team route?"""
    login(client, getattr(world.a, role))
    url = f"/o/{world.a.slug}" + path.format(id=people[world.a.board])
    response = client.open(url, method=method, data={"m1-role": "admin"})
    assert response.status_code == 403


def test_the_admin_sees_the_team_with_who_is_still_invited(client, world):
    """Does the admin's page list everyone here with role and status, and link from the menu?"""
    login(client, world.a.admin)
    client.post(
        f"/o/{world.a.slug}/team",
        data={"email": "nieuw@example.org", "name": "Fatima", "role": "board"},
    )
    page = client.get(f"/o/{world.a.slug}/team").get_data(as_text=True)
    for email in (world.a.board, world.a.viewer, world.a.landlord, "nieuw@example.org"):
        assert email in page
    assert world.b.board not in page
    assert page.count('class="card"') == 5
    assert f'href="/o/{world.a.slug}/team"' in page


def test_the_menu_links_the_team_for_admins_only(client, world):
    """Does only the admin see Team in the organisation's menu?"""
    login(client, world.a.board)
    overview = client.get(f"/o/{world.a.slug}/").get_data(as_text=True)
    assert f'href="/o/{world.a.slug}/team"' not in overview


def test_an_invitation_form_with_mistakes_comes_back_with_messages_by_the_fields(client, world):
    """Are a wrong address and a known team member told next to the e-mail field?"""
    login(client, world.a.admin)
    url = f"/o/{world.a.slug}/team"
    wrong = client.post(url, data={"email": "not an address", "name": "", "role": "board"})
    assert wrong.status_code == 400
    html = wrong.get_data(as_text=True)
    assert 'id="email-error"' in html and 'id="name-error"' in html
    assert 'aria-invalid="true"' in html
    known = client.post(url, data={"email": world.a.board, "name": "X", "role": "admin"})
    assert known.status_code == 400
    assert re.search(r'id="email-error">[^<]*' + re.escape(world.a.board), known.text)


def test_the_admin_changes_a_role_and_removes_someone(app, client, world, people):
    """Does a removed board member lose access on their very next request (signed out)?"""
    board = app.test_client()
    login(board, world.a.board)
    assert board.get(f"/o/{world.a.slug}/").status_code == 200
    login(client, world.a.admin)
    base = f"/o/{world.a.slug}/team/{people[world.a.viewer]}"
    changed = client.post(f"{base}/role", data={f"m{people[world.a.viewer]}-role": "board"})
    assert changed.status_code == 302
    removed = client.post(f"/o/{world.a.slug}/team/{people[world.a.board]}/remove")
    assert removed.status_code == 302
    assert board.get(f"/o/{world.a.slug}/").headers["Location"].startswith("/login")
    with app.app_context():
        assert find(world.a.board) is not None
        alfa = db.session.get(Organisation, world.a.id)
        assert role_in(find(world.a.viewer), alfa) == Role.BOARD


def test_removing_someone_asks_first_and_changes_nothing_until_then(app, client, world, people):
    """Does the remove button on the team page lead to a question, with the person's name,
    address and role, that leaves them in the team until the admin confirms?"""
    login(client, world.a.admin)
    team_page = client.get(f"/o/{world.a.slug}/team").text
    question_url = f"/o/{world.a.slug}/team/{people[world.a.board]}/remove"
    assert f'href="{question_url}"' in team_page
    question = client.get(question_url).text
    assert "uit het team halen?" in question and world.a.board in question
    assert "Bestuurslid" in question and f'action="{question_url}"' in question
    with app.app_context():
        alfa = db.session.get(Organisation, world.a.id)
        assert role_in(find(world.a.board), alfa) == Role.BOARD
    assert client.post(question_url).status_code == 302
    with app.app_context():
        assert role_in(find(world.a.board), db.session.get(Organisation, world.a.id)) is None


def test_the_last_admin_is_told_next_to_the_role(client, world, people):
    """Is demoting the last admin refused with the message in that person's row?"""
    login(client, world.a.admin)
    own = people[world.a.admin]
    response = client.post(f"/o/{world.a.slug}/team/{own}/role", data={f"m{own}-role": "viewer"})
    assert response.status_code == 400
    assert f'id="m{own}-role-error"' in response.get_data(as_text=True)
    removal = client.post(f"/o/{world.a.slug}/team/{own}/remove")
    assert removal.status_code == 400 and 'role="alert"' in removal.get_data(as_text=True)


def test_an_admin_who_steps_down_leaves_the_team_page(app, client, world, people):
    """Does an admin who makes themselves board member land on a page they may see?"""
    with app.app_context():
        factories.user(db.session.get(Organisation, world.a.id), Role.ADMIN)
        db.session.commit()
    login(client, world.a.admin)
    own = people[world.a.admin]
    response = client.post(
        f"/o/{world.a.slug}/team/{own}/role", data={f"m{own}-role": "board"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert client.get(f"/o/{world.a.slug}/team").status_code == 403


def test_an_admin_cannot_touch_another_organisations_team(client, world, people):
    """Does an admin of A get 404 for B's people, also through A's own address?"""
    login(client, world.a.admin)
    theirs = people["b"]
    for action in ("role", "invite", "remove"):
        own_address = client.post(
            f"/o/{world.a.slug}/team/{theirs}/{action}", data={f"m{theirs}-role": "viewer"}
        )
        assert own_address.status_code == 404
        assert client.post(f"/o/{world.b.slug}/team/{theirs}/{action}").status_code == 404
    assert client.get(f"/o/{world.a.slug}/team/{theirs}/remove").status_code == 404


def test_the_invitation_arrives_and_its_link_opens_the_account(mailing_app, smtp_server, world):
    """Does the invited person get the mail over SMTP, choose a password and sign in?"""
    admin = mailing_app.test_client()
    login(admin, world.a.admin)
    response = admin.post(
        f"/o/{world.a.slug}/team",
        data={"email": "nieuw@example.org", "name": "Fatima", "role": "board"},
    )
    assert response.status_code == 302
    with mailing_app.app_context():
        delivery.deliver_all()
    [mail] = [m for m in smtp_server.messages() if m["To"] == "nieuw@example.org"]
    text = next(
        part.get_payload(decode=True).decode()
        for part in mail.walk()
        if part.get_content_type() == "text/plain"
    )
    assert "Huurders Alfa" in text
    path = re.search(r"http://localhost(/password/reset/\S+)", text).group(1)
    invited = mailing_app.test_client()
    new = {"password": "een nieuw wachtwoord", "confirm": "een nieuw wachtwoord"}
    assert invited.post(path, data=new).status_code == 302
    assert login(invited, "nieuw@example.org", "een nieuw wachtwoord").status_code == 302
    assert invited.get(f"/o/{world.a.slug}/").status_code == 200


def test_invitations_are_limited_per_admin(app_with, world):
    """Can an admin not flood mailboxes with invitations, new or sent again alike?"""
    app = app_with(TEAM_INVITE_RATE_LIMIT="2 per hour")
    client = app.test_client()
    login(client, world.a.admin)
    team_url = f"/o/{world.a.slug}/team"
    invited = client.post(
        team_url, data={"email": "een@example.org", "name": "Een", "role": "board"}
    )
    with app.app_context():
        membership = db.session.scalar(
            select(Membership.id).join(Membership.user).where(User.email == "een@example.org")
        )
    again = client.post(f"{team_url}/{membership}/invite")
    third = client.post(
        team_url, data={"email": "twee@example.org", "name": "Twee", "role": "board"}
    )
    assert [invited.status_code, again.status_code, third.status_code] == [302, 302, 429]
    with app.app_context():
        assert find("twee@example.org") is None
