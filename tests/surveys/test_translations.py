"""The board translates a consultation; tenants answer it in their own language."""

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.invitations.models import Invitation
from consult.surveys import services, translations
from consult.surveys.kept_pages import shape_of
from consult.surveys.models.consultations import Consultation
from consult.surveys.models.responses import Response
from tests import factories
from tests.conftest import login

ARABIC = {
    "title": "تكاليف الخدمة",
    "introduction": "ما رأيك؟",
    "question:1": "ما هو البند المهم؟",
    "options": ["التنظيف", "الحديقة", "الإضاءة"],
    "question:2": "الفاتورة واضحة.",
    "question:3": "ملاحظات؟",
}


def arabic_texts(consultation) -> dict[str, str]:
    """A complete Arabic translation of the factory consultation, by text key."""
    choice, scale, remarks = services.questions_with_options(consultation)
    texts = {
        "title": ARABIC["title"],
        "introduction": ARABIC["introduction"],
        f"question:{choice.id}:text": ARABIC["question:1"],
        f"question:{scale.id}:text": ARABIC["question:2"],
        f"question:{remarks.id}:text": ARABIC["question:3"],
    }
    for option, label in zip(choice.options, ARABIC["options"], strict=True):
        texts[f"option:{option.id}:label"] = label
    return texts


def translated(consultation, texts=None) -> None:
    translations.add_language(consultation, "ar")
    translations.save_translation(consultation, "ar", texts or arabic_texts(consultation))


@pytest.fixture
def arabic(app):
    """An open consultation translated into Arabic; one member reads Arabic, one Dutch."""
    with app.app_context():
        org = factories.organisation()
        reader = factories.member(org, email="amal@example.org")
        reader.locale = "ar"
        factories.member(org, email="jan@example.org")
        consultation = factories.consultation(org)
        translated(consultation)
        tokens = factories.invite(consultation)
        board = factories.user(org)
        db.session.commit()
        return {
            "id": consultation.id,
            "slug": org.slug,
            "board": board.email,
            "amal": f"/i/{tokens['amal@example.org']}",
            "jan": f"/i/{tokens['jan@example.org']}",
            "answers": factories.form_data(factories.answers(consultation)),
        }


def test_a_new_language_lists_every_text_as_missing_and_is_not_offered(ctx):
    """Does adding a language list title, introduction, questions and options, all missing,
    and keep tenants on the source language until it is complete?"""
    consultation = factories.consultation(factories.organisation())
    translations.add_language(consultation, "ar")
    (status,) = translations.statuses(consultation)
    keys = [source.key for source in status.missing]
    assert keys[:2] == ["title", "introduction"] and len(keys) == 2 + 3 + 3
    assert not status.complete
    assert translations.offered_languages(shape_of(consultation)) == ("nl",)
    translations.save_translation(consultation, "ar", arabic_texts(consultation))
    assert translations.offered_languages(shape_of(consultation)) == ("nl", "ar")


def test_a_partial_translation_says_what_is_missing(ctx):
    """Is a translation with one empty text not offered, and is that text named?"""
    consultation = factories.consultation(factories.organisation())
    texts = arabic_texts(consultation)
    remarks_key = next(key for key in texts if texts[key] == ARABIC["question:3"])
    translated(consultation, {**texts, remarks_key: "  "})
    (status,) = translations.statuses(consultation)
    assert [source.key for source in status.missing] == [remarks_key]
    assert translations.chosen_language(shape_of(consultation), "ar") == "nl"


def test_rewording_a_published_question_flags_its_translation_for_review(ctx):
    """After a question is reworded, does its translation need review, is the language no
    longer offered, and does saving the translation again offer it anew?"""
    consultation = factories.consultation(factories.organisation())
    translated(consultation)
    question = services.questions_with_options(consultation)[1]
    question.text = "De afrekening is helder en op tijd."
    db.session.flush()
    (status,) = translations.statuses(consultation)
    assert [source.key for source in status.to_review] == [f"question:{question.id}:text"]
    assert translations.offered_languages(shape_of(consultation)) == ("nl",)
    translations.save_translation(consultation, "ar", arabic_texts(consultation))
    assert translations.offered_languages(shape_of(consultation)) == ("nl", "ar")


@pytest.mark.parametrize("language", ["nl", "xx"])
def test_the_own_language_or_an_unknown_one_cannot_be_added(ctx, language):
    """Is adding the consultation's own language, or one not on the list, refused?"""
    from consult.core.errors import DomainError

    consultation = factories.consultation(factories.organisation())
    with pytest.raises(DomainError):
        translations.add_language(consultation, language)


def test_a_member_who_reads_arabic_gets_the_questionnaire_in_arabic_right_to_left(client, arabic):
    """Does Amal's link show the Arabic questions, right to left, with Arabic buttons and a
    switch to Dutch, while Jan's shows Dutch?"""
    page = client.get(arabic["amal"]).text
    assert '<html lang="ar" dir="rtl">' in page
    assert ARABIC["question:1"] in page and ARABIC["options"][0] in page
    assert "إرسال إجاباتي" in page and "أوافق بشدة" in page  # "send", "strongly agree"
    assert f'href="{arabic["amal"]}?page=1&amp;lang=nl"' in page and "Nederlands" in page
    dutch = client.get(arabic["jan"]).text
    assert '<html lang="nl">' in dutch and "Welke post is belangrijk?" in dutch
    assert ARABIC["question:1"] not in dutch and "العربية" in dutch


def test_the_language_switch_keeps_its_choice_through_the_pages(client, arabic):
    """Does Amal, switching to Dutch, see Dutch, and does the form post back to Dutch?"""
    page = client.get(arabic["amal"] + "?lang=nl").text
    assert "Welke post is belangrijk?" in page and 'dir="rtl"' not in page
    assert f'action="{arabic["amal"]}?page=1&amp;lang=nl"' in page


def test_a_response_sent_in_arabic_is_stored_with_its_language(app, client, arabic):
    """Is Amal's response stored as Arabic, Jan's as Dutch, and the thanks in Arabic?"""
    response = client.post(arabic["amal"], data={**arabic["answers"], "step": "send"})
    assert response.status_code == 302
    thanks = client.get(response.headers["Location"]).text
    assert "شكرًا على إجاباتك" in thanks and 'dir="rtl"' in thanks
    client.post(arabic["jan"], data={**arabic["answers"], "step": "send"})
    with app.app_context():
        languages = db.session.scalars(select(Response.language).order_by(Response.language))
        assert languages.all() == ["ar", "nl"]


def test_an_incomplete_translation_is_not_shown_to_the_member(app, client, arabic):
    """Once a text is emptied, does Amal see the Dutch questionnaire?"""
    with app.app_context():
        consultation = db.session.get(Consultation, arabic["id"])
        texts = arabic_texts(consultation)
        translations.save_translation(consultation, "ar", {**texts, "title": ""})
        db.session.commit()
    page = client.get(arabic["amal"]).text
    assert "Welke post is belangrijk?" in page and ARABIC["question:1"] not in page
    assert "dir=" not in page.split(">", 2)[1]


def test_the_open_link_offers_the_translation(app, client, arabic):
    """Does the open link show Arabic when asked for it?"""
    with app.app_context():
        consultation = db.session.get(Consultation, arabic["id"])
        from consult.surveys import open_links

        open_links.set_open_link(consultation, "anonymous")
        key = consultation.open_link_key
        db.session.commit()
    page = client.get(f"/open/{key}?lang=ar").text
    assert 'dir="rtl"' in page and ARABIC["title"] in page
    response = client.post(f"/open/{key}?lang=ar", data={**arabic["answers"], "step": "send"})
    assert "شكرًا" in response.text
    with app.app_context():
        assert db.session.scalar(select(Response.language)) == "ar"


def test_kept_pages_of_two_languages_do_not_mix(client, arabic):
    """Opened in Arabic and in Dutch, again and again, does each keep its own language?"""
    for _round in range(2):
        assert ARABIC["question:1"] in client.get(arabic["amal"]).text
        assert "Welke post is belangrijk?" in client.get(arabic["jan"]).text
        assert "Welke post" in client.get(arabic["amal"] + "?lang=nl").text


def test_the_board_translates_in_the_builder(app, client):
    """Can the board add Arabic, see what is missing, fill it in and see it complete?"""
    with app.app_context():
        org = factories.organisation()
        board = factories.user(org)
        consultation = factories.consultation(org)
        texts = arabic_texts(consultation)
        db.session.commit()
        slug, consultation_id, email = org.slug, consultation.id, board.email
    login(client, email)
    base = f"/o/{slug}/consultations/{consultation_id}/translations"
    response = client.post(base, data={"language": "ar"})
    assert response.headers["Location"].endswith(f"{base}/ar")
    page = client.get(f"{base}/ar").text
    assert "Welke post is belangrijk?" in page and 'dir="rtl"' in page
    assert "8 teksten zijn niet vertaald" in page
    fields = {f"text-{key}": value for key, value in texts.items()}
    client.post(f"{base}/ar", data={**fields, "text-title": ""})
    page = client.get(base).text
    assert "Nog niet aangeboden aan huurders" in page and "1 tekst is niet vertaald" in page
    client.post(f"{base}/ar", data=fields)
    assert "Compleet: aangeboden aan huurders" in client.get(base).text


def test_a_viewer_cannot_translate_and_another_organisation_cannot_see(app, client, world):
    """Is the translations page closed to a viewer and to another organisation's board?"""
    login(client, world.a.viewer)
    assert (
        client.get(
            f"/o/{world.a.slug}/consultations/{world.a.consultation_id}/translations"
        ).status_code
        == 403
    )
    client.post("/logout")
    login(client, world.b.board)
    url = f"/o/{world.b.slug}/consultations/{world.a.consultation_id}/translations"
    assert client.get(url).status_code == 404


def test_the_results_count_per_language_only_from_five_each(app, client, arabic):
    """Do the results say how many answered in each language only when each has five, and
    show an Arabic open answer with its language?"""
    with app.app_context():
        consultation = db.session.get(Consultation, arabic["id"])
        for language in ["ar"] * 5 + ["nl"] * 4:
            answers = factories.answers(consultation, text=f"Antwoord {language}")
            services.record_response(consultation, answers, "paper", language=language)
        db.session.commit()
    login(client, arabic["board"])
    url = f"/o/{arabic['slug']}/consultations/{arabic['id']}/results"
    page = client.get(url).text
    assert "in meer dan één taal" in page and "Antwoorden per taal" not in page
    assert 'Antwoord ar</span> <span class="muted">(Arabisch)' in page
    with app.app_context():
        consultation = db.session.get(Consultation, arabic["id"])
        services.record_response(consultation, factories.answers(consultation), "paper")
        db.session.commit()
    assert "Antwoorden per taal: Arabisch (5), Nederlands (5)" in client.get(url).text
    with app.app_context():
        remarks = services.questions_with_options(db.session.get(Consultation, arabic["id"]))[2]
    page = client.get(f"{url}/open/{remarks.id}").text
    assert '<p class="answer-text" lang="ar">Antwoord ar</p>' in page and "Arabisch" in page


def test_a_member_can_be_given_any_questionnaire_language(app, client, world):
    """Does the member form accept Turkish and store it?"""
    from consult.panel.models import PanelMember

    login(client, world.a.board)
    member_id = world.a.member_ids[0]
    response = client.post(
        f"/o/{world.a.slug}/panel/{member_id}/edit",
        data={"language": "tr", "channel": "mail"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(PanelMember, member_id).locale == "tr"


def test_invitations_stay_one_per_member(app, arabic):
    """Translating changes nothing about who is invited (two invitations, two links)."""
    with app.app_context():
        assert len(db.session.scalars(select(Invitation)).all()) == 2


def test_a_kept_arabic_page_is_the_page_rendered_anew(app, client, arabic):
    """Is the Arabic page served from what is kept the same as when rendered anew?"""
    kept = [client.get(arabic["amal"]).text for _visit in range(2)]
    app.config["KEEP_ANSWER_PAGES"] = False
    assert kept[0] == kept[1] == client.get(arabic["amal"]).text
