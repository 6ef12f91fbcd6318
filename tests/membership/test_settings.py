"""The board writes the privacy text and retention period; the log shows who did what."""

from sqlalchemy import select

from consult.extensions import db
from consult.panel.models import PrivacyStatement
from tests.conftest import login


def test_a_changed_privacy_text_becomes_a_new_version(client, world):
    """Does saving a changed privacy text add a version, shown on the join page and in the log?"""
    login(client, world.a.admin)
    for text in ("Versie een.", "Versie een.", "Versie twee."):
        response = client.post(
            f"/o/{world.a.slug}/panel/settings/",
            data={"privacy_text": text, "retention_months": "24"},
        )
        assert response.status_code == 302
    assert "Versie twee." in client.get(f"/join/{world.a.slug}").text
    log = client.get(f"/o/{world.a.slug}/audit/").text
    assert log.count("published a new privacy statement") == 2
    assert world.a.admin in log


def test_an_impossible_retention_period_is_refused(app, client, world):
    """Is a retention period of 0 months refused with a message, storing nothing?"""
    login(client, world.a.admin)
    response = client.post(
        f"/o/{world.a.slug}/panel/settings/",
        data={"privacy_text": "Tekst.", "retention_months": "0"},
    )
    assert response.status_code == 200 and "Number must be between 3 and 120." in response.text
    with app.app_context():
        assert db.session.scalars(select(PrivacyStatement)).all() == []


def test_the_audit_log_cannot_be_changed(app, world):
    """Does the database layer refuse to change or delete an audit entry?"""
    import pytest

    from consult.audit import services as audit
    from consult.organisations.models import Organisation

    with app.app_context():
        entry = audit.record(db.session.get(Organisation, world.a.id), "panel.exported", rows=3)
        db.session.commit()
        entry.action = "member.erased"
        with pytest.raises(PermissionError):
            db.session.commit()
        db.session.rollback()
        db.session.delete(entry)
        with pytest.raises(PermissionError):
            db.session.commit()
