"""Load configuration: config/default.py, then a named config file, then the environment."""

import os
from pathlib import Path

from flask import Flask

PACKAGE = Path(__file__).resolve().parent
#: True in an installed wheel, which carries config/, templates/ and migrations/ (see setup.py).
INSTALLED = (PACKAGE / "_config").is_dir()


def shipped(folder: str) -> Path:
    """The top-level ``folder`` (config, templates, migrations): beside the package in a checkout
    (editable installs, the tests), inside it as ``consult/_<folder>`` in an installed wheel."""
    return PACKAGE / f"_{folder}" if INSTALLED else PACKAGE.parent / folder


#: The instance folder (SQLite database, uploads): the checkout's ``instance/``, or Flask's
#: default for an installed package (``<prefix>/var/consult-instance``).
INSTANCE_PATH = None if INSTALLED else str(PACKAGE.parent / "instance")
CONFIG_DIR = shipped("config")

#: Environment variables that override settings, with the type to read them as.
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": str,
    "BASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "RATELIMIT_STORAGE_URI": str,
    "TRUSTED_PROXIES": int,
    "REDIS_URL": str,
    "RQ_QUEUE": str,
    "MAIL_RATE_PER_MINUTE": int,
    "MAIL_BATCH_SIZE": int,
    "MAIL_CLAIM_LEASE_SECONDS": int,
    "MAIL_RETRY_BASE_SECONDS": int,
    "UPLOAD_FOLDER": str,
    "MAX_DOCUMENT_BYTES": int,
    "MEETING_PAPERS_MAIL_MAX_BYTES": int,
    "UPLOAD_MAX_UNPACKED_BYTES": int,
    "UPLOAD_MAX_COMPRESSION_RATIO": int,
    "KEEP_ANSWER_PAGES": bool,
}


def _read(value: str, kind: type):
    if kind is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return kind(value)


def database_url(url: str) -> str:
    """Accept the common ``postgres://`` spellings and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_settings(app: Flask, overrides: dict | None) -> None:
    """Fill ``app.config`` in order of precedence, lowest first.

    :param overrides: settings passed to ``create_app``, e.g. by the tests.
    :raises RuntimeError: when the production config has no SECRET_KEY.
    """
    app.config.from_pyfile(str(CONFIG_DIR / "default.py"))
    named = (overrides or {}).get("CONFIG_NAME") or os.environ.get("CONSULT_CONFIG")
    if named:
        app.config.from_pyfile(str(CONFIG_DIR / f"{named}.py"))
    for name, kind in ENVIRONMENT_SETTINGS.items():
        if os.environ.get(name):
            app.config[name] = _read(os.environ[name], kind)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config.update(overrides or {})
    if app.config.get("REDIS_URL") and not os.environ.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///{Path(app.instance_path) / 'consult.sqlite'}"
        )
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("UPLOAD_FOLDER"):
        app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in the environment for this configuration.")
