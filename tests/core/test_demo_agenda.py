"""The demo shows issue 24's news on a dossier and the agreed, published year agenda."""

import pytest
from sqlalchemy import func, select

from consult.demo import DEMO_SLUG
from consult.dossiers.news.models import DossierNews
from consult.extensions import db


@pytest.mark.slow
def test_the_demo_has_news_and_a_public_jaaragenda(app, client):
    """Does the demo's public list show the update, and its jaaragenda the agreed plan?"""
    app.test_cli_runner().invoke(args=["seed-demo"])
    with app.app_context():
        assert db.session.scalar(select(func.count(DossierNews.id))) == 1
    dossiers = client.get(f"/h/{DEMO_SLUG}/dossiers").get_data(as_text=True)
    assert "Eindelijk is het zover!" in dossiers
    agenda = client.get(f"/h/{DEMO_SLUG}/jaaragenda").get_data(as_text=True)
    assert "Afgesproken met de verhuurder op" in agenda and "huuraanpassing" in agenda.lower()
