"""One policy decides every access: organisations never see each other's data.

The routes are taken from the app's URL map, so a new route fails these tests until it is
listed in ROUTE_VALUES with the ids it takes.
"""

import pytest

from consult import create_app
from tests import factories
from tests.conftest import login


def _pending_import(org) -> dict:
    """A pending member-list upload of the organisation, made while its URL is built."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    upload = factories.panel_import(
        db.session.get(Organisation, org.id), mapping={"E-mail": "email"}
    )
    db.session.commit()
    return {"import_id": upload.id}


def _answered_enough(org) -> dict:
    """The open consultation, given enough paper responses for the raw export to be allowed."""
    from flask import current_app

    from consult.extensions import db
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.services import enter_paper_form

    consultation = db.session.get(Consultation, org.consultation_id)
    for _ in range(current_app.config["MIN_GROUP_SIZE"]):
        enter_paper_form(consultation, factories.answers(consultation))
    db.session.commit()
    return {"consultation_id": org.consultation_id, "kind": "csv"}


def _mail(org) -> dict:
    """The organisation's first message in the outbox."""
    from sqlalchemy import func, select

    from consult.extensions import db
    from consult.mail.models import OutboxMessage

    first = select(func.min(OutboxMessage.id)).where(OutboxMessage.organisation_id == org.id)
    return {"message_id": db.session.scalar(first)}


def _open_question(org) -> dict:
    """The first open question (long or short text) of the organisation's open consultation."""
    from consult.extensions import db
    from consult.surveys.models.consultations import Consultation
    from consult.surveys.models.questions import QuestionKind

    consultation = db.session.get(Consultation, org.consultation_id)
    written = (QuestionKind.OPEN_TEXT, QuestionKind.SHORT_TEXT)
    question = next(q for q in consultation.questions if q.kind in written)
    return {"consultation_id": consultation.id, "question_id": question.id}


def _open_theme(org) -> dict:
    """A theme of the open question, answered by enough people to sort its answers."""
    from consult.extensions import db
    from consult.results.themes import add_theme, open_question
    from consult.surveys.models.consultations import Consultation

    _answered_enough(org)
    values = _open_question(org)
    consultation = db.session.get(Consultation, values["consultation_id"])
    theme = add_theme(open_question(consultation, values["question_id"]), "Onderhoud")
    db.session.commit()
    return {**values, "theme_id": theme.id}


def _open_answer(org) -> dict:
    """One written answer to the open question, by its response's id."""
    from sqlalchemy import select

    from consult.extensions import db
    from consult.surveys.models.responses import Answer

    values = _open_theme(org)
    response_id = db.session.scalar(
        select(Answer.response_id).where(Answer.question_id == values["question_id"]).limit(1)
    )
    return {**values, "response_id": response_id}


def _advice_point(org) -> dict:
    """A point of the advice in the organisation's dossier, made while its URL is built."""
    from consult.dossiers.advice.services import save_point
    from consult.dossiers.models import Dossier
    from consult.extensions import db

    point = save_point(db.session.get(Dossier, org.dossier_id), "Punt", "", [])
    db.session.commit()
    return {"dossier_id": org.dossier_id, "point_id": point.id}


def _plan_item(org) -> dict:
    """An item of the organisation's participatiekalender, made while its URL is built."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    item = factories.plan_item(db.session.get(Organisation, org.id))
    db.session.commit()
    return {"item_id": item.id}


def _shared_plan(org) -> dict:
    """The organisation's plan of 2026, with one item, shared with the landlord."""
    from consult.extensions import db
    from consult.organisations.models import Organisation
    from consult.planning.agenda import services as agenda

    stored = db.session.get(Organisation, org.id)
    factories.plan_item(stored)
    agenda.share_with_landlord(agenda.plan_of(stored, 2026), True)
    db.session.commit()
    return {"year": 2026}


def _proposal(org) -> dict:
    """An open proposal of the landlord for the organisation's shared plan."""
    from consult.extensions import db
    from consult.organisations.models import Organisation
    from consult.planning.agenda import services as agenda

    _shared_plan(org)
    plan = agenda.plan_of(db.session.get(Organisation, org.id), 2026)
    proposal = agenda.propose(plan, 2, "Energielabels", "")
    db.session.commit()
    return {"proposal_id": proposal.id, "answer": "decline"}


def _with_logo(org) -> dict:
    """Give the organisation a logo, so that showing it is possible."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    stored = db.session.get(Organisation, org.id)
    stored.logo, stored.logo_type = b"\x89PNG\r\n\x1a\n", "image/png"
    db.session.commit()
    return {}


def _shared_advice(org) -> dict:
    """The dossier shared with the landlord, its advice of one point given."""
    from consult.core.clock import today
    from consult.dossiers import services
    from consult.dossiers.advice.services import save_point
    from consult.dossiers.models import Dossier, Phase
    from consult.extensions import db

    dossier = db.session.get(Dossier, org.dossier_id)
    point = save_point(dossier, "Punt", "", [])
    services.move(dossier, Phase.DRAFTING)
    services.move(dossier, Phase.ADVISED, on=today())
    dossier.shared_with_landlord = True
    db.session.commit()
    return {"dossier_id": dossier.id, "point_id": point.id}


def _consent_decided(org) -> dict:
    """A consent dossier of the organisation, its consent given today."""
    from consult.core.clock import today
    from consult.dossiers import services
    from consult.dossiers.consent.models import Decision
    from consult.dossiers.consent.services import decide
    from consult.dossiers.models import Phase
    from consult.extensions import db
    from consult.organisations.models import Organisation

    dossier = factories.dossier(db.session.get(Organisation, org.id), "Instemming", right="consent")
    services.move(dossier, Phase.DRAFTING)
    decide(dossier, Decision.GIVEN, "", "", today())
    db.session.commit()
    return {"dossier_id": dossier.id}


def _document(org) -> dict:
    """A PDF on the organisation's dossier, added while its URL is built."""
    from consult.dossiers.documents.services import add_document
    from consult.dossiers.models import DocumentKind, Dossier
    from consult.extensions import db

    dossier = db.session.get(Dossier, org.dossier_id)
    document = add_document(dossier, "aanvraag.pdf", b"%PDF-1.7\n", DocumentKind.REQUEST)
    db.session.commit()
    return {"dossier_id": org.dossier_id, "document_id": document.id}


def _koepel(org):
    """The organisation as a koepel of a new member organisation, with a joint dossier."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    koepel = db.session.get(Organisation, org.id)
    member = factories.organisation(f"Lid van {koepel.name}")
    joined = factories.koepel_member(koepel, member)
    dossier = factories.dossier(koepel, "Gezamenlijk", joint=True)
    db.session.commit()
    return joined, dossier


def _koepel_invitation(org) -> dict:
    """An open invitation of a new koepel to the organisation."""
    from consult.extensions import db
    from consult.koepel.services import invitations_for, invite_member
    from consult.organisations.models import Organisation

    invite_member(factories.organisation(f"Koepel voor {org.slug}"), org.slug, True)
    db.session.commit()
    [invitation] = invitations_for(db.session.get(Organisation, org.id))
    return {"membership_id": invitation.id, "answer": "decline"}


def _koepel_member(org) -> dict:
    return {"membership_id": _koepel(org)[0].id, "change": "unrecognise"}


def _joint_dossier(org) -> dict:
    """A joint dossier of a koepel the organisation belongs to."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    koepel = factories.organisation(f"Koepel van {org.slug}")
    factories.koepel_member(koepel, db.session.get(Organisation, org.id))
    dossier = factories.dossier(koepel, "Gezamenlijk", joint=True)
    db.session.commit()
    assert db.session.get(Organisation, org.id) is not None
    return {"dossier_id": dossier.id}


def _comparison(org) -> dict:
    """The open consultation and another one of the organisation with the same questions."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    other = factories.consultation(db.session.get(Organisation, org.id), title="Vorig jaar")
    db.session.commit()
    return {"consultation_id": org.consultation_id, "with": other.id}


def _api_token(org) -> dict:
    """An API token of the organisation, made by its board member while its URL is built."""
    from sqlalchemy import select

    from consult.accounts.models import User
    from consult.api.tokens import make_token
    from consult.extensions import db
    from consult.organisations.models import Organisation

    board = db.session.scalar(select(User).where(User.email == org.board))
    token, _secret = make_token(db.session.get(Organisation, org.id), "Power BI", board)
    db.session.commit()
    return {"token_id": token.id}


def _team_member(org) -> dict:
    """The board member's role in the organisation, for the team page's row actions."""
    from sqlalchemy import select

    from consult.accounts.models import User
    from consult.extensions import db
    from consult.organisations.models import Membership

    membership_id = db.session.scalar(
        select(Membership.id)
        .join(User)
        .where(User.email == org.board, Membership.organisation_id == org.id)
    )
    return {"membership_id": membership_id}


def _draft_question(org, index: int) -> dict:
    return {"consultation_id": org.draft_id, "question_id": org.draft_question_ids[index]}


#: endpoint -> how to fill the route's variables from an organisation of the world fixture.
ROUTE_VALUES = {
    "organisations.overview": lambda o: {},
    "organisations.outbox_messages": lambda o: {},
    "organisations.settings": lambda o: {},
    "organisations.outbox_message": _mail,
    "panel.members": lambda o: {},
    "panel.add_member": lambda o: {},
    "panel.clear_bounce": lambda o: {"member_id": o.member_ids[0]},
    "imports.upload": lambda o: {},
    "imports.columns": _pending_import,
    "imports.preview": _pending_import,
    "imports.commit": _pending_import,
    "surveys.index": lambda o: {},
    "surveys.create": lambda o: {},
    "surveys.detail": lambda o: {"consultation_id": o.consultation_id},
    "surveys.add_question": lambda o: {"consultation_id": o.draft_id},
    "surveys.publish": lambda o: {"consultation_id": o.draft_id},
    "surveys.copy": lambda o: {"consultation_id": o.consultation_id},
    "surveys.preview": lambda o: {"consultation_id": o.consultation_id},
    "surveys.enter_paper": lambda o: {"consultation_id": o.consultation_id},
    "surveys.archive": lambda o: {"consultation_id": o.consultation_id},
    "surveys.close_early": lambda o: {"consultation_id": o.consultation_id},
    "surveys.set_open_link": lambda o: {"consultation_id": o.consultation_id},
    "surveys.renew_open_link": lambda o: {"consultation_id": o.consultation_id},
    "surveys.edit_question": lambda o: _draft_question(o, 0),
    "surveys.change_question": lambda o: {**_draft_question(o, 1), "change": "up"},
    "surveys.set_condition": lambda o: _draft_question(o, 2),
    "invitations.invite": lambda o: {"consultation_id": o.consultation_id},
    "invitations.plan_reminder": lambda o: {"consultation_id": o.consultation_id},
    "invitations.funnel": lambda o: {"consultation_id": o.consultation_id},
    "invitations.letters_pdf": lambda o: {
        "consultation_id": o.consultation_id,
        "kind": "invitation",
        "batch": 1,
    },
    "results.show": lambda o: {"consultation_id": o.consultation_id},
    "results.export": lambda o: {"consultation_id": o.consultation_id, "kind": "csv"},
    "results.compare": _comparison,
    "results.export_responses": _answered_enough,
    "results.open_answers": _open_question,
    "results.add_theme": _open_question,
    "results.rename_theme": _open_theme,
    "results.remove_theme": _open_theme,
    "results.tag_answer": _open_answer,
    "dossiers.index": lambda o: {},
    "dossiers.create": lambda o: {},
    "dossiers.show": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.link": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.edit": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.change_phase": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.freeze": lambda o: {"dossier_id": o.dossier_id, "consultation_id": o.consultation_id},
    "dossiers.advice_page": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.add_point": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.edit_point": _advice_point,
    "dossiers.remove_point": _advice_point,
    "dossiers.reply": _advice_point,
    "dossiers.letter": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.share": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.mail_feedback": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.letter_pdf": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.calendar": lambda o: {},
    "dossiers.new_calendar_link": lambda o: {},
    "dossiers.stop_calendar_link": lambda o: {},
    "dossiers.share_with_landlord": lambda o: {"dossier_id": o.dossier_id, "change": "share"},
    "landlord.index": lambda o: {},
    "landlord.dossier": lambda o: {"dossier_id": _shared_advice(o)["dossier_id"]},
    "landlord.reply": _shared_advice,
    "landlord.letter_pdf": lambda o: {"dossier_id": _shared_advice(o)["dossier_id"]},
    "dossiers.upload_document": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.consent_page": _consent_decided,
    "dossiers.record_consent": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.consent_response": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.consent_letter": _consent_decided,
    "dossiers.consent_letter_download": _consent_decided,
    "dossiers.download_document": _document,
    "dossiers.remove_document": _document,
    "dossiers.news_page": lambda o: {"dossier_id": o.dossier_id},
    "dossiers.post_news": lambda o: {"dossier_id": o.dossier_id},
    "koepel.index": lambda o: {},
    "koepel.invite_member": lambda o: {},
    "koepel.answer_invitation": _koepel_invitation,
    "koepel.change_member": _koepel_member,
    "koepel.joint_dossier": _joint_dossier,
    "koepel.set_position": _joint_dossier,
    "agreements.show": lambda o: {},
    "agreements.start": lambda o: {},
    "agreements.edit": lambda o: {},
    "planning.index": lambda o: {},
    "planning.calendar": lambda o: {"year": 2026},
    "planning.create": lambda o: {"year": 2026},
    "planning.edit": _plan_item,
    "planning.remove": _plan_item,
    "planning.copy": lambda o: {"year": 2026},
    "planning.suggest": lambda o: {"year": 2026},
    "planning.agenda_page": lambda o: {"year": 2026},
    "planning.share_agenda": lambda o: {"year": 2026, "change": "share"},
    "planning.agree_agenda": lambda o: {"year": 2026},
    "planning.publish_agenda": lambda o: {"year": 2026},
    "planning.answer_proposal": _proposal,
    "landlord_agenda.index": lambda o: {},
    "landlord_agenda.plan": _shared_plan,
    "landlord_agenda.propose": _shared_plan,
    "audit.log": lambda o: {},
    "api_tokens.index": lambda o: {},
    "api_tokens.create": lambda o: {},
    "api_tokens.revoke": _api_token,
    "team.index": lambda o: {},
    "team.invite": lambda o: {},
    "team.change_role": _team_member,
    "team.invite_again": _team_member,
    "team.remove": _team_member,
    "panel.dashboard": lambda o: {},
    "panel.export": lambda o: {"kind": "csv"},
    "panel.edit_member": lambda o: {"member_id": o.member_ids[0]},
    "panel.erase_member": lambda o: {"member_id": o.member_ids[-1]},
    "panel.segments": lambda o: {},
    "panel.add_dimension": lambda o: {},
    "panel.add_values": lambda o: {"dimension_id": o.dimension_id},
    "panel.set_populations": lambda o: {"dimension_id": o.dimension_id},
    "panel_settings.edit": lambda o: {},
    "panel_settings.reconsent": lambda o: {},
    "panel_settings.upload_logo": lambda o: {},
    "panel_settings.remove_logo": lambda o: {},
    "panel_settings.show_logo": _with_logo,
}
#: Routes outside any organisation: open to all, or guarded by their own token.
PUBLIC_ENDPOINTS = {
    "static",
    "core.health",
    "core.plotly",
    "accounts.login",
    "accounts.logout",
    "accounts.forgot_password",
    "accounts.reset_password",
    "organisations.home",
    "answer.respond",
    "answer.thanks",
    "codes.enter",
    "open.respond",
    "open.address",
    "open.confirm",
    "membership.join",
    "membership.check_mail",
    "membership.request_link",
    "membership.confirm",
    "membership.own_page",
    "membership.open_page",
    "membership.save_details",
    "membership.pause",
    "membership.leave",
    "membership.download",
    "membership.erase",
    "membership.unsubscribe",
    "feedback.page",
    "feedback.public_list",
    "feedback.news_document",
    "jaaragenda.page",
    "jaaragenda.pdf",
    "jaaragenda.ics",
    "calendar.feed",
    # The API: every route checks its own bearer token (see tests/api).
    "api.openapi_document",
    "api.organisation",
    "api.consultations",
    "api.results",
    "api.panel",
    "api.dossiers",
    "api.dossier",
}
#: Where a viewer may only look.
VIEW_ONLY_ENDPOINTS = {
    "organisations.overview",
    "panel.members",
    "surveys.index",
    "surveys.detail",
    "surveys.preview",
    "results.show",
    "results.export",
    "results.compare",
    "results.open_answers",
    "dossiers.index",
    "dossiers.show",
    "dossiers.download_document",
    "dossiers.news_page",
    "agreements.show",
    "koepel.index",
    "koepel.joint_dossier",
    "planning.index",
    "planning.calendar",
    "planning.agenda_page",
    "dossiers.advice_page",
    "dossiers.letter",
    "dossiers.letter_pdf",
    "dossiers.consent_page",
    "dossiers.consent_letter",
    "dossiers.consent_letter_download",
    "panel_settings.show_logo",
    "invitations.funnel",
    "audit.log",
    "panel.dashboard",
    "panel.segments",
}
#: The signed-in user's own things (their calendar link): a viewer may change them too.
PERSONAL_ENDPOINTS = {
    "dossiers.calendar",
    "dossiers.new_calendar_link",
    "dossiers.stop_calendar_link",
}


def organisation_routes():
    app = create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method


ROUTES = list(organisation_routes())


def url_for_org(app, endpoint, org):
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, org=org.slug, **ROUTE_VALUES[endpoint](org))


def test_every_route_is_placed_in_the_access_matrix():
    """Is every route of the app either public or in the access matrix?"""
    assert sorted({e for e, _ in ROUTES} - set(ROUTE_VALUES)) == []


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_board_of_one_organisation_cannot_reach_another(app, client, world, endpoint, method):
    """Does every route answer 403/404 to a board member of organisation A for B's objects?"""
    login(client, world.a.admin)
    response = client.open(url_for_org(app, endpoint, world.b), method=method)
    assert response.status_code in (403, 404)


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(app, client, world, endpoint, method):
    """Is an anonymous visitor sent to the sign-in page from every organisation route?"""
    response = client.open(url_for_org(app, endpoint, world.a), method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_viewer_can_look_but_not_change(app, client, world, endpoint, method):
    """May a viewer open the pages to read and manage their own things, and nothing else?"""
    login(client, world.a.viewer)
    # Buffered: a document download's file is read and closed before the test goes on.
    response = client.open(url_for_org(app, endpoint, world.a), method=method, buffered=True)
    if endpoint in PERSONAL_ENDPOINTS:
        assert response.status_code in (200, 302)
    elif endpoint in VIEW_ONLY_ENDPOINTS and method == "GET":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


#: What only admins may do: manage the team, the panel settings, the koepel, read the outbox.
ADMIN_ENDPOINTS = {
    "organisations.outbox_messages",
    "organisations.outbox_message",
    "organisations.settings",
    "team.index",
    "team.invite",
    "team.change_role",
    "team.invite_again",
    "team.remove",
    "panel_settings.edit",
    "panel_settings.upload_logo",
    "panel_settings.remove_logo",
    "panel_settings.reconsent",
    "koepel.invite_member",
    "koepel.change_member",
    "koepel.answer_invitation",
}


@pytest.mark.parametrize(("endpoint", "method"), [r for r in ROUTES if r[0] in ADMIN_ENDPOINTS])
def test_board_members_cannot_administer(app, client, world, endpoint, method):
    """Is a board member refused everything that only admins may do?"""
    login(client, world.a.board)
    response = client.open(url_for_org(app, endpoint, world.a), method=method)
    assert response.status_code == 403


#: The only pages of a landlord account.
LANDLORD_ENDPOINTS = {
    "landlord.index",
    "landlord.dossier",
    "landlord.reply",
    "landlord.letter_pdf",
    "landlord_agenda.index",
    "landlord_agenda.plan",
    "landlord_agenda.propose",
}


@pytest.mark.parametrize(("endpoint", "method"), ROUTES)
def test_the_landlord_reaches_only_its_own_pages(app, client, world, endpoint, method):
    """Does a landlord account get 403 on every page of the panel, consultations, results
    and the board's dossiers, and its own pages only for what is shared?"""
    login(client, world.a.landlord)
    response = client.open(url_for_org(app, endpoint, world.a), method=method, buffered=True)
    if endpoint not in LANDLORD_ENDPOINTS:
        assert response.status_code == 403
    elif method == "GET":
        assert response.status_code == 200
    else:
        assert response.status_code == 400  # an empty reply form, answered with the page
