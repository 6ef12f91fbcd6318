"""What the answer page does so that a tenant answers without help: nothing lost when saving
for later, messages that say what to do, progress that does not jump, the consultation's own
language, and calm pages for links that no longer work."""

from sqlalchemy import select

from consult.core import clock
from consult.extensions import db
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Response, ResponseDraft
from tests.conftest import login
from tests.surveys.test_answer_pages import count, first_page, last_page


def _to_last_page(client, link):
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})


def _draft(app) -> dict:
    with app.app_context():
        return db.session.scalar(select(ResponseDraft.answers))


def test_save_for_later_keeps_a_half_filled_ranking_and_the_rest(app, client, link):
    """Does "save and continue later" with only place 2 of a ranking keep it and every other
    answer of the page, and show them all again on reopening?"""
    q, options = link["q"], link["options"]
    _to_last_page(client, link)
    form = {**last_page(link), f"q{q[7]}_1": "", f"q{q[7]}_2": str(options[q[7]][1])}
    response = client.post(link["url"] + "?page=2", data={**form, "step": "save"})
    assert response.status_code == 302
    assert _draft(app)[str(q[7])] == {"ranking": [None, options[q[7]][1]]}
    assert _draft(app)[str(q[9])] == {"text": "Dorpsstraat"}
    page = client.get(link["url"]).get_data(as_text=True)
    assert 'value="Dorpsstraat"' in page
    assert f'<option selected value="{options[q[7]][1]}">' in page


def test_save_for_later_keeps_a_wrong_number_and_explains_it_on_return(app, client, link):
    """Is "drie" in a number field kept when saving for later, and explained on return?"""
    q = link["q"]
    _to_last_page(client, link)
    client.post(
        link["url"] + "?page=2", data={**last_page(link), f"q{q[6]}": "drie", "step": "save"}
    )
    assert _draft(app)[str(q[6])] == {"typed": "drie"}
    page = client.get(link["url"]).get_data(as_text=True)
    assert 'value="drie"' in page
    assert "Typ een heel getal, bijvoorbeeld 3." in page


def test_the_same_item_for_two_places_is_named(app, client, link):
    """Does choosing "Onderhoud" for both places say so plainly, instead of a tampering
    message, and store nothing?"""
    q, options = link["q"], link["options"]
    _to_last_page(client, link)
    twice = str(options[q[7]][1])
    form = {**last_page(link), f"q{q[7]}_1": twice, f"q{q[7]}_2": twice, "step": "send"}
    page = client.post(link["url"] + "?page=2", data=form).get_data(as_text=True)
    assert "U koos „Onderhoud” voor meer dan één plaats. Kies elk onderdeel één keer." in page
    assert "horen niet bij deze vragenlijst" not in page
    assert count(app, Response) == 0


def test_a_wrong_answer_saved_earlier_is_shown_before_sending(app, client, link):
    """Saved with a mistake on the last page and sent from there without fixing it: does the
    tenant get the page back with the message, and nothing sent?"""
    q, options = link["q"], link["options"]
    _to_last_page(client, link)
    twice = str(options[q[7]][0])
    form = {**last_page(link), f"q{q[7]}_1": twice, f"q{q[7]}_2": twice}
    client.post(link["url"] + "?page=2", data={**form, "step": "back"})
    assert _draft(app)[str(q[7])] == {"ranking": [int(twice), int(twice)]}
    page = client.get(link["url"] + "?page=2").get_data(as_text=True)
    assert "voor meer dan één plaats" in page
    assert count(app, Response) == 0


def test_a_failed_send_gets_a_summary_that_links_to_each_question(app, client, link):
    """Leaving "Heeft u een balkon?" open: does the tenant get "Kies Ja of Nee." beside it and
    a summary at the top that takes the focus and links to its first radio button?"""
    q = link["q"]
    page = client.post(link["url"] + "?page=1", data={"step": "next"}).get_data(as_text=True)
    summary = page[page.index('class="error-summary"') : page.index("</ul>")]
    assert "autofocus" in summary
    assert f'<a href="#q{q[0]}-0">Vraag 1: Kies Ja of Nee.</a>' in summary
    assert f'<a href="#q{q[2]}-0">Vraag 2: Kies één antwoord.</a>' in summary
    assert page.count("Kies Ja of Nee.") == 2  # in the summary and beside the question


def test_progress_never_reaches_100_percent_before_sending(app, client, link):
    """On the last page, and when the balcony page appears, is progress a share below 100%,
    never a count of pages that changes?"""
    page = client.get(link["url"]).get_data(as_text=True)
    assert '<progress id="progress" max="100" value="0">' in page and " van " not in page
    client.post(link["url"] + "?page=1", data={**first_page(link), "step": "next"})
    last = client.get(link["url"] + "?page=3").get_data(as_text=True)
    assert "Pagina 3 · 66% klaar" in last and "100%" not in last


def test_english_questions_in_a_dutch_interface_are_marked_english(app, client, link):
    """An English questionnaire opened in Dutch: are the questions marked lang="en", with the
    scale's ends in English, and the buttons in Dutch?"""
    with app.app_context():
        db.session.get(Consultation, link["id"]).language = "en"
        db.session.commit()
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    page = client.get(link["url"] + "?page=2").get_data(as_text=True)
    assert '<div class="questions" lang="en">' in page
    assert "<span>0 is very bad</span> <span>10 is excellent</span>" in page
    assert '<p class="progress">Question 4</p>' in page and "Verstuur mijn antwoorden" in page
    form = {**last_page(link), f"q{link['q'][8]}": "", "step": "send"}
    page = client.post(link["url"] + "?page=2", data=form).get_data(as_text=True)
    assert 'lang="nl">Kies één antwoord.</p>' in page  # a Dutch message among English questions


def test_a_board_writes_a_consultation_in_english_from_a_dutch_interface(app, client, world):
    """Does choosing English for the questions store it, and take the English template?"""
    login(client, world.a.board)
    today = clock.today().isoformat()
    response = client.post(
        f"/o/{world.a.slug}/consultations/new",
        data={
            "template": "onderhoud",
            "title": "Repairs",
            "opens_on": today,
            "closes_on": today,
            "privacy": "anonymous",
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert "De vragen zijn in het Engels." in client.get(response.headers["Location"]).text
    with app.app_context():
        created = db.session.scalar(select(Consultation).where(Consultation.title == "Repairs"))
        assert created.language == "en"
        assert "anonymous" in created.introduction


def test_a_used_link_names_the_organisation_calmly(app, client, link):
    """Opening the link again after sending: does the page name the organisation and say
    calmly that the answers arrived, without "nothing was stored"?"""
    client.post(link["url"] + "?page=1", data={**first_page(link, "0"), "step": "next"})
    client.post(link["url"] + "?page=2", data={**last_page(link), "step": "send"})
    response = client.get(link["url"])
    page = response.get_data(as_text=True)
    with app.app_context():
        name = db.session.get(Consultation, link["id"]).organisation.name
    assert response.status_code == 410
    assert f'<span class="brand">{name}</span>' in page
    assert "Uw antwoorden zijn al ontvangen. Dank u wel." in page
    assert "niets opgeslagen" not in page


def test_an_unknown_link_is_calm_and_not_branded_consult(client):
    """Does a mistyped link say what may have happened and whom to ask, not "Consult"?"""
    page = client.get("/i/" + "x" * 43).get_data(as_text=True)
    assert '<span class="brand">Bewonersraadpleging</span>' in page
    assert "Misschien is de raadpleging gesloten" in page
    assert "huurdersorganisatie die u de link stuurde" in page


def test_send_goes_back_to_a_page_saved_with_a_gap(app, client, link):
    """Half the balcony statements saved with "Terug", then sent from the last page: is the
    tenant taken to the balcony page, with its message, and nothing sent?"""
    q, options = link["q"], link["options"]
    client.post(link["url"] + "?page=1", data={**first_page(link), "step": "next"})
    half = {f"q{q[3]}_{options[q[3]][0]}": "4", "step": "back"}
    client.post(link["url"] + "?page=2", data=half)
    response = client.post(link["url"] + "?page=3", data={**last_page(link), "step": "send"})
    assert response.headers["Location"].endswith("page=2")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Een van uw antwoorden klopt nog niet." in page
    assert "Geef bij elke stelling een antwoord." in page
    assert count(app, Response) == 0
