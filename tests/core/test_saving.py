"""The views' one way to save: commit, or undo and show the rule that refused the change."""

import pytest
from flask import get_flashed_messages

from consult.core.errors import DomainError
from consult.core.saving import saving
from consult.extensions import db
from consult.organisations.models import Organisation
from tests import factories


@pytest.fixture
def request_ctx(app):
    with app.test_request_context():
        yield
        db.session.rollback()


def name_in_database(organisation_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Organisation, organisation_id).name


def test_an_accepted_change_is_committed(request_ctx):
    """Is what the block changed committed, and does the outcome say so?"""
    org = factories.organisation("Voor")
    db.session.commit()
    with saving() as saved:
        org.name = "Na"
    db.session.rollback()  # nothing left to undo: it was committed
    assert saved and name_in_database(org.id) == "Na"
    assert get_flashed_messages() == []


def test_a_refused_change_is_undone_and_shown_on_the_field(request_ctx):
    """Does a DomainError undo the change and put its message on the given error list?"""
    org = factories.organisation("Voor")
    db.session.commit()
    errors = []
    with saving(errors) as saved:
        org.name = "Na"
        db.session.flush()
        raise DomainError("Niet zo.")
    assert not saved and errors == ["Niet zo."]
    assert name_in_database(org.id) == "Voor"
    assert get_flashed_messages() == []


def test_a_refused_change_without_a_field_is_flashed(request_ctx):
    """Without an error list, is the message flashed as an error?"""
    with saving() as saved:
        raise DomainError("Niet zo.")
    assert not saved
    assert get_flashed_messages(with_categories=True) == [("error", "Niet zo.")]


def test_other_errors_pass_through(request_ctx):
    """Does anything but a DomainError reach the caller, committing nothing?"""
    org = factories.organisation("Voor")
    db.session.commit()
    with pytest.raises(ZeroDivisionError), saving():
        org.name = "Na"
        1 / 0  # noqa: B018
    db.session.rollback()
    assert name_in_database(org.id) == "Voor"
