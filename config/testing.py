"""Settings for the test suite: a fresh database per test, mail kept in the outbox."""

TESTING = True
SECRET_KEY = "testing-secret"
WTF_CSRF_ENABLED = False
BASE_URL = "http://localhost"
RATELIMIT_STORAGE_URI = "memory://"
#: Still scrypt, at a lower cost so the suite stays fast.
PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
#: Anonymous responses are written at once, so tests of other areas see them; the tests of
#: anonymity (tests/surveys/test_anonymity_*.py) turn holding back on (consult.surveys.holding).
HOLD_ANONYMOUS_RESPONSES = False
