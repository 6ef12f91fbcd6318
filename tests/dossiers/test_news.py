"""News on a dossier: dated updates by the board, read as the dossier's visibility allows,
mailed to the members who took part, and kept on the timeline."""

from datetime import timedelta
from io import BytesIO

import pytest
from sqlalchemy import select

from consult.core.clock import today
from consult.core.errors import DomainError
from consult.dossiers import services
from consult.dossiers.feedback import services as feedback
from consult.dossiers.models import Dossier, DossierEvent, FeedbackVisibility
from consult.dossiers.news import services as news
from consult.dossiers.news.models import DossierNews
from consult.extensions import db
from consult.mail import delivery
from consult.mail.models import OutboxMessage
from tests import factories
from tests.conftest import login
from tests.dossiers.test_documents import EXE, PDF
from tests.dossiers.test_feedback import _answered_dossier, plain_texts


def test_an_update_is_dated_kept_on_the_timeline_and_listed_newest_first(ctx):
    """Are updates listed by their date, newest first, each on the timeline?"""
    dossier = factories.dossier(factories.organisation())
    news.post_news(dossier, "Workshop 7 april", "Kom ook!", today() - timedelta(days=30))
    news.post_news(dossier, "Eindelijk is het zover!", "Het plan ligt er.", today())
    assert [n.title for n in news.news_of(dossier)] == [
        "Eindelijk is het zover!",
        "Workshop 7 april",
    ]
    actions = db.session.scalars(
        select(DossierEvent.action).where(DossierEvent.dossier_id == dossier.id)
    ).all()
    assert actions.count("news") == 2
    assert news.latest_news([dossier])[dossier.id].title == "Eindelijk is het zover!"


@pytest.mark.parametrize(
    ("title", "body", "days", "message"),
    [(" ", "Tekst", 0, "titel en een tekst"), ("Titel", "Tekst", 1, "toekomst")],
    ids=["empty", "future"],
)
def test_an_update_needs_a_title_text_and_no_future_date(ctx, title, body, days, message):
    """Is an empty update, or one dated in the future, refused?"""
    dossier = factories.dossier(factories.organisation())
    with pytest.raises(DomainError, match=message):
        news.post_news(dossier, title, body, today() + timedelta(days=days))


def test_a_document_follows_the_upload_rules(ctx, upload_folder):
    """Does an update keep its PDF among the dossier's documents, and refuse a program?"""
    dossier = factories.dossier(factories.organisation())
    update = news.post_news(dossier, "Het plan", "Zie bijlage.", today(), ("plan.pdf", PDF))
    assert update.document.filename == "plan.pdf" and update.document in dossier.documents
    with pytest.raises(DomainError, match="niet toevoegen"):
        news.post_news(dossier, "Virus", "Klik", today(), ("plan.pdf", EXE))


def test_the_update_is_mailed_once_to_those_who_took_part(ctx):
    """Is an update mailed once to each participant, and refused while nothing is shown?"""
    dossier, _people = _answered_dossier(factories.organisation(), answering=4)
    update = news.post_news(dossier, "Workshop", "Op 12 april.", today())
    with pytest.raises(DomainError):
        news.mail_news(update)
    feedback.share(dossier, FeedbackVisibility.MEMBERS, "")
    assert news.mail_news(update) == 4
    assert news.mail_news(update) == 0
    keys = db.session.scalars(select(OutboxMessage.idempotency_key)).all()
    assert len([k for k in keys if k.startswith(f"dossier_news:{update.id}:")]) == 4


def test_the_mail_carries_the_update_and_the_link(mailing_app, smtp_server):
    """Does the mail reach a participant with the update's text and a working link?"""
    with mailing_app.app_context():
        dossier, _people = _answered_dossier(factories.organisation(), answering=5, members=5)
        feedback.share(dossier, FeedbackVisibility.MEMBERS, "")
        news.mail_news(news.post_news(dossier, "Workshop", "Op 12 april in de wijk.", today()))
        db.session.commit()
        delivery.deliver_all()
        key = dossier.feedback_key
    mails = [text for text in plain_texts(smtp_server) if "Op 12 april in de wijk." in text]
    assert len(mails) == 5 and f"/terugkoppeling/{key}" in mails[0]


def _post(client, world, **fields):
    data = {"title": "Eindelijk is het zover!", "body": "Het plan ligt er.", **fields}
    data.setdefault("published_on", today().isoformat())
    return client.post(
        f"/o/{world.a.slug}/dossiers/{world.a.dossier_id}/news",
        data=data,
        content_type="multipart/form-data",
    )


def test_the_board_posts_and_members_read_it_with_its_document(app, client, world, upload_folder):
    """Does an update with a PDF, posted by the board, show on the members' page with its
    document, and on the public list only once the dossier is public?"""
    login(client, world.a.board)
    refused = _post(client, world, title="")
    assert refused.status_code == 400 and "Geef het bericht een titel" in refused.text
    posted = _post(client, world, file=(BytesIO(PDF), "plan.pdf"))
    assert posted.status_code == 302
    assert "Eindelijk is het zover!" in client.get(posted.headers["Location"]).text
    client.post("/logout")
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        update = db.session.scalar(select(DossierNews))
        feedback.share(dossier, FeedbackVisibility.MEMBERS, "")
        db.session.commit()
        key, update_id = dossier.feedback_key, update.id
    page = client.get(f"/terugkoppeling/{key}").text
    assert "Eindelijk is het zover!" in page and "plan.pdf" in page
    download = client.get(f"/terugkoppeling/{key}/nieuws/{update_id}", buffered=True)
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Cache-Control"] == "private, no-store"
    public = client.get(f"/h/{world.a.slug}/dossiers").text
    assert "Eindelijk is het zover!" not in public  # members only: not on the public list
    _share(app, world, FeedbackVisibility.PUBLIC)
    assert "Eindelijk is het zover!" in client.get(f"/h/{world.a.slug}/dossiers").text


def _share(app, world, visibility):
    with app.app_context():
        feedback.share(db.session.get(Dossier, world.a.dossier_id), visibility, "")
        db.session.commit()


def test_a_hidden_dossier_keeps_its_news_and_documents_to_the_board(app, client, world):
    """Once the board hides the dossier again, are its updates' documents not found, and
    can another dossier's key not reach an update?"""
    with app.app_context():
        dossier = db.session.get(Dossier, world.a.dossier_id)
        update = news.post_news(dossier, "Intern", "Alleen bestuur", today(), ("a.pdf", PDF))
        other = factories.dossier(dossier.organisation, "Ander dossier")
        feedback.share(other, FeedbackVisibility.PUBLIC, "")
        feedback.share(dossier, FeedbackVisibility.MEMBERS, "")
        db.session.commit()
        key, other_key, update_id = dossier.feedback_key, other.feedback_key, update.id
    assert client.get(f"/terugkoppeling/{other_key}/nieuws/{update_id}").status_code == 404
    shown = client.get(f"/terugkoppeling/{key}/nieuws/{update_id}", buffered=True)
    assert shown.status_code == 200
    _share(app, world, FeedbackVisibility.NONE)
    assert client.get(f"/terugkoppeling/{key}/nieuws/{update_id}").status_code == 404
    assert "Intern" not in client.get(f"/terugkoppeling/{key}").text


def test_posting_with_mail_needs_a_shown_page_and_changes_nothing_otherwise(app, client, world):
    """Is an update with "mail it" refused while the page is hidden, posting nothing?"""
    login(client, world.a.board)
    response = _post(client, world, mail="y")
    assert response.status_code == 400 and "terugkoppelpagina" in response.text
    with app.app_context():
        assert db.session.scalar(select(DossierNews)) is None


def test_another_organisation_cannot_post_on_the_dossier(app, client, world):
    """Is the board of organisation A refused on B's dossier, which stays without news?"""
    login(client, world.a.admin)
    url = f"/o/{world.b.slug}/dossiers/{world.b.dossier_id}/news"
    assert client.post(url, data={"title": "X", "body": "Y"}).status_code in (403, 404)
    with app.app_context():
        assert db.session.scalar(select(DossierNews)) is None
        assert services.inspraakmoment(db.session.get(Dossier, world.b.dossier_id)) == []
