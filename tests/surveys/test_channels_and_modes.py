"""Paper forms, identified consultations, results per channel, preview and archive."""

import json

from sqlalchemy import select

from consult.audit.models import AuditEntry
from consult.core import clock
from consult.extensions import db
from consult.membership.services import erase
from consult.panel.models import PanelMember
from consult.panel.services import dimensions_of
from consult.surveys import closing, services
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Channel, Response, ResponseSegment
from tests import factories
from tests.conftest import login


def test_a_volunteer_types_in_a_paper_form(app, client, world):
    """Is a paper form with a skipped question stored as paper, with the tenant's district?"""
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        choice, scale, _remarks = survey.questions
        wijk = dimensions_of(survey.organisation)[0]
        noord = wijk.values[0]
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/paper"
    page = client.get(url).get_data(as_text=True)
    assert "autofocus" in page
    form = {f"q{scale.id}": "2", f"segment_{wijk.id}": str(noord.id)}  # the choice was skipped
    response = client.post(url, data=form, follow_redirects=True)
    assert "Papieren formulier opgeslagen: 1 tot nu toe ingevoerd." in response.get_data(
        as_text=True
    )
    with app.app_context():
        stored = db.session.scalar(select(Response).where(Response.channel == Channel.PAPER))
        assert stored is not None and stored.member_id is None
        segment = db.session.scalar(select(ResponseSegment.value_id))
        assert segment == noord.id
        assert "response.paper_entered" in db.session.scalars(select(AuditEntry.action)).all()


def test_a_wrong_paper_answer_stores_nothing_and_keeps_the_form(app, client, world):
    """Is a too long answer on a paper form explained, with nothing stored?"""
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        remarks = survey.questions[2]
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/paper"
    response = client.post(url, data={f"q{remarks.id}": "x" * 5001})
    assert "Houd uw antwoord korter dan 5000 tekens." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Response)) is None


def seed_channels(app, world, by_invitation: int, on_paper: int) -> None:
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        for _ in range(by_invitation):
            services.record_response(survey, factories.answers(survey), Channel.INVITATION)
        for _ in range(on_paper):
            services.enter_paper_form(survey, factories.answers(survey, option_index=2))
        closing.close_early(survey, "Klaar")  # channels wait until an anonymous one closes
        db.session.commit()


def test_results_can_be_split_by_channel(app, client, world):
    """Do the results show all responses, and on request only those on paper?"""
    seed_channels(app, world, by_invitation=5, on_paper=5)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    page = client.get(base).get_data(as_text=True)
    assert "papieren formulier</a> (5)" in page and "Alle antwoorden</strong> (10)" in page
    page = client.get(f"{base}?channel=paper").get_data(as_text=True)
    assert "Alleen de antwoorden die binnenkwamen via papieren formulier." in page
    assert "Antwoorden (n = 5)" in page


def test_a_small_channel_is_not_shown_apart(app, client, world):
    """With two paper forms, is there no split (all minus invitations would give them away)?"""
    seed_channels(app, world, by_invitation=5, on_paper=2)
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    page = client.get(f"{base}?channel=invitation").get_data(as_text=True)
    assert "daarom worden de uitkomsten niet per kanaal getoond" in page.lower()
    assert "Antwoorden (n = 7)" in page  # the filter is ignored: all seven


def identified_survey(org):
    today = clock.today()
    survey = services.create_consultation(org, "Bewonersavond", "", today, today, anonymous=False)
    from consult.surveys import builder
    from consult.surveys.models.questions import QuestionKind

    builder.add_question(survey, QuestionKind.SHORT_TEXT, "Welke avond past u?")
    survey.publish()
    return survey


def test_an_identified_consultation_keeps_the_member_and_says_so(app, client):
    """Is the member kept with the response, told beforehand, shown in their data, and
    forgotten on erasure?"""
    with app.app_context():
        org = factories.organisation()
        member = factories.member(org, "joke@example.org")
        survey = identified_survey(org)
        token = next(iter(factories.invite(survey).values()))
        question_id, member_id = survey.questions[0].id, member.id
        db.session.commit()
    page = client.get(f"/i/{token}").get_data(as_text=True)
    assert "Uw antwoorden worden bewaard met uw naam" in page
    client.post(f"/i/{token}", data={f"q{question_id}": "Dinsdag"})
    with app.app_context():
        response = db.session.scalar(select(Response))
        assert response.member_id == member_id
        from consult.membership.records import own_data

        data = own_data(db.session.get(PanelMember, member_id))
        assert data["answers"][0]["answer"] == "Dinsdag"
        json.dumps(data)
        erase(db.session.get(PanelMember, member_id))
        db.session.commit()
        assert db.session.scalar(select(Response.member_id)) is None


def test_a_closed_consultation_can_be_archived_and_leaves_the_list(app, client, world):
    """Can only a closed consultation be archived, off the list but with its results?"""
    with app.app_context():
        org = db.session.get(Consultation, world.a.consultation_id).organisation
        old = factories.consultation(org, opens_in_days=-30, closes_in_days=-1, title="Oud")
        old_id = old.id
        db.session.commit()
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations"
    client.post(f"{base}/{world.a.consultation_id}/archive")  # still open: refused
    client.post(f"{base}/{old_id}/archive")
    with app.app_context():
        assert db.session.get(Consultation, world.a.consultation_id).status == "published"
        assert db.session.get(Consultation, old_id).status == "archived"
    page = client.get(f"{base}/").get_data(as_text=True)
    assert "1 gearchiveerde raadpleging" in page
    assert client.get(f"{base}/{old_id}/results").status_code == 200


def test_the_preview_shows_each_page_as_a_tenant_sees_it(app, client):
    """Does the preview show page 2 with its condition, and store nothing?"""
    with app.app_context():
        org = factories.organisation()
        survey = factories.questionnaire(org)
        board = factories.user(org).email
        slug, survey_id = org.slug, survey.id
        db.session.commit()
    login(client, board)
    page = client.get(f"/o/{slug}/consultations/{survey_id}/preview?page=2").get_data(as_text=True)
    assert "Het balkon is veilig." in page and "Pagina 2 van 3" in page
    assert "Alleen als het antwoord op “Heeft u een balkon?” is: Ja" in page
    with app.app_context():
        assert db.session.scalar(select(Response)) is None


def test_an_empty_paper_form_is_not_stored(app, client, world):
    """Is saving a paper form with nothing filled in refused, so it cannot count?"""
    login(client, world.a.board)
    url = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/paper"
    page = client.post(url, data={}, follow_redirects=True).get_data(as_text=True)
    assert "Er is niets ingevuld" in page
    with app.app_context():
        assert db.session.scalar(select(Response)) is None


def test_the_invitation_of_an_identified_consultation_does_not_say_anonymous(app):
    """Does the invitation mail of an identified consultation say answers keep the name?"""
    from consult.mail.models import OutboxMessage
    from consult.mail.rendering import render

    with app.app_context():
        org = factories.organisation()
        factories.member(org)
        factories.invite(identified_survey(org))
        db.session.commit()
        with app.test_request_context():
            mail = render(db.session.scalar(select(OutboxMessage)))
    assert "anoniem" not in mail.text and "met uw naam" in mail.text


def test_a_question_few_answered_in_one_channel_shows_no_figures_per_channel(app, client, world):
    """Paper skipped the open question but for three: does no channel view show it?"""
    with app.app_context():
        survey = db.session.get(Consultation, world.a.consultation_id)
        remarks = survey.questions[2]
        for _ in range(6):
            services.record_response(survey, factories.answers(survey), Channel.INVITATION)
        for number in range(6):
            answers = factories.answers(survey, text="Graag meer licht")
            if number >= 3:
                answers.pop(remarks.id)
            services.enter_paper_form(survey, answers)
        closing.close_early(survey, "Klaar")
        db.session.commit()
    login(client, world.a.board)
    base = f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/results"
    assert client.get(base).get_data(as_text=True).count("Graag meer licht") == 3  # all
    for channel in ("invitation", "paper"):
        page = client.get(f"{base}?channel={channel}").get_data(as_text=True)
        assert "Graag meer licht" not in page and "Prima" not in page


def test_a_paper_answer_to_a_question_that_does_not_apply_is_pointed_out(app):
    """On paper someone without a balcony rated the balcony: refused with a message, kept?"""
    from consult.core.errors import DomainError
    from tests.surveys.test_question_kinds import full_answers

    with app.app_context():
        survey = factories.questionnaire(factories.organisation())
        answers = full_answers(survey, balcony=0)
        matrix = survey.questions[3]
        answers[matrix.id] = {"matrix": {str(o.id): 2 for o in matrix.options}}
        try:
            services.enter_paper_form(survey, answers)
        except DomainError as error:
            message = str(error.message)
        else:
            message = ""
        assert "Wat vindt u van uw balkon?" in message and "Heeft u een balkon?" in message
        assert db.session.scalar(select(Response)) is None
