"""Consult: tenant panels, consultations and advice dossiers for tenant organisations."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from consult.core.requests import init_request_reading
from consult.settings import INSTANCE_PATH, load_settings, shipped


def create_app(config: dict | None = None) -> Flask:
    """Build the application.

    :param config: settings that win over files and environment (the tests use this).
    """
    app = Flask(
        __name__,
        template_folder=str(shipped("templates")),
        instance_path=INSTANCE_PATH,
    )
    load_settings(app, config)
    init_request_reading(app)
    if app.config["TRUSTED_PROXIES"]:
        # Behind a proxy every request seems to come from it: rate limits per visitor need
        # the address the proxy forwards.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    _init_extensions(app)
    _init_domains(app)
    _init_cross_cutting(app)
    return app


def _init_extensions(app: Flask) -> None:
    from consult.core.i18n import select_locale
    from consult.extensions import (
        babel,
        csrf,
        db,
        init_idle_ping,
        init_session_end,
        init_sqlite_pragmas,
        limiter,
        login_manager,
        mail,
        migrate,
    )

    db.init_app(app)
    init_session_end(app)
    with app.app_context():
        init_sqlite_pragmas(db.engine, app.config["SQLITE_BUSY_TIMEOUT_SECONDS"])
        init_idle_ping(db.engine)
    migrate.init_app(app, db, directory=str(shipped("migrations")), render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to see this page.")

    @login_manager.user_loader
    def load_user(user_id):
        # Only a live session row signs someone in: see consult/accounts/sessions.py.
        from flask import session

        from consult.accounts import sessions

        return sessions.user_of(user_id, session.get(sessions.SESSION_KEY))


def _init_domains(app: Flask) -> None:
    """Each domain registers its own pages, mail and periodic jobs; mail comes first, as
    the others register into it."""
    from consult import (
        accounts,
        agreements,
        annual,
        api,
        audit,
        core,
        dossiers,
        draagvlak,
        elections,
        events,
        imports,
        installation,
        invitations,
        koepel,
        mail,
        mailings,
        meetings,
        membership,
        organisations,
        panel,
        planning,
        results,
        surveys,
        texts,
        themes,
        workgroups,
    )

    domains = (
        mail,
        core,
        accounts,
        organisations,
        panel,
        imports,
        surveys,
        invitations,
        texts,
        membership,
        mailings,
        results,
        dossiers,
        draagvlak,
        agreements,
        koepel,
        planning,
        meetings,
        workgroups,
        themes,
        annual,
        events,
        elections,
        audit,
        api,
        installation,
    )
    for domain in domains:
        domain.init_app(app)


def _init_cross_cutting(app: Flask) -> None:
    from consult.cli import register_commands
    from consult.core.errors import init_error_pages
    from consult.core.i18n import init_language_switch
    from consult.core.security import init_security_headers
    from consult.core.sessions import KeptSerializerSessionInterface
    from consult.core.templating import init_templating

    app.session_interface = KeptSerializerSessionInterface()
    init_error_pages(app)
    init_language_switch(app)
    init_security_headers(app)
    init_templating(app)
    register_commands(app)
