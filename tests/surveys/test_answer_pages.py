"""A tenant goes through a questionnaire page by page, leaves, comes back and sends it."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from consult.core.clock import today
from consult.extensions import db
from consult.surveys import builder, open_links
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.questions import Question
from consult.surveys.models.responses import Answer, Response, ResponseDraft
from tests import factories


def first_page(link, balcony="1"):
    q = link["q"]
    return {f"q{q[0]}": balcony, f"q{q[2]}": str(link["options"][q[2]][1])}


def balcony_page(link):
    q = link["q"]
    return {f"q{q[3]}_{statement}": "4" for statement in link["options"][q[3]]}


def last_page(link):
    q, options = link["q"], link["options"]
    return {
        f"q{q[4]}": [str(options[q[4]][0])],
        f"q{q[5]}": "10",
        f"q{q[6]}": "2",
        f"q{q[7]}_1": str(options[q[7]][2]),
        f"q{q[7]}_2": str(options[q[7]][0]),
        f"q{q[8]}": "5",
        f"q{q[9]}": "Dorpsstraat",
    }


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_pages_follow_the_answers_and_the_response_is_stored_once(app, client, link):
    """Does a balcony owner see the balcony page, a third of the way, and is all stored on
    sending?"""
    page = client.get(link["url"]).get_data(as_text=True)
    assert "Pagina 1 · 0% klaar" in page
    assert "Nu volgen vragen over uw woning." in page
    response = client.post(link["url"] + "?page=1", data={**first_page(link), "step": "next"})
    assert response.headers["Location"].endswith("page=2")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pagina 2 · 33% klaar" in page and "Het balkon is veilig." in page
    client.post(link["url"] + "?page=2", data={**balcony_page(link), "step": "next"})
    response = client.post(link["url"] + "?page=3", data={**last_page(link), "step": "send"})
    assert response.headers["Location"].endswith("/thanks")
    assert count(app, Response) == 1 and count(app, ResponseDraft) == 0
    with app.app_context():
        balcony_rows = db.session.scalar(
            select(func.count(Answer.id)).where(Answer.question_id == link["q"][3])
        )
    assert balcony_rows == 2


def test_a_tenant_without_balcony_skips_its_page(app, client, link):
    """Does answering 'no' go straight to the last page, halfway of two pages in all?"""
    response = client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pagina 2 · 50% klaar" in page and "Wat moet beter?" in page
    assert "Het balkon is veilig." not in page


def test_answers_to_a_page_that_became_hidden_are_not_stored(app, client, link):
    """Filled in the balcony page, went back and said 'no': are those answers dropped?"""
    client.post(link["url"] + "?page=1", data={**first_page(link), "step": "next"})
    client.post(link["url"] + "?page=2", data={**balcony_page(link), "step": "next"})
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    response = client.post(link["url"] + "?page=2", data={**last_page(link), "step": "send"})
    assert response.headers["Location"].endswith("/thanks")
    with app.app_context():
        assert not db.session.scalar(
            select(func.count(Answer.id)).where(Answer.question_id == link["q"][3])
        )


def test_leave_and_come_back_through_the_same_link(app, client, link):
    """After a page, on another device: does the link resume there, answers filled in?"""
    client.get(link["url"])  # first seen empty, the way every tenant starts
    client.post(link["url"] + "?page=1", data={**first_page(link), "step": "next"})
    elsewhere = app.test_client()
    page = elsewhere.get(link["url"]).get_data(as_text=True)
    assert "Pagina 2 · 33% klaar" in page
    page = elsewhere.get(link["url"] + "?page=1").get_data(as_text=True)
    assert re.search(rf'<input checked id="q{link["q"][0]}-0"[^>]*value="1"', page), page
    assert count(app, Response) == 0  # a saved draft is not a response


def test_a_reworded_question_shows_its_new_wording_at_once(app, client, link):
    """Once the board rewords a published question, does the next page view show it?"""
    before = client.get(link["url"]).get_data(as_text=True)
    assert "Hoe wordt uw woning verwarmd?" not in before and "Stadswarmte" not in before
    with app.app_context():
        heating = db.session.get(Question, link["q"][2])
        spec = builder._spec_of(heating)
        spec.text, spec.options = (
            "Hoe wordt uw woning verwarmd?",
            ["Cv-ketel", "Stadswarmte", "Warmtepomp"],
        )
        builder.update_question(heating, spec)
        db.session.commit()
    after = app.test_client().get(link["url"]).get_data(as_text=True)
    assert "Hoe wordt uw woning verwarmd?" in after and "Stadswarmte" in after


def test_an_open_link_and_a_personal_link_each_post_to_their_own_address(app, link):
    """After a visitor opened the consultation's open link, does a tenant's personal link
    give a page that posts to the tenant's link, not to an open-link address?"""
    with app.app_context():
        survey = db.session.get(Consultation, link["id"])
        open_links.set_open_link(survey, "anonymous")
        db.session.commit()
        open_url = f"/open/{survey.open_link_key}"
    assert f'action="{open_url}?page=1"' in app.test_client().get(open_url).text
    page = app.test_client().get(link["url"]).get_data(as_text=True)
    assert f'action="{link["url"]}?page=1"' in page and "/open/" not in page


@pytest.fixture
def two_links(app):
    """The links of two invited members to the same questionnaire."""
    with app.app_context():
        org = factories.organisation()
        factories.member(org, email="ans@example.nl")
        factories.member(org, email="bert@example.nl")
        tokens = factories.invite(factories.questionnaire(org))
        db.session.commit()
        return tokens["ans@example.nl"], tokens["bert@example.nl"]


def csrf_token_in(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_the_next_tenant_gets_the_page_with_only_their_own_link(app_with, two_links):
    """After Ans opened the questionnaire, does Bert's page carry his link and form key,
    nothing of hers, and take his answers?"""
    ans, bert = two_links
    app = app_with(WTF_CSRF_ENABLED=True)
    her_page = app.test_client().get(f"/i/{ans}?lang=nl").get_data(as_text=True)
    browser = app.test_client()
    page = browser.get(f"/i/{bert}?lang=nl").get_data(as_text=True)
    assert ans not in page and csrf_token_in(her_page) not in page
    assert f'action="/i/{bert}?page=1"' in page and f'href="/i/{bert}?lang=en"' in page
    response = browser.post(
        f"/i/{bert}?page=1",
        data={"csrf_token": csrf_token_in(page), "step": "save"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ResponseDraft)) == 1


def test_a_kept_page_is_served_from_one_query(app, two_links):
    """Once Ans's page is kept, is Bert's page view a single query (his link, his saved
    answers and all that shapes the page at once), not the dozen of a page built anew?"""
    ans, bert = two_links
    app.test_client().get(f"/i/{ans}")
    app.test_client().get(f"/i/{bert}")  # his first view also records the opening
    statements = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            page = app.test_client().get(f"/i/{bert}").get_data(as_text=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
    assert f'action="/i/{bert}?page=1"' in page
    assert len(statements) == 1, statements


def test_a_message_for_one_tenant_is_not_shown_to_the_next(app, client, two_links):
    """Ans is told her page changed meanwhile; does Bert, opening after her, not see that?"""
    ans, bert = two_links
    client.post(f"/i/{ans}?page=1", data={"questions": "1,2", "step": "next"})
    assert "Deze pagina is intussen veranderd" in client.get(f"/i/{ans}").get_data(as_text=True)
    page = app.test_client().get(f"/i/{bert}").get_data(as_text=True)
    assert "Deze pagina is intussen veranderd" not in page
    assert "Vraag 1</p>" in page


def test_each_language_gets_its_own_page(app, client, link):
    """After a Dutch tenant opened the page, does an English one get the interface in English,
    and the Dutch questions marked as Dutch, with their fixed texts in Dutch?"""
    assert "Pagina 1 · 0% klaar" in client.get(link["url"]).get_data(as_text=True)
    english = app.test_client().get(link["url"] + "?lang=en").get_data(as_text=True)
    assert "Page 1 · 0% done" in english and "Pagina" not in english
    assert '<div class="questions" lang="nl">' in english and "Vraag 1</p>" in english


def test_save_for_later_keeps_an_unfinished_page(app, client, link):
    """Can a tenant save half a page (required questions open) and find it again?"""
    q = link["q"]
    response = client.post(
        link["url"] + "?page=1", data={f"q{q[0]}": "1", "step": "save"}, follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert "Uw antwoorden zijn bewaard" in page
    assert "Pagina 1 · 0% klaar" in page
    with app.app_context():
        draft = db.session.scalar(select(ResponseDraft))
        assert draft.answers[str(q[0])] == {"number": 1}


def test_draft_answers_are_not_in_the_results(app, client, link):
    """Does a saved but unsent questionnaire leave the results at zero respondents?"""
    client.post(link["url"] + "?page=1", data={**first_page(link), "step": "next"})
    with app.app_context():
        from consult.results.queries import consultation_results

        results = consultation_results(db.session.get(Consultation, link["id"]))
    assert results.respondents == 0
    assert all(question.answered == 0 for question in results.questions)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (6, "drie", "Typ een heel getal, bijvoorbeeld 3."),
        (6, "40", "Geef een getal van 0 tot en met 12."),
        (9, "x" * 201, "Houd uw antwoord korter dan 200 tekens."),
    ],
)
def test_a_wrong_answer_gets_a_message_and_keeps_the_rest(app, client, link, field, value, message):
    """Is a wrong answer explained in Dutch beside the question, the other answers kept?"""
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    form = {**last_page(link), f"q{link['q'][field]}": value, "step": "send"}
    response = client.post(link["url"] + "?page=2", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert "Dorpsstraat" in page or field == 9
    assert count(app, Response) == 0


def test_too_many_picks_and_other_without_text_are_explained(app, client, link):
    """Are 'other' without text and three picks of at most two explained, nothing stored?"""
    q, options = link["q"], link["options"]
    page = client.post(link["url"] + "?page=1", data={f"q{q[0]}": "0", f"q{q[2]}": "other"})
    assert "Typ wat u bedoelt met &#39;anders&#39;." in page.get_data(as_text=True)
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    form = {**last_page(link), f"q{q[4]}": [str(o) for o in options[q[4]][:3]], "step": "send"}
    page = client.post(link["url"] + "?page=2", data=form).get_data(as_text=True)
    assert "Kies hoogstens 2 antwoorden." in page
    assert count(app, Response) == 0


def test_a_tampered_option_id_stores_nothing(app, client, link):
    """Is an option id of another question refused, with nothing stored?"""
    q, options = link["q"], link["options"]
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    form = {**last_page(link), f"q{q[4]}": [str(options[q[2]][0])], "step": "send"}
    response = client.post(link["url"] + "?page=2", data=form)
    assert response.status_code == 200
    assert count(app, Response) == 0


def test_sending_after_the_close_stores_nothing(app, client, link):
    """A tenant saved page 1, the consultation closed, then they press send: refused?"""
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    with app.app_context():
        survey = db.session.get(Consultation, link["id"])
        survey.opens_on, survey.closes_on = today() - timedelta(days=9), today() - timedelta(1)
        db.session.commit()
    response = client.post(link["url"] + "?page=2", data={**last_page(link), "step": "send"})
    assert response.status_code == 404
    assert "Deze raadpleging is gesloten." in response.get_data(as_text=True)
    assert count(app, Response) == 0


def two_pages_with_a_follow_up(app) -> dict:
    """Page 1: information and 'Heeft u een tuin?'; page 2 only with a garden."""
    from consult.surveys import builder
    from consult.surveys.models.questions import QuestionKind

    with app.app_context():
        org = factories.organisation()
        factories.member(org)
        survey = services_create(org)
        builder.add_question(survey, QuestionKind.INFORMATION, "Welkom bij deze korte vragenlijst.")
        garden = builder.add_question(
            survey, QuestionKind.YES_NO, "Heeft u een tuin?", required=False
        )
        follow_up = builder.add_question(
            survey, QuestionKind.SHORT_TEXT, "Wat groeit er?", new_page=True
        )
        builder.set_condition(follow_up, garden, "equals", [1])
        survey.publish()
        token = next(iter(factories.invite(survey).values()))
        db.session.commit()
        return {"url": f"/i/{token}", "garden": garden.id, "follow_up": follow_up.id}


def services_create(org):
    from consult.surveys.services import create_consultation

    return create_consultation(org, "Tuinen", "", today(), today())


def test_a_newcomer_starts_on_page_one_and_send_goes_on_when_a_page_appears(app, client):
    """Does a fresh link open on page 1, and does 'send' lead to a page the answer opened?"""
    survey = two_pages_with_a_follow_up(app)
    page = client.get(survey["url"]).get_data(as_text=True)
    assert "Welkom bij deze korte vragenlijst." in page and "Verstuur mijn antwoorden" in page
    response = client.post(
        survey["url"] + "?page=1",
        data={
            f"q{survey['garden']}": "1",
            "step": "send",
            "questions": f"{survey['garden'] - 1},{survey['garden']}",
        },
    )
    assert response.headers["Location"].endswith("page=2")
    assert count(app, Response) == 0
    assert "Wat groeit er?" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_post_from_a_page_that_changed_saves_nothing(app, client, link):
    """Is a form posted for other questions than the page now has sent back, unsaved?"""
    q = link["q"]
    response = client.post(
        link["url"] + "?page=1",
        data={**first_page(link), "step": "save", "questions": f"{q[4]},{q[5]}"},
        follow_redirects=True,
    )
    assert "Deze pagina is intussen veranderd." in response.get_data(as_text=True)
    assert count(app, ResponseDraft) == 0


def test_a_second_send_leaves_no_draft_behind(app, client, link):
    """After the answers were sent, does sending again store nothing and keep nothing?"""
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    form = {**last_page(link), "step": "send"}
    assert client.post(link["url"] + "?page=2", data=form).status_code == 302
    assert client.post(link["url"] + "?page=2", data=form).status_code == 410
    assert count(app, Response) == 1 and count(app, ResponseDraft) == 0
