"""Settings for the test suite: a fresh database per test, mail kept in the outbox."""

TESTING = True
SECRET_KEY = "testing-secret"
WTF_CSRF_ENABLED = False
BASE_URL = "http://localhost"
RATELIMIT_STORAGE_URI = "memory://"
