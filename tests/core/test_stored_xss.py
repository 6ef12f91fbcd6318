"""Stored XSS: markup typed into any text field comes back as text on every page, as a
harmless cell in every export, and escaped in the HTML of every mail.

One organisation gets a hostile payload in every text field an outsider, a member, the
board or the landlord can fill, each payload marked with the name of its field. Then every
page of the organisation (every GET route of the access matrix, as admin), the public pages
(join, own page, answer links, open link, feedback pages), the landlord's pages, every export
and every mail in the outbox are read once, and one test per field checks them all.
"""

import csv
import hashlib
import io
import shutil
from datetime import date, timedelta
from types import SimpleNamespace

import openpyxl
import pytest
from sqlalchemy import select

from consult.agreements.models import AdviceRight
from consult.core import clock
from consult.core.policy import Role
from consult.core.spreadsheets import FORMULA_STARTS
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from tests import factories
from tests.conftest import POSTGRES_URL, _empty_all_tables, login, make_app
from tests.core.test_access import (
    GROUP_MEMBER_ENDPOINTS,
    INSTALLATION_ENDPOINTS,
    LANDLORD_ENDPOINTS,
    ROUTE_VALUES,
)

#: Building the hostile organisation and reading every page takes seconds.
pytestmark = pytest.mark.slow

#: Every field that gets a payload, by who fills it in.
OUTSIDER_FIELDS = ["join_name", "open_answer", "other_text", "open_link_answer"]
BOARD_FIELDS = [
    "organisation_name",
    "member_name",
    "basis_note",
    "import_name",
    "import_file_name",
    "dimension_name",
    "dimension_value",
    "privacy_text",
    "consultation_title",
    "introduction",
    "question_text",
    "help_text",
    "option_label",
    "statement",
    "paper_answer",
    "dossier_title",
    "dossier_description",
    "landlord_contact",
    "document_file_name",
    "advice_point",
    "advice_reasoning",
    "feedback_summary",
    "plan_theme",
    "plan_note",
    "topic_title",
    "topic_area",
    "agreement_note",
    "koepel_position_note",
    "api_token_name",
    "team_name",
    "consent_reasons",
    "consent_conditions",
    "election_title",
    "candidate_name",
    "candidate_statement",
]
LANDLORD_FIELDS = ["landlord_reply"]
FIELDS = OUTSIDER_FIELDS + BOARD_FIELDS + LANDLORD_FIELDS


#: File names lose everything up to the last slash, so their payload has none.
FILE_NAME_FIELDS = {"import_file_name", "document_file_name"}


def _tag(field: str) -> str:
    """A short name of the field, so the payload fits the shortest columns (80 characters)."""
    return "f" + hashlib.sha256(field.encode()).hexdigest()[:6]


def payload(field: str) -> str:
    """Markup that breaks out of attributes and text alike, starting like a formula."""
    tag = _tag(field)
    markup = f"=1+2\"'><img src=x onerror=alert({tag})><script>alert({tag})"
    return markup if field in FILE_NAME_FIELDS else markup + "</script>"


def raw_markers(field: str) -> list[str]:
    """What must never appear in a page as it is: it would run."""
    return [f"<script>alert({_tag(field)})", f"<img src=x onerror=alert({_tag(field)})"]


def escaped_marker(field: str) -> str:
    return f"&lt;img src=x onerror=alert({_tag(field)})&gt;"


# --- building the hostile organisation -------------------------------------------------------


def _database(migrated_database, tmp_path_factory):
    if POSTGRES_URL:
        return migrated_database
    copy = tmp_path_factory.mktemp("xss") / "test.sqlite"
    shutil.copy(migrated_database.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


def _build() -> SimpleNamespace:
    """The organisation with a payload in every field the board or the landlord types."""
    from consult.accounts import team
    from consult.agreements import services as agreements
    from consult.api.tokens import make_token
    from consult.dossiers import services as dossiers
    from consult.dossiers.documents.services import add_document
    from consult.dossiers.models import DocumentKind
    from consult.imports import services as imports
    from consult.invitations import reminders
    from consult.koepel import services as koepels
    from consult.koepel.models import Stance
    from consult.membership import services as membership
    from consult.panel import services as panel
    from consult.surveys import builder, open_links
    from consult.surveys import services as surveys
    from consult.surveys.models.questions import QuestionKind

    p = payload
    org = factories.organisation("Huurders Xss")
    org.name = p("organisation_name")
    wijk = panel.define_dimension(org, p("dimension_name"), [p("dimension_value"), "Zuid"])
    board = factories.user(org, Role.BOARD)
    admin = factories.user(org, Role.ADMIN)
    viewer = factories.user(org, Role.VIEWER)
    landlord = factories.user(org, Role.LANDLORD)
    membership.publish_privacy_text(org, p("privacy_text"))
    members = [
        factories.member(org, values=[wijk.values[0]], name=p("member_name"), basis_note="ok"),
        *[factories.member(org, values=[wijk.values[1]]) for _ in range(6)],
    ]
    pending = imports.upload(
        org,
        p("import_file_name") + ".csv",
        f"E-mail;Naam\nimport@example.org;{p('import_name')}\n".encode(),
        basis_note=p("basis_note"),
    )
    imports.choose_columns(pending, ["E-mail", "Naam"], {"E-mail": "email", "Naam": "name"}, [])
    committed = imports.upload(
        org,
        "lijst.csv",
        f"E-mail;Naam\ngeimporteerd@example.org;{p('import_name')}\n".encode(),
        basis_note="ledenvergadering",
    )
    imports.choose_columns(committed, ["E-mail", "Naam"], {"E-mail": "email", "Naam": "name"}, [])
    imports.commit(committed)

    today = clock.today()
    survey = surveys.create_consultation(
        org, p("consultation_title"), p("introduction"), today - timedelta(1), today + timedelta(9)
    )
    add = builder.add_question
    choice = add(
        survey,
        QuestionKind.SINGLE_CHOICE,
        p("question_text"),
        p("help_text"),
        options=[p("option_label"), "Nee"],
        allows_other=True,
    )
    matrix = add(survey, QuestionKind.MATRIX, "Stellingen", options=[p("statement"), "Goed"])
    short = add(survey, QuestionKind.SHORT_TEXT, "Straat?", required=False)
    survey.publish()
    open_links.set_open_link(survey, "anonymous")
    tokens = factories.invite(survey)
    earlier = builder.copy_consultation(survey, "Vorig jaar", survey.opens_on, survey.closes_on)
    earlier.publish()
    draft = factories.consultation(org, publish=False, title="Concept")

    topic_line = agreements.TopicLine(p("topic_area"), p("topic_title"), AdviceRight.ADVICE)
    agreements.adopt(org, today, [topic_line], note=p("agreement_note"))
    dossier = factories.dossier(
        org,
        p("dossier_title"),
        description=p("dossier_description"),
        landlord_contact=p("landlord_contact"),
        advice_due_on=today + timedelta(days=2),
    )
    factories.dossier(org, p("dossier_title"), advice_due_on=today + timedelta(days=2))
    withheld = _withheld_consent(org, p, today)
    reminders.schedule_reminder(survey, today)
    add_document(dossier, p("document_file_name") + ".pdf", b"%PDF-1.7\n", DocumentKind.OTHER)
    dossiers.link_consultation(dossier, survey)
    plan = factories.plan_item(org, p("plan_theme"), year=today.year, note=p("plan_note"))
    _token, _secret = make_token(org, p("api_token_name"), board)
    team.invite(org, "nieuw-bestuurslid@example.org", p("team_name"), Role.BOARD, admin)

    koepel = factories.organisation("Koepel Xss")
    factories.koepel_member(koepel, org)
    joint = factories.dossier(koepel, "Gezamenlijk", joint=True)
    koepels.record_position(joint, org, Stance.AGREE, p("koepel_position_note"), today, board)
    election, voter_token = _election(org, today)
    db.session.commit()
    return SimpleNamespace(
        org=org,
        slug=org.slug,
        id=org.id,
        board=board.email,
        admin=admin.email,
        viewer=viewer.email,
        landlord=landlord.email,
        consultation_id=survey.id,
        open_key=survey.open_link_key,
        question_ids=(choice.id, matrix.id, short.id),
        statement_ids=[o.id for o in matrix.options],
        option_ids=[o.id for o in choice.options],
        tokens=list(tokens.values()),
        draft_id=draft.id,
        earlier_id=earlier.id,
        draft_question_ids=[q.id for q in draft.questions],
        dossier_id=dossier.id,
        joint_dossier_id=joint.id,
        dimension_id=wijk.id,
        value_id=wijk.values[0].id,
        member_ids=[m.id for m in members],
        import_id=pending.id,
        plan_item_id=plan.id,
        consent_dossier_id=withheld.id,
        election_id=election.id,
        voter_token=voter_token,
    )


def _election(org, today):
    """An election with a payload in its title and its candidate, its links mailed."""
    from consult.elections import mailing
    from consult.elections import services as elections
    from consult.elections.models import Voter

    title = payload("election_title")
    election = elections.create_election(
        org, title, 1, today + timedelta(1), today + timedelta(9), None, False
    )
    elections.add_candidate(election, payload("candidate_name"), payload("candidate_statement"))
    elections.draw_up_electorate(election)
    mailing.send_links(election)
    voter = db.session.scalar(select(Voter).where(Voter.election_id == election.id))
    return election, elections.token_of(voter)


def _withheld_consent(org, p, today):
    """A consent dossier whose consent is withheld, with hostile reasons and conditions."""
    from consult.dossiers import services as dossiers
    from consult.dossiers.consent.models import Decision
    from consult.dossiers.consent.services import decide
    from consult.dossiers.models import Phase

    dossier = factories.dossier(org, p("dossier_title"), right=AdviceRight.CONSENT)
    dossiers.move(dossier, Phase.DRAFTING)
    decide(dossier, Decision.WITHHELD, p("consent_reasons"), p("consent_conditions"), today)
    return dossier


def _give_advice(world) -> tuple[str, int]:
    """After the answers came in: evidence, advice given and shared, the reply, feedback.

    Returns the feedback page's key and the advice point's id.
    """
    from consult.dossiers import services as dossiers
    from consult.dossiers.advice import services as advice
    from consult.dossiers.feedback import services as feedback
    from consult.dossiers.models import Dossier, FeedbackVisibility, Phase, ReplyOutcome
    from consult.surveys.models.consultations import Consultation

    dossier = db.session.get(Dossier, world.dossier_id)
    dossiers.freeze_evidence(dossier, db.session.get(Consultation, world.consultation_id))
    point = advice.save_point(dossier, payload("advice_point"), payload("advice_reasoning"), [])
    dossiers.move(dossier, Phase.CONSULTING)
    dossiers.move(dossier, Phase.DRAFTING)
    dossiers.move(dossier, Phase.ADVISED, on=date.today())
    dossier.shared_with_landlord = True
    advice.record_reply(point, ReplyOutcome.NOT_FOLLOWED, payload("landlord_reply"))
    feedback.share(dossier, FeedbackVisibility.PUBLIC, payload("feedback_summary"))
    feedback.mail_participants(dossier)
    db.session.commit()
    return dossier.feedback_key, point.id


def _answer(client, world, question_ids, values):
    choice, matrix, short = question_ids
    return {
        f"q{choice}": values["choice"],
        f"q{choice}_other": values.get("other", ""),
        **{f"q{matrix}_{s}": "4" for s in world.statement_ids},
        f"q{short}": values["text"],
    }


def _outsiders_answer(app, world) -> None:
    """Tenants and the public type their payloads through the pages themselves."""
    client = app.test_client()
    joined = client.post(
        f"/join/{world.slug}",
        data={
            "email": "nieuw@example.org",
            "name": payload("join_name"),
            "consent": "y",
            "language": "nl",
        },
    )
    assert joined.status_code == 302, joined.text
    answers = [
        {"choice": "other", "other": payload("other_text"), "text": payload("open_answer")},
        *[{"choice": str(world.option_ids[0]), "text": "Prima"} for _ in range(5)],
    ]
    for token, values in zip(world.tokens, answers, strict=False):
        sent = client.post(f"/i/{token}", data=_answer(client, world, world.question_ids, values))
        assert sent.status_code == 302, sent.text
    open_sent = app.test_client().post(
        f"/open/{world.open_key}",
        data=_answer(
            client,
            world,
            world.question_ids,
            {"choice": str(world.option_ids[1]), "text": payload("open_link_answer")},
        ),
    )
    assert open_sent.status_code == 200, open_sent.text
    board = app.test_client()
    login(board, world.board)
    paper = board.post(
        f"/o/{world.slug}/consultations/{world.consultation_id}/paper",
        data=_answer(
            board,
            world,
            world.question_ids,
            {"choice": str(world.option_ids[0]), "text": payload("paper_answer")},
        ),
    )
    assert paper.status_code == 302, paper.text


# --- reading everything back -----------------------------------------------------------------

#: Routes that give a file rather than a page; read as exports or not at all.
FILE_ENDPOINTS = {
    "results.export",
    "results.export_responses",
    "panel.export",
    "dossiers.letter_pdf",
    "dossiers.consent_letter_download",
    "invitations.letters_pdf",
    "landlord.letter_pdf",
    "dossiers.download_document",
    "surveys.photo",
    "panel_settings.show_logo",
    "elections.letters",
    "elections.ballots",
    "elections.photo",
}
#: Pages of the hostile objects the access matrix's routes do not reach by themselves.
EXTRA_PAGES = [
    "/o/{slug}/consultations/{consultation_id}/results?by={dimension_id}",
    "/o/{slug}/consultations/{consultation_id}/results?print=1",
]
#: The hostile objects for routes whose access-matrix values would make new ones.
OWN_VALUES = {
    "imports.columns": lambda w: {"import_id": w.import_id},
    "imports.preview": lambda w: {"import_id": w.import_id},
    "dossiers.edit_point": lambda w: {"dossier_id": w.dossier_id, "point_id": w.point_id},
    "koepel.joint_dossier": lambda w: {"dossier_id": w.joint_dossier_id},
    "planning.edit": lambda w: {"item_id": w.plan_item_id},
    "dossiers.consent_page": lambda w: {"dossier_id": w.consent_dossier_id},
    "dossiers.consent_letter": lambda w: {"dossier_id": w.consent_dossier_id},
    "results.compare": lambda w: {"consultation_id": w.consultation_id, "with": w.earlier_id},
    "elections.show": lambda w: {"election_id": w.election_id},
}


def _organisation_pages(app, world) -> dict[str, str]:
    """Every GET page of the organisation as its admin sees it (the installation's pages are
    not the organisation's: its admin is refused there)."""
    from flask import url_for

    client = app.test_client()
    login(client, world.admin)
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            others = FILE_ENDPOINTS | LANDLORD_ENDPOINTS | GROUP_MEMBER_ENDPOINTS
            others |= INSTALLATION_ENDPOINTS
            wanted = rule.endpoint in set(ROUTE_VALUES) - others
            if wanted and "GET" in rule.methods:
                values = OWN_VALUES.get(rule.endpoint, ROUTE_VALUES[rule.endpoint])(world)
                urls.append(url_for(rule.endpoint, org=world.slug, **values))
    urls += [page.format(**vars(world)) for page in EXTRA_PAGES]
    return {url: _page(client, url) for url in urls}


def _page(client, url) -> str:
    response = client.get(url, buffered=True)
    assert response.status_code in (200, 302), (url, response.status_code)
    # Downloads (PDF, spreadsheets, calendars) are not HTML: the export tests read those.
    return response.get_data(as_text=True) if response.mimetype == "text/html" else ""


def _public_pages(app, world, feedback_key) -> dict[str, str]:
    """What tenants, the public and the landlord see."""
    from consult.membership import services as membership
    from consult.panel.models import LinkPurpose, MemberLink

    tenant = app.test_client()
    pages = {
        f"/join/{world.slug}": None,
        f"/join/{world.slug}/my-page": None,
        f"/i/{world.tokens[-1]}": None,  # a member who has not answered yet
        f"/i/{world.tokens[0]}/thanks": None,
        f"/v/{world.voter_token}": None,
        f"/open/{world.open_key}": None,
        f"/terugkoppeling/{feedback_key}": None,
        f"/h/{world.slug}/dossiers": None,
    }
    pages = {url: _page(tenant, url) for url in pages}
    with app.app_context():
        from consult.panel.models import PanelMember

        member = db.session.get(PanelMember, world.member_ids[0])
        membership.send_access_link(member.organisation, member.email)
        db.session.commit()
        link = db.session.scalars(
            select(MemberLink).where(MemberLink.purpose == LinkPurpose.ACCESS)
        ).all()[-1]
        token = membership.link_token(link)
    own = app.test_client()
    pages["/m/<token>/open"] = own.post(f"/m/{token}/open", follow_redirects=True).text
    landlord = app.test_client()
    login(landlord, world.landlord)
    for url in (f"/o/{world.slug}/verhuurder/", f"/o/{world.slug}/verhuurder/{world.dossier_id}"):
        pages[url] = _page(landlord, url)
    return pages


def _exports(app, world) -> dict[str, list[str]]:
    """The text cells of every export, CSV and Excel, with the response headers checked."""
    client = app.test_client()
    login(client, world.board)
    base = f"/o/{world.slug}"
    urls = [
        ("GET", f"{base}/consultations/{world.consultation_id}/results.{{kind}}"),
        ("GET", f"{base}/consultations/{world.consultation_id}/responses.{{kind}}"),
        ("POST", f"{base}/panel/export.{{kind}}"),
    ]
    exports = {}
    for method, url in urls:
        for kind in ("csv", "xlsx"):
            response = client.open(url.format(kind=kind), method=method)
            assert response.status_code == 200, url.format(kind=kind)
            assert response.headers["Content-Disposition"].startswith("attachment;")
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            exports[url.format(kind=kind)] = _cells(kind, response.data)
    return exports


def _cells(kind: str, data: bytes) -> list:
    if kind == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
        return [cell for row in rows for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells]


def _mails(app) -> list:
    """Every message in the outbox, rendered as it would be sent."""
    from consult.dossiers.deadlines.notices import send_deadline_mails
    from consult.invitations.reminders import send_due_reminders

    with app.app_context():
        send_deadline_mails()
        send_due_reminders()
        db.session.commit()
        with app.test_request_context():
            return [render(m) for m in db.session.scalars(select(OutboxMessage)).all()]


@pytest.fixture(scope="module")
def hostile(migrated_database, tmp_path_factory):
    """Everything read back from the hostile organisation, once for all tests below."""
    url = _database(migrated_database, tmp_path_factory)
    app = make_app(
        url,
        UPLOAD_FOLDER=str(tmp_path_factory.mktemp("uploads")),
        LINK_GUESS_RATE_LIMIT="1000 per minute",
        MAIL_REQUEST_RATE_LIMIT="1000 per minute",
    )
    try:
        with app.app_context():
            world = _build()
        _outsiders_answer(app, world)
        with app.app_context():
            feedback_key, world.point_id = _give_advice(world)
        pages = _organisation_pages(app, world) | _public_pages(app, world, feedback_key)
        yield SimpleNamespace(pages=pages, exports=_exports(app, world), mails=_mails(app))
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if POSTGRES_URL:
            _empty_all_tables(url)


@pytest.mark.parametrize("field", FIELDS)
def test_markup_comes_back_as_text_on_every_page(hostile, field):
    """Is markup typed into this field shown as text wherever it appears, never as markup?"""
    shown = [url for url, html in hostile.pages.items() if escaped_marker(field) in html]
    assert shown, f"{field} is shown on no page, so the test proves nothing"
    for url, html in hostile.pages.items():
        for marker in raw_markers(field):
            assert marker not in html, f"{field} comes back as markup on {url}"


#: Fields that some mail shows: the tests check that they were really there.
MAIL_FIELDS = {
    "join_name",
    "organisation_name",
    "member_name",
    "import_name",
    "consultation_title",
    "introduction",
    "dossier_title",
    "feedback_summary",
    "team_name",
}
#: Fields that some export holds.
EXPORT_FIELDS = {
    "join_name",
    "open_answer",
    "other_text",
    "open_link_answer",
    "member_name",
    "import_name",
    "dimension_name",
    "dimension_value",
    "question_text",
    "option_label",
    "statement",
    "paper_answer",
}


@pytest.mark.parametrize("field", FIELDS)
def test_markup_is_escaped_in_the_html_of_every_mail(hostile, field):
    """Is markup typed into this field escaped in every mail's HTML part?"""
    if field in MAIL_FIELDS:
        assert any(escaped_marker(field) in mail.html for mail in hostile.mails)
    for mail in hostile.mails:
        for marker in raw_markers(field):
            assert marker not in mail.html, f"{field} is markup in the mail {mail.subject!r}"


@pytest.mark.parametrize("field", FIELDS)
def test_exports_hold_the_text_as_a_harmless_cell(hostile, field):
    """Does every export that holds this field's text (which starts with "=") hold it as
    text with a leading apostrophe, never as a formula?"""
    found = [
        (url, cell)
        for url, cells in hostile.exports.items()
        for cell in cells
        if isinstance(cell, str) and f"alert({_tag(field)})" in cell
    ]
    assert bool(found) == (field in EXPORT_FIELDS)
    for url, cell in found:
        assert not cell.startswith(FORMULA_STARTS), (url, cell)
