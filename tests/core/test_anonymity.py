"""The keyed records of consult.core.anonymity: unreadable without the application's key."""

import pytest
from cryptography.exceptions import InvalidTag

from consult.core import anonymity


def test_participation_hash_depends_on_the_key_and_the_purpose(ctx, app_with):
    first = anonymity.participation_hash("consultation:1", 7)
    assert first == anonymity.participation_hash("consultation:1", 7)
    assert first != anonymity.participation_hash("consultation:2", 7)
    assert first != anonymity.participation_hash("consultation:1", 8)
    with app_with(SECRET_KEY="another key").app_context():
        assert first != anonymity.participation_hash("consultation:1", 7)


def test_a_sealed_payload_opens_only_for_its_purpose_and_key(ctx, app_with):
    blob = anonymity.seal("ballot", {"candidate": 3})
    assert b"candidate" not in blob
    assert anonymity.unseal("ballot", blob) == {"candidate": 3}
    with pytest.raises(InvalidTag):
        anonymity.unseal("answers", blob)
    with app_with(SECRET_KEY="another key").app_context(), pytest.raises(InvalidTag):
        anonymity.unseal("ballot", blob)
