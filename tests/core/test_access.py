"""One policy decides every access: organisations never see each other's data.

The routes are taken from the app's URL map, so a new route fails these tests until it is
listed in ROUTE_VALUES with the ids it takes.
"""

import itertools

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


def _event(org) -> dict:
    """An event of the organisation, made while its URL is built."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    event = factories.event(db.session.get(Organisation, org.id))
    db.session.commit()
    return {"event_id": event.id}


def _registration(org) -> dict:
    """Someone signed up for an event of the organisation, made while its URL is built."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    event = factories.event(db.session.get(Organisation, org.id))
    registration = factories.sign_up(event)
    db.session.commit()
    return {"event_id": event.id, "registration_id": registration.id}


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


def _shared_consent_decided(org) -> dict:
    """A consent dossier shared with the landlord, its consent given today."""
    from consult.dossiers.models import Dossier
    from consult.extensions import db

    made = _consent_decided(org)
    db.session.get(Dossier, made["dossier_id"]).shared_with_landlord = True
    db.session.commit()
    return made


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


def _koepel_meeting(org) -> dict:
    """A coming central meeting of a koepel the organisation belongs to and is invited to."""
    from consult.extensions import db
    from consult.organisations.models import Organisation

    member = db.session.get(Organisation, org.id)
    koepel = factories.organisation(f"Koepel met {org.slug}")
    factories.koepel_member(koepel, member)
    meeting = factories.meeting(koepel, member_organisations=[member])
    db.session.commit()
    return {"meeting_id": meeting.id}


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


def _meeting(org, landlord_invited=False):
    """A planned meeting of the organisation with an item and a paper, its landlord account
    invited when asked."""
    from sqlalchemy import select

    from consult.accounts.models import User
    from consult.extensions import db
    from consult.meetings import papers, services
    from consult.organisations.models import Organisation

    organisation = db.session.get(Organisation, org.id)
    users = [db.session.scalar(select(User).where(User.email == org.landlord))]
    meeting = factories.meeting(organisation, users=users if landlord_invited else [])
    item = services.add_item(meeting, services.ItemDetails("Huurbeleid"), users[0])
    paper = papers.add_paper(item, "stuk.pdf", b"%PDF-1.7\n", users[0])
    db.session.commit()
    return {"meeting_id": meeting.id, "item_id": item.id, "paper_id": paper.id}


def _meeting_item(org) -> dict:
    values = _meeting(org)
    return {"meeting_id": values["meeting_id"], "item_id": values["item_id"]}


def _meeting_paper(org) -> dict:
    values = _meeting(org)
    return {"meeting_id": values["meeting_id"], "paper_id": values["paper_id"]}


def _held_meeting(org) -> dict:
    """A meeting of the organisation that was held, with an action point on its item."""
    from sqlalchemy import select

    from consult.accounts.models import User
    from consult.extensions import db
    from consult.meetings import minutes, services
    from consult.meetings.models.agenda import AgendaItem
    from consult.meetings.models.meetings import MeetingState

    values = _meeting(org)
    item = db.session.get(AgendaItem, values["item_id"])
    services.move(item.meeting, MeetingState.FIXED)
    services.move(item.meeting, MeetingState.HELD)
    board = db.session.scalar(select(User).where(User.email == org.board))
    action = minutes.add_action(item, "Brief sturen", board)
    db.session.commit()
    return {**values, "action_id": action.id}


def _held_item(org) -> dict:
    values = _held_meeting(org)
    return {"meeting_id": values["meeting_id"], "item_id": values["item_id"]}


def _held_action(org) -> dict:
    values = _held_meeting(org)
    return {"meeting_id": values["meeting_id"], "action_id": values["action_id"]}


def _landlord_meeting(org) -> dict:
    return {"meeting_id": _meeting(org, landlord_invited=True)["meeting_id"]}


def _landlord_paper(org) -> dict:
    values = _meeting(org, landlord_invited=True)
    return {"meeting_id": values["meeting_id"], "paper_id": values["paper_id"]}


#: Numbers that keep names unique when a route's values are made twice in one database.
_names = itertools.count(1)


def _working_group(org) -> dict:
    """A working group of the organisation with one goal."""
    from consult.core.clock import today
    from consult.extensions import db
    from consult.organisations.models import Organisation
    from consult.workgroups import services

    name = f"Onderhoud {org.slug} {next(_names)}"  # a URL may be built more than once
    group = services.save_group(db.session.get(Organisation, org.id), services.GroupDetails(name))
    goal = services.add_goal(group, services.GoalDetails("Plan", "Klaar", "Piet", today()))
    db.session.commit()
    return {"group_id": group.id, "goal_id": goal.id}


def _year_theme(org) -> dict:
    """A year theme of the organisation, and its dossier as the thing to carry it."""
    from consult.extensions import db
    from consult.organisations.models import Organisation
    from consult.themes.services import add_theme

    title = f"Betaalbaarheid {org.slug} {next(_names)}"
    theme = add_theme(db.session.get(Organisation, org.id), 2026, title)
    db.session.commit()
    return {"theme_id": theme.id}


def _annual_report(org) -> dict:
    """The organisation's annual report of 2026, drafted."""
    from consult.annual.services import draft, report_of
    from consult.extensions import db
    from consult.organisations.models import Organisation

    organisation = db.session.get(Organisation, org.id)
    if report_of(organisation, 2026) is None:
        draft(organisation, 2026)
        db.session.commit()
    return {"year": 2026}


def _meting(org) -> dict:
    """A draagvlakmeting of the organisation with two addresses and the landlord's proposal."""
    from consult.draagvlak.services import attach_proposal
    from consult.extensions import db
    from consult.organisations.models import Organisation

    meting, _tokens = factories.meting(db.session.get(Organisation, org.id), addresses=2)
    attach_proposal(meting, b"%PDF-1.7\n", "voorstel.pdf")
    db.session.commit()
    return {"meting_id": meting.id}


def _election(org) -> dict:
    """An election of the organisation, not open yet, with a candidate with a photo."""
    from consult.elections.services import add_candidate
    from consult.extensions import db
    from consult.organisations.models import Organisation

    election, _tokens = factories.election(
        db.session.get(Organisation, org.id), members=1, opens_in_days=1
    )
    candidate = add_candidate(election, "Dana", "", b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    db.session.commit()
    return {"election_id": election.id, "candidate_id": candidate.id}


def _draft_question(org, index: int) -> dict:
    return {"consultation_id": org.draft_id, "question_id": org.draft_question_ids[index]}


def _text_of(org) -> dict:
    """The invitation mail in Turkish of the organisation's open consultation."""
    return {"consultation_id": org.consultation_id, "kind": "invitation_mail", "language": "tr"}


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
    "surveys.translations": lambda o: {"consultation_id": o.consultation_id},
    "surveys.translation": lambda o: {"consultation_id": o.consultation_id, "language": "ar"},
    "surveys.remove_translation": lambda o: {
        "consultation_id": o.consultation_id,
        "language": "ar",
    },
    "surveys.enter_paper": lambda o: {"consultation_id": o.consultation_id},
    "surveys.questionnaire": lambda o: {"consultation_id": o.consultation_id},
    "surveys.photos_page": lambda o: {"consultation_id": o.consultation_id},
    "surveys.photo": lambda o: {"consultation_id": o.consultation_id, "answer_id": 1},
    "invitations.personal_questionnaire": lambda o: {
        "consultation_id": o.consultation_id,
        "member": o.member_ids[0],
    },
    "surveys.archive": lambda o: {"consultation_id": o.consultation_id},
    "surveys.close_early": lambda o: {"consultation_id": o.consultation_id},
    "surveys.set_open_link": lambda o: {"consultation_id": o.consultation_id},
    "surveys.renew_open_link": lambda o: {"consultation_id": o.consultation_id},
    "surveys.kept_segments": lambda o: {"consultation_id": o.consultation_id},
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
    "texts.index": lambda o: {"consultation_id": o.consultation_id},
    "texts.edit": _text_of,
    "texts.save": _text_of,
    "texts.reset": _text_of,
    "mailings.index": lambda o: {},
    "mailings.send": lambda o: {},
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
    "landlord.consent_response": _shared_consent_decided,
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
    "koepel.propose_item": _koepel_meeting,
    "koepel.joint_dossier": _joint_dossier,
    "koepel.set_position": _joint_dossier,
    "agreements.show": lambda o: {},
    "agreements.start": lambda o: {},
    "agreements.edit": lambda o: {},
    "planning.index": lambda o: {},
    "planning.calendar": lambda o: {"year": 2026},
    "planning.themes": lambda o: {"year": 2026},
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
    "events.index": lambda o: {},
    "events.create": lambda o: {},
    "events.show": _event,
    "events.edit": _event,
    "events.invite_panel": _event,
    "events.cancel": _event,
    "events.registrations": _event,
    "events.presence": _event,
    "events.check_in_list": _event,
    "events.check_in": _registration,
    "events.payment": _registration,
    "audit.log": lambda o: {},
    "meetings.index": lambda o: {},
    "meetings.create": lambda o: {},
    "meetings.terms": lambda o: {},
    "meetings.show": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.edit": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.change_state": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.add_item": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.remove_item": _meeting_item,
    "meetings.upload_paper": _meeting_item,
    "meetings.download_paper": _meeting_paper,
    "meetings.calendar_file": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.presence": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.invite_panel": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.answer_attendance": lambda o: {"meeting_id": _meeting(o)["meeting_id"]},
    "meetings.write_minutes": _held_item,
    "meetings.add_decision": _held_item,
    "meetings.add_action": _held_item,
    "meetings.complete_action": _held_action,
    "meetings.approve": lambda o: {"meeting_id": _held_meeting(o)["meeting_id"]},
    "workgroups.index": lambda o: {},
    "workgroups.edit": lambda o: {"group_id": _working_group(o)["group_id"]},
    "workgroups.show": lambda o: {"group_id": _working_group(o)["group_id"]},
    "workgroups.add_goal": lambda o: {"group_id": _working_group(o)["group_id"]},
    "workgroups.goal_state": _working_group,
    "workgroups.write_note": lambda o: {"group_id": _working_group(o)["group_id"]},
    "group_pages.index": lambda o: {},
    "group_pages.show": lambda o: {"group_id": _working_group(o)["group_id"]},
    "group_pages.write_note": lambda o: {"group_id": _working_group(o)["group_id"]},
    "themes.index": lambda o: {},
    "themes.add": lambda o: {},
    "themes.carry": _year_theme,
    "annual.show": lambda o: {"year": 2026},
    "annual.draft": lambda o: {"year": 2026},
    "annual.write": _annual_report,
    "annual.publish": _annual_report,
    "annual.mail_panel": _annual_report,
    "landlord_meetings.index": lambda o: {},
    "landlord_meetings.show": _landlord_meeting,
    "landlord_meetings.propose": _landlord_meeting,
    "landlord_meetings.download_paper": _landlord_paper,
    "landlord_meetings.calendar_file": _landlord_meeting,
    "landlord_meetings.answer_attendance": _landlord_meeting,
    "api_tokens.index": lambda o: {},
    "api_tokens.create": lambda o: {},
    "api_tokens.revoke": _api_token,
    "team.index": lambda o: {},
    "team.invite": lambda o: {},
    "team.change_role": _team_member,
    "team.invite_again": _team_member,
    "team.remove": _team_member,
    "team.require_two_factor": lambda o: {},
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
    "installation.index": lambda o: {},
    "installation.create": lambda o: {},
    "installation.suspend": lambda o: {"organisation_id": o.id},
    "installation.reinstate": lambda o: {"organisation_id": o.id},


    "draagvlak.index": lambda o: {},
    "draagvlak.create": lambda o: {},
    "draagvlak.show": _meting,
    "draagvlak.add_addresses": _meting,
    "draagvlak.add_panel_addresses": _meting,
    "draagvlak.upload_proposal": _meting,
    "draagvlak.proposal": _meting,
    "draagvlak.send": lambda o: {**_meting(o), "kind": "reminders"},
    "draagvlak.freeze": _meting,
    "draagvlak.letters": lambda o: {**_meting(o), "kind": "csv"},
    "elections.index": lambda o: {},
    "elections.create": lambda o: {},
    "elections.show": _election,
    "elections.add_candidate": _election,
    "elections.remove_candidate": _election,
    "elections.photo": _election,
    "elections.step": lambda o: {**_election(o), "step": "electorate"},
    "elections.letters": _election,
    "elections.ballots": _election,
    "draagvlak.letters_pdf": _meting,
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
    "accounts.login_code",
    "organisations.home",
    "organisations.accessibility",
    "answer.respond",
    "answer.thanks",
    "answer.change",
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
    "annual_public.public",
    "annual_public.public_pdf",
    "meeting_signup.answer",


    "address_vote.ballot",
    "address_vote.proposal",
    "address_vote.enter_code",


    "event_signup.signup",
    "event_signup.invited",
    "event_signup.mine",
    "event_signup.cancel",
    "event_signup.ics",
    "election_vote.ballot",
    "election_vote.ballot_photo",
    "election_vote.enter_code",
    "election_results.published",
    "election_results.result",
    # The API: every route checks its own bearer token (see tests/api).
    "api.openapi_document",
    "api.organisation",
    "api.consultations",
    "api.results",
    "api.panel",
    "api.dossiers",
    "api.dossier",
}
#: The signed-in person's own account, outside any organisation: sessions, password and
#: two-factor sign-in. Anyone signed in reaches their own; nobody reaches another's.
ACCOUNT_ENDPOINTS = {
    "accounts.account",
    "accounts.change_password",
    "accounts.sign_out_everywhere",
    "accounts.two_factor",
    "accounts.start_two_factor",
    "accounts.confirm_two_factor",
    "accounts.new_recovery_codes",
    "accounts.stop_two_factor",
}
#: Where a viewer may only look.
VIEW_ONLY_ENDPOINTS = {
    "organisations.overview",
    "panel.members",
    "surveys.index",
    "surveys.detail",
    "surveys.preview",
    "surveys.questionnaire",
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
    "planning.themes",
    "planning.agenda_page",
    "events.index",
    "events.show",
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
    "meetings.index",
    "meetings.show",
    "meetings.download_paper",
    "meetings.calendar_file",
    "meetings.presence",
    "workgroups.index",
    "workgroups.show",
    "themes.index",
    "annual.show",


    "draagvlak.index",
    "draagvlak.show",
    "draagvlak.proposal",
    "elections.index",
    "elections.show",
    "elections.photo",
}
#: The signed-in user's own things (their calendar link): a viewer may change them too.
PERSONAL_ENDPOINTS = {
    "dossiers.calendar",
    "dossiers.new_calendar_link",
    "dossiers.stop_calendar_link",
    "meetings.answer_attendance",
}


def organisation_routes():
    app = create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS | ACCOUNT_ENDPOINTS:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method


ROUTES = list(organisation_routes())


ACCOUNT_ROUTES = [
    (rule.endpoint, method, rule.rule)
    for rule in create_app(
        {"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    ).url_map.iter_rules()
    if rule.endpoint in ACCOUNT_ENDPOINTS
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
]


@pytest.mark.parametrize(("endpoint", "method", "path"), ACCOUNT_ROUTES)
def test_account_pages_need_a_sign_in(client, endpoint, method, path):
    """Is an anonymous visitor sent to sign in from every page of the own account?"""
    response = client.open(path, method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", ["board", "viewer", "admin", "landlord"])
def test_everyone_signed_in_reaches_their_own_account(client, world, role):
    """Does every role open its own account page, showing its own address only?"""
    login(client, getattr(world.a, role))
    page = client.get("/account")
    assert page.status_code == 200
    other = world.a.viewer if role == "board" else world.a.board
    assert getattr(world.a, role) in page.text and other not in page.text


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
    "team.require_two_factor",
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
    "landlord.consent_response",
    "landlord_agenda.index",
    "landlord_agenda.plan",
    "landlord_agenda.propose",
    "landlord_meetings.index",
    "landlord_meetings.show",
    "landlord_meetings.propose",
    "landlord_meetings.download_paper",
    "landlord_meetings.calendar_file",
    "landlord_meetings.answer_attendance",
}


#: The only pages of a working-group member (see tests/workgroups for who reaches them).
GROUP_MEMBER_ENDPOINTS = {"group_pages.index", "group_pages.show", "group_pages.write_note"}


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


#: The installation's pages: only its administrators, never an organisation's roles.
INSTALLATION_ENDPOINTS = {
    "installation.index",
    "installation.create",
    "installation.suspend",
    "installation.reinstate",
}
INSTALLATION_ROUTES = [r for r in ROUTES if r[0] in INSTALLATION_ENDPOINTS]


def _installation_admin(app) -> str:
    from consult.extensions import db
    from consult.installation.services import create_installation_admin

    with app.app_context():
        create_installation_admin("beheer@example.org", factories.PASSWORD)
        db.session.commit()
    return "beheer@example.org"


def test_every_installation_route_is_in_the_matrix():
    """Are the installation's four routes all known here (a new one must be placed)?"""
    assert {e for e, _ in ROUTES if e.startswith("installation.")} == INSTALLATION_ENDPOINTS


@pytest.mark.parametrize("role", ["admin", "board", "viewer", "landlord"])
@pytest.mark.parametrize(("endpoint", "method"), INSTALLATION_ROUTES)
def test_no_organisation_role_reaches_the_installation(app, client, world, role, endpoint, method):
    """Is every installation route refused (403) to an organisation's admin, board member,
    viewer and landlord, for their own organisation as for another?"""
    login(client, getattr(world.a, role))
    for org in (world.a, world.b):
        response = client.open(url_for_org(app, endpoint, org), method=method)
        assert response.status_code == 403


@pytest.mark.parametrize(("endpoint", "method"), INSTALLATION_ROUTES)
def test_the_installation_admin_reaches_every_installation_route(
    app, client, world, endpoint, method
):
    """Does the installation's administrator get the page (GET) or an answer to the post?"""
    login(client, _installation_admin(app))
    response = client.open(url_for_org(app, endpoint, world.a), method=method)
    assert response.status_code == (200 if method == "GET" else 302) or (
        endpoint == "installation.create" and response.status_code == 400  # an empty form
    )


@pytest.mark.parametrize(
    ("endpoint", "method"), [r for r in ROUTES if r[0] not in INSTALLATION_ENDPOINTS]
)
def test_the_installation_admin_sees_no_organisations_data(app, client, world, endpoint, method):
    """Does the installation's administrator, without a role in it, get 404 on every route
    of an organisation?"""
    login(client, _installation_admin(app))
    response = client.open(url_for_org(app, endpoint, world.a), method=method)
    assert response.status_code == 404
