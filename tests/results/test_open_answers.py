"""The board reads every open answer of a question, searches them, sorts them into themes with
counts per theme, and marks quotes that an advice can cite."""

import uuid
from types import SimpleNamespace

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from consult.audit.models import AuditEntry
from consult.dossiers import services as dossiers
from consult.dossiers.advice.services import citables
from consult.dossiers.models import EvidenceSnapshot
from consult.extensions import db
from consult.results import themes
from consult.results.models import AnswerQuote, AnswerTheme, answer_theme_tags
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Answer, Response
from consult.surveys.services import enter_paper_form
from tests import factories
from tests.conftest import login

TEXTS = [f"Antwoord {n:02d}" for n in range(1, 53)] + [
    "De LIFT is kapot",
    "Lift_ruimte is vies",
    "Geluidsoverlast 's nachts",
]


def _enter(app, consultation_id: int, texts) -> None:
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        for text in texts:
            enter_paper_form(consultation, factories.answers(consultation, text=text))
        db.session.commit()


def _open_url(org, consultation_id: int) -> str:
    return f"/o/{org.slug}/consultations/{consultation_id}/results/open/{org.question_id}"


@pytest.fixture
def english(client):
    """A client whose browser asks for English, so messages read the same in any catalog."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def answered(app, world):
    """Organisation A's consultation with the 55 paper forms of TEXTS, and its open question."""
    _enter(app, world.a.consultation_id, TEXTS)
    for org in (world.a, world.b):
        with app.app_context():
            consultation = db.session.get(Consultation, org.consultation_id)
            org.question_id = consultation.questions[2].id
    world.a.url = _open_url(world.a, world.a.consultation_id)
    return world


def _response_of(app, text: str) -> str:
    with app.app_context():
        return str(db.session.scalar(select(Answer.response_id).where(Answer.text == text)))


def _theme_id(app, label: str) -> int:
    with app.app_context():
        return db.session.scalar(select(AnswerTheme.id).where(AnswerTheme.label == label))


def _count(app, statement) -> int:
    with app.app_context():
        return db.session.scalar(statement)


def _listed(html: str) -> list[str]:
    """The answers of TEXTS on the page, in the order shown."""
    places = {text: html.find(f'<p class="answer-text">{escape(text)}</p>') for text in TEXTS}
    return sorted((text for text, place in places.items() if place >= 0), key=places.get)


def test_search_finds_answers_in_any_case(app, english, answered):
    """Does a search find the answers containing the words in any case, % and _ as typed?"""
    login(english, answered.a.viewer)
    html = english.get(answered.a.url, query_string={"q": "lift"}).get_data(as_text=True)
    assert _listed(html) == ["De LIFT is kapot", "Lift_ruimte is vies"]
    assert "2 answers match" in html
    html = english.get(answered.a.url, query_string={"q": "_"}).get_data(as_text=True)
    assert _listed(html) == ["Lift_ruimte is vies"]
    assert (
        _listed(english.get(answered.a.url, query_string={"q": "%"}).get_data(as_text=True)) == []
    )


def test_search_ignores_the_case_of_accented_letters(app, english, world):
    """Does "één" find "ÉÉN keer per jaar", on SQLite as on PostgreSQL?"""
    accented = [f"ÉÉN keer per jaar is te weinig ({n})" for n in range(5)]
    _enter(app, world.a.consultation_id, [*accented, "Een keer is genoeg"])
    login(english, world.a.viewer)
    with app.app_context():
        consultation = db.session.get(Consultation, world.a.consultation_id)
        world.a.question_id = consultation.questions[2].id
    url = _open_url(world.a, world.a.consultation_id)
    html = english.get(url, query_string={"q": "één keer"}).get_data(as_text=True)
    assert all(text in html for text in accented) and "Een keer is genoeg" not in html


def test_answers_come_fifty_a_page_in_alphabetical_order(app, english, answered):
    """Are 55 answers shown as 50 and 5, alphabetically, with working page links?"""
    login(english, answered.a.viewer)
    first = english.get(answered.a.url).get_data(as_text=True)
    assert _listed(first) == TEXTS[:50] and "Page 1 of 2" in first
    assert "page=2" in first and "55 answers match" in first
    second = english.get(answered.a.url, query_string={"page": 2}).get_data(as_text=True)
    assert _listed(second) == sorted(TEXTS[50:]) and "page=1" in second
    assert english.get(answered.a.url, query_string={"page": 9}).status_code == 200


def test_board_tags_answers_and_sees_counts_per_theme(app, english, answered):
    """Can the board add themes, give answers themes, filter by them and see the counts?"""
    login(english, answered.a.board)
    for label in ("Lift", "Geluid"):
        assert english.post(f"{answered.a.url}/themes", data={"label": label}).status_code == 302
    lift, noise = _theme_id(app, "Lift"), _theme_id(app, "Geluid")
    for text in ("De LIFT is kapot", "Lift_ruimte is vies"):
        english.post(f"{answered.a.url}/answers/{_response_of(app, text)}", data={"theme": lift})
    english.post(
        f"{answered.a.url}/answers/{_response_of(app, 'Geluidsoverlast ' + chr(39) + 's nachts')}",
        data={"theme": [lift, noise]},
    )
    html = english.get(answered.a.url, query_string={"theme": noise}).get_data(as_text=True)
    assert _listed(html) == ["Geluidsoverlast 's nachts"]
    assert "Open answers per theme (n = 55" in html
    assert '<td class="number">3</td>' in html and '<td class="number">5.5%</td>' in html
    untagged = english.get(answered.a.url, query_string={"theme": "none", "page": 2})
    assert _listed(untagged.get_data(as_text=True)) == ["Antwoord 51", "Antwoord 52"]
    results = english.get(
        f"/o/{answered.a.slug}/consultations/{answered.a.consultation_id}/results"
    )
    page = results.get_data(as_text=True)
    assert "All 55 open answers, themes and quotes" in page and answered.a.url in page
    assert '<th scope="row">Geluid</th><td class="number">1</td>' in page


def test_a_change_keeps_the_search_and_page(app, english, answered):
    """After saving an answer's themes, is the board back on the same search and page?"""
    login(english, answered.a.board)
    english.post(f"{answered.a.url}/themes", data={"label": "Lift"})
    key = _response_of(app, "Lift_ruimte is vies")
    response = english.post(
        f"{answered.a.url}/answers/{key}?q=lift&page=1",
        data={"theme": _theme_id(app, "Lift"), "quote": "1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"?q=lift&page=1#answer-{key}")
    page = english.get(response.headers["Location"]).get_data(as_text=True)
    assert "The answer&#39;s themes have been saved." in page


def test_marked_quotes_come_first_among_the_quotes_of_new_evidence(app, answered):
    """Does a quote the board marked reach the dossier's evidence, offered before the rest,
    while evidence frozen before quotes could be marked still gives its quotes?"""
    with app.app_context():
        consultation = db.session.get(Consultation, answered.a.consultation_id)
        question = themes.open_question(consultation, answered.a.question_id)
        noise = db.session.scalar(select(Answer).where(Answer.text.like("Geluid%")))
        theme = themes.add_theme(question, "Geluid")
        themes.tag_answer(question, noise, [theme], quoted=True)
        dossier = factories.dossier(consultation.organisation)
        snapshot = dossiers.freeze_evidence(dossier, consultation)
        quotes = [c for c in citables(snapshot) if c.quote]
        assert quotes[0].text == "Geluidsoverlast 's nachts" and quotes[0].marked
        assert not any(c.marked for c in quotes[1:]) and len(quotes) == 55
        [frozen] = [q for q in snapshot.figures["questions"] if q["quotes"]]
        assert frozen["themes"] == [{"label": "Geluid", "count": 1, "percentage": 1.8}]
        old = {**snapshot.figures}
        old["questions"] = [
            {k: v for k, v in q.items() if k not in ("quotes", "themes")} for q in old["questions"]
        ]
        before = citables(EvidenceSnapshot(figures=old))
        assert [c.key for c in before if c.quote] == [
            f"{question.id}|quote|{index}" for index in range(55)
        ]


def test_a_viewer_reads_but_cannot_sort(app, english, answered):
    """Does a viewer see the answers but no forms, and get 403 when posting anyway?"""
    login(english, answered.a.viewer)
    html = english.get(answered.a.url).get_data(as_text=True)
    assert "Antwoord 01" in html and 'name="theme" value' not in html
    assert english.post(f"{answered.a.url}/themes", data={"label": "Lift"}).status_code == 403
    key = _response_of(app, "Antwoord 01")
    assert english.post(f"{answered.a.url}/answers/{key}", data={"quote": "1"}).status_code == 403
    assert _count(app, select(func.count()).select_from(AnswerQuote)) == 0


def test_ids_of_another_organisation_are_refused(app, english, answered):
    """Are another organisation's answers, themes and questions refused with 404, also when
    tampered into a form of one's own question?"""
    _enter(app, answered.b.consultation_id, ["Van Beta"] * 5)
    with app.app_context():
        consultation = db.session.get(Consultation, answered.b.consultation_id)
        theme = themes.add_theme(themes.open_question(consultation, answered.b.question_id), "B")
        db.session.commit()
        theirs = theme.id
    login(english, answered.a.board)
    english.post(f"{answered.a.url}/themes", data={"label": "Lift"})
    ours_key = _response_of(app, "Antwoord 01")
    their_key = _response_of(app, "Van Beta")
    assert english.post(f"{answered.a.url}/answers/{their_key}", data={}).status_code == 404
    tampered = english.post(f"{answered.a.url}/answers/{ours_key}", data={"theme": theirs})
    assert tampered.status_code == 404
    assert (
        english.post(f"{answered.a.url}/answers/{ours_key}", data={"theme": "x"}).status_code == 404
    )
    assert (
        english.post(
            f"{answered.a.url}/themes/{theirs}", data={"theme-{theirs}-label": "Mijn"}
        ).status_code
        == 404
    )
    assert english.post(f"{answered.a.url}/themes/{theirs}/remove").status_code == 404
    their_question = {**vars(answered.a), "question_id": answered.b.question_id}
    their_url = _open_url(SimpleNamespace(**their_question), answered.a.consultation_id)
    assert english.get(their_url).status_code == 404
    assert _count(app, select(func.count()).select_from(answer_theme_tags)) == 0


def test_a_question_answered_by_few_shows_no_texts(app, english, world):
    """With four answers, does the page say why and show no text, and refuse themes?"""
    _enter(app, world.a.consultation_id, ["Ik woon op nummer 3"] * 4)
    with app.app_context():
        world.a.question_id = db.session.get(Consultation, world.a.consultation_id).questions[2].id
    url = _open_url(world.a, world.a.consultation_id)
    login(english, world.a.board)
    html = english.get(url).get_data(as_text=True)
    assert "Fewer than 5 people answered this question" in html and "nummer 3" not in html
    refused = english.post(f"{url}/themes", data={"label": "Wonen"})
    assert refused.status_code == 400
    assert "Fewer than 5 people answered this question" in refused.get_data(as_text=True)
    assert _count(app, select(func.count()).select_from(AnswerTheme)) == 0


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("   ", "Enter a name for the theme."),
        ("x" * 81, "A theme&#39;s name can be at most 80 characters."),
        ("  lift ", "This question already has a theme “lift”."),
    ],
)
def test_a_bad_theme_name_is_refused_and_kept(app, english, answered, label, message):
    """Is an empty, too long or taken name refused with a clear message, nothing stored and
    the name typed still in the field?"""
    login(english, answered.a.board)
    english.post(f"{answered.a.url}/themes", data={"label": "Lift"})
    response = english.post(f"{answered.a.url}/themes?q=kapot", data={"label": label})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html
    assert f'value="{label}"' in html and _listed(html) == ["De LIFT is kapot"]
    assert _count(app, select(func.count()).select_from(AnswerTheme)) == 1


def test_renaming_to_a_taken_name_changes_nothing(app, english, answered):
    """Is renaming a theme to another theme's name refused, and renaming itself possible?"""
    login(english, answered.a.board)
    for label in ("Lift", "Geluid"):
        english.post(f"{answered.a.url}/themes", data={"label": label})
    noise = _theme_id(app, "Geluid")
    field = f"theme-{noise}-label"
    refused = english.post(f"{answered.a.url}/themes/{noise}", data={field: "LIFT"})
    assert refused.status_code == 400
    assert "This question already has a theme “LIFT”." in refused.get_data(as_text=True)
    assert (
        english.post(f"{answered.a.url}/themes/{noise}", data={field: "Lawaai"}).status_code == 302
    )
    with app.app_context():
        labels = db.session.scalars(select(AnswerTheme.label).order_by(AnswerTheme.label)).all()
    assert labels == ["Lawaai", "Lift"]


def test_deleting_a_theme_or_a_response_takes_its_tags_along(app, english, answered):
    """Does a deleted theme leave no tags, and a deleted response no tags or quote?"""
    login(english, answered.a.board)
    for label in ("Lift", "Geluid"):
        english.post(f"{answered.a.url}/themes", data={"label": label})
    lift, noise = _theme_id(app, "Lift"), _theme_id(app, "Geluid")
    key = _response_of(app, "De LIFT is kapot")
    english.post(f"{answered.a.url}/answers/{key}", data={"theme": [lift, noise], "quote": "1"})
    assert english.post(f"{answered.a.url}/themes/{noise}/remove").status_code == 302
    tags = select(func.count()).select_from(answer_theme_tags)
    assert _count(app, tags) == 1
    with app.app_context():
        db.session.delete(db.session.scalar(select(Response).where(Response.id == uuid.UUID(key))))
        db.session.commit()
    assert _count(app, tags) == 0
    assert _count(app, select(func.count()).select_from(AnswerQuote)) == 0


def test_every_change_is_in_the_audit_log(app, english, answered):
    """Are adding, renaming and deleting themes, tagging and marking quotes audited, without
    the answer's text?"""
    login(english, answered.a.board)
    english.post(f"{answered.a.url}/themes", data={"label": "Lift"})
    lift = _theme_id(app, "Lift")
    key = _response_of(app, "De LIFT is kapot")
    english.post(f"{answered.a.url}/answers/{key}", data={"theme": lift, "quote": "1"})
    english.post(f"{answered.a.url}/answers/{key}", data={"theme": lift})
    english.post(f"{answered.a.url}/themes/{lift}", data={f"theme-{lift}-label": "Liften"})
    english.post(f"{answered.a.url}/themes/{lift}/remove")
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        actions = [e.action for e in entries if e.action.startswith(("theme", "open_answer"))]
        assert actions == [
            "theme.added",
            "open_answer.tagged",
            "open_answer.quoted",
            "open_answer.unquoted",
            "theme.renamed",
            "theme.removed",
        ]
        assert all("LIFT" not in f"{e.subject} {e.details}" for e in entries)
