"""The annual report: its figures against the data, frozen with a fingerprint, the small-group
rule, and the public page only once published."""

from datetime import date, datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from consult.agreements.models import AdviceRight
from consult.annual import services
from consult.annual.models import AnnualReport
from consult.annual.text import sections
from consult.core import clock
from consult.core.errors import DomainError
from consult.dossiers import services as dossiers
from consult.dossiers.consent.models import Decision
from consult.dossiers.models import FeedbackVisibility, Phase, ReplyOutcome
from consult.dossiers.services import content_hash
from consult.extensions import db
from consult.mail.models import OutboxMessage
from consult.mail.rendering import render
from consult.meetings import minutes
from consult.meetings import services as meetings
from consult.meetings.models.meetings import MeetingKind, MeetingState
from consult.organisations.models import Organisation
from consult.themes.services import add_theme
from consult.workgroups import services as workgroups
from consult.workgroups.models import GoalState
from tests import factories
from tests.conftest import login

YEAR = clock.today().year


def _given_advice(org, title, outcome, reply_after_days):
    """A dossier of this year whose advice was given and answered ``reply_after_days`` later."""
    dossier = factories.dossier(org, title, requested_on=date(YEAR, 1, 2))
    given = date(YEAR, 1, 10)
    dossiers.move(dossier, Phase.DRAFTING)
    dossiers.move(dossier, Phase.ADVISED, on=given)
    dossier.reply_received_on = given + timedelta(days=reply_after_days)
    dossier.reply_outcome = outcome
    return dossier


def _held_meeting(org, board, decisions):
    details = meetings.MeetingDetails(MeetingKind.LANDLORD, "Overleg", datetime(YEAR, 3, 1, 10))
    meeting = meetings.plan_meeting(org, details)
    item = meetings.add_item(meeting, meetings.ItemDetails("Punt"), board)
    meetings.move(meeting, MeetingState.FIXED)
    meetings.move(meeting, MeetingState.HELD)
    for text in decisions:
        minutes.add_decision(item, text)


def test_the_figures_match_the_data(ctx):
    """Do the dossiers, replies, meetings, decisions, goals and themes count what is there?"""
    org = factories.organisation()
    board = factories.user(org)
    _given_advice(org, "Huurbeleid", ReplyOutcome.FOLLOWED, 10)
    _given_advice(org, "Onderhoud", ReplyOutcome.NOT_FOLLOWED, 20)
    _held_meeting(org, board, ["Akkoord", "Brief sturen"])
    group = workgroups.save_group(org, workgroups.GroupDetails("Werkgroep Groen"))
    goal = workgroups.add_goal(
        group, workgroups.GoalDetails("Plan", "Klaar", "Piet", date(YEAR, 6, 1))
    )
    workgroups.add_goal(group, workgroups.GoalDetails("Nog", "Meer", "Ans", date(YEAR, 9, 1)))
    workgroups.set_goal_state(goal, GoalState.MET)
    add_theme(org, YEAR, "Betaalbaarheid")
    figures = services.draft(org, YEAR).figures
    assert figures["dossiers"]["opened"] == 2
    assert figures["dossiers"]["by_outcome"] == {"followed": 1, "not_followed": 1}
    assert (figures["dossiers"]["replies_on_time"], figures["dossiers"]["replies_late"]) == (1, 1)
    assert figures["meetings"] == {"held": 1, "by_kind": {"landlord": 1}, "decisions": 2}
    assert figures["working_groups"] == [{"name": "Werkgroep Groen", "goals": 2, "met": 1}]
    assert figures["themes"] == ["Betaalbaarheid"]


def _consent(org, title, decision):
    from consult.dossiers.consent.services import decide

    dossier = factories.dossier(
        org, title, right=AdviceRight.CONSENT, requested_on=date(YEAR, 2, 1)
    )
    dossiers.move(dossier, Phase.DRAFTING)
    decide(dossier, decision, "Omdat", "Eerst meten", date(YEAR, 3, 1))
    return dossier


def test_consent_decisions_are_counted_beside_the_advice(ctx):
    """Are consent given, given under conditions and withheld counted apart from advice?"""
    org = factories.organisation()
    _given_advice(org, "Huurbeleid", ReplyOutcome.PARTLY, 10)
    _consent(org, "Servicekosten", Decision.GIVEN)
    _consent(org, "Schoonmaak", Decision.WITHHELD)
    _consent(org, "Glasvezel", Decision.WITHHELD)
    _consent(org, "Liften", Decision.CONDITIONAL)
    figures = services.draft(org, YEAR).figures
    found = figures["dossiers"]
    assert found["by_outcome"] == {"partly": 1}
    assert found["consent"] == {"given": 1, "withheld": 2, "conditional": 1}
    with force_locale("en"):
        lines = [line for section in sections(figures) for line in section.lines]
    assert "Consent withheld: 2" in lines and "Consent given under conditions: 1" in lines


def test_each_consultation_says_how_its_results_were_used(ctx):
    """Does each consultation list the dossiers its frozen evidence went into, once each,
    with their outcome, and the title only of a dossier whose feedback is public?"""
    org = factories.organisation()
    used = factories.consultation(org, title="Servicekosten")
    factories.consultation(org, title="Nog niet gebruikt")
    advice = _given_advice(org, "Huurbeleid", ReplyOutcome.FOLLOWED, 10)
    advice.feedback_visibility = FeedbackVisibility.PUBLIC
    consent = _consent(org, "Geheim plan", Decision.WITHHELD)
    for dossier in (advice, advice, consent):
        dossiers.freeze_evidence(dossier, used)
    figures = services.draft(org, YEAR).figures
    rows = {row["title"]: row for row in figures["consultations"]}
    assert rows["Servicekosten"]["used_in"] == [
        {"code": advice.code, "title": "Huurbeleid", "outcome": "followed"},
        {"code": consent.code, "title": "", "outcome": "withheld"},
    ]
    assert rows["Nog niet gebruikt"]["used_in"] == []
    with force_locale("en"):
        text = " ".join(line for section in sections(figures) for line in section.lines)
    assert f"{advice.code} Huurbeleid (The landlord follows the advice)" in text
    assert f"{consent.code} (Consent withheld)" in text and "Geheim plan" not in text
    assert "Not used in a dossier." in text


def test_few_responses_are_not_shown(ctx, app):
    """Does a consultation with fewer responses than the minimum show no count?"""
    org = factories.organisation()
    factories.consultation(org)
    [row] = [c for c in services.draft(org, YEAR).figures["consultations"]]
    assert row["responses"] is None and row["fewer_than"] == app.config["MIN_GROUP_SIZE"]


def test_the_figures_are_frozen_with_their_fingerprint_and_fixed_once_published(ctx):
    """Are the figures kept as drafted, checkable by their hash, and fixed once published?"""
    org = factories.organisation()
    report = services.draft(org, YEAR)
    assert report.content_hash == content_hash(report.figures)
    factories.dossier(org, "Later")
    assert report.figures["dossiers"]["opened"] == 0  # frozen until drafted again
    services.publish(report)
    with pytest.raises(DomainError):
        services.draft(org, YEAR)
    with pytest.raises(DomainError):
        services.write(report, "Anders", "")


def test_the_public_page_shows_only_a_published_report(app, client, world):
    """Is the report 404 for everyone until the board publishes it, and then readable?"""
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/jaarverslag/{YEAR}"
    client.post(f"{base}/draft")
    client.post(f"{base}/text", data={"introduction": "Een bewogen jaar."})
    public = app.test_client()
    assert public.get(f"/h/{world.a.slug}/jaarverslag/{YEAR}").status_code == 404
    client.post(f"{base}/publish")
    page = public.get(f"/h/{world.a.slug}/jaarverslag/{YEAR}")
    assert page.status_code == 200 and "Een bewogen jaar." in page.text
    with app.app_context():
        report = db.session.scalar(
            select(AnnualReport).where(AnnualReport.organisation_id == world.a.id)
        )
        assert report.content_hash in page.text
        assert db.session.get(Organisation, world.b.id) is not None
    assert public.get(f"/h/{world.b.slug}/jaarverslag/{YEAR}").status_code == 404


def test_the_published_report_is_a_pdf_too(app, client, world):
    """Is the published report also a PDF, and 404 before it is published?"""
    with app.app_context():
        report = services.draft(db.session.get(Organisation, world.a.id), YEAR)
        db.session.commit()
        pdf_url = f"/h/{world.a.slug}/jaarverslag/{YEAR}.pdf"
        assert client.get(pdf_url).status_code == 404
        services.publish(db.session.merge(report))
        db.session.commit()
    response = client.get(pdf_url)
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")


def test_the_published_report_is_mailed_to_the_panel_once(ctx):
    """Is the published report mailed to each reachable panel member once, and not before
    it is published?"""
    org = factories.organisation()
    members = [factories.member(org) for _ in range(3)]
    report = services.draft(org, YEAR)
    with pytest.raises(DomainError):
        services.mail_panel(report)
    services.publish(report)
    assert services.mail_panel(report) == 3
    assert services.mail_panel(report) == 0
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "annual_report"))
    mail = render(message)
    assert f"/h/{org.slug}/jaarverslag/{YEAR}" in mail.text and message.recipient in {
        m.email for m in members
    }


def test_the_panel_figures_show_how_well_it_mirrors_the_tenants(ctx):
    """Does the report give the panel size and, per dimension with population figures, how
    well the panel mirrored the tenants at the end of the year?"""
    from consult.panel.segments import set_populations

    org = factories.organisation()
    wijk, _leeftijd = factories.dimensions(org)
    set_populations(wijk, {wijk.values[0].id: 50, wijk.values[1].id: 50})
    for value in (wijk.values[0], wijk.values[1]):
        factories.member(org, values=[value])
    figures = services.draft(org, YEAR).figures
    assert figures["panel_members"] == 2
    assert figures["representativeness"]["Wijk"][1] == 100
    assert figures["representativeness"]["Leeftijd"] == [None, None]


def test_a_member_on_post_alone_is_not_mailed_the_report(ctx):
    """Is a member without an e-mail address (letters only) left out of the mail to the panel,
    rather than queued a mail to nobody?"""
    from consult.panel import services as panel

    org = factories.organisation()
    factories.member(org)
    on_paper = factories.member(org, name="Bert Brief")
    on_paper.email = None
    panel.set_post_details(on_paper, "Dorpsstraat 1\n1234 AB Ergens", "post")
    report = services.draft(org, YEAR)
    services.publish(report)
    assert services.mail_panel(report) == 1
    recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert None not in recipients and len(recipients) == 1
