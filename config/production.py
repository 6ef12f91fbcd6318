"""Settings for a real installation: secrets and addresses come from the environment."""

SECRET_KEY = None  # must come from the environment
SESSION_COOKIE_SECURE = True
REMEMBER_COOKIE_SECURE = True
PREFERRED_URL_SCHEME = "https"
DEBUG = False
