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
    _register_blueprints(app)
    _init_cross_cutting(app)
    return app


def _init_extensions(app: Flask) -> None:
    from consult.core.i18n import select_locale
    from consult.extensions import (
        babel,
        csrf,
        db,
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
        from consult.accounts.models import User

        return db.session.get(User, int(user_id))


def _register_blueprints(app: Flask) -> None:
    from consult.accounts import bp as accounts_bp

    # Importing the views attaches their routes (and mail renderers) to the blueprints.
    from consult.accounts import team_bp
    from consult.accounts import team_views as _team  # noqa: F401
    from consult.accounts import views as _accounts  # noqa: F401
    from consult.agreements import bp as agreements_bp
    from consult.agreements import views as _agreements  # noqa: F401
    from consult.api import bp as api_bp
    from consult.api import token_views as _api_tokens  # noqa: F401
    from consult.api import tokens_bp as api_tokens_bp
    from consult.api import views as _api  # noqa: F401
    from consult.audit import bp as audit_bp
    from consult.audit import views as _audit  # noqa: F401
    from consult.core.views import bp as core_bp
    from consult.dossiers import advice_views as _advice  # noqa: F401
    from consult.dossiers import bp as dossiers_bp
    from consult.dossiers import calendar_bp
    from consult.dossiers import calendar_views as _calendar  # noqa: F401
    from consult.dossiers import deadline_mail as _deadline_mail  # noqa: F401
    from consult.dossiers import document_views as _dossier_documents  # noqa: F401
    from consult.dossiers import views as _dossiers  # noqa: F401
    from consult.dossiers.feedback_views import public_bp as feedback_bp
    from consult.dossiers.landlord_views import bp as landlord_bp
    from consult.imports import bp as imports_bp
    from consult.imports import views as _imports  # noqa: F401
    from consult.invitations import bp as invitations_bp
    from consult.invitations import public_bp as answer_bp
    from consult.invitations import views as _invitations  # noqa: F401
    from consult.koepel import bp as koepel_bp
    from consult.koepel import views as _koepel  # noqa: F401
    from consult.membership import bp as membership_bp
    from consult.membership import retention as _retention  # noqa: F401
    from consult.membership import settings_bp as panel_settings_bp
    from consult.membership import settings_views as _panel_settings  # noqa: F401
    from consult.membership import views as _membership  # noqa: F401
    from consult.organisations import bp as organisations_bp
    from consult.organisations import views as _organisations  # noqa: F401
    from consult.panel import bp as panel_bp
    from consult.panel import dashboard_views as _panel_dashboard  # noqa: F401
    from consult.panel import segment_views as _panel_segments  # noqa: F401
    from consult.panel import views as _panel  # noqa: F401
    from consult.planning import bp as planning_bp
    from consult.planning import views as _planning  # noqa: F401
    from consult.results import bp as results_bp
    from consult.results import open_views as _open_answers  # noqa: F401
    from consult.results import views as _results  # noqa: F401
    from consult.surveys import bp as surveys_bp
    from consult.surveys import builder_views as _builder  # noqa: F401
    from consult.surveys import paper_views as _paper  # noqa: F401
    from consult.surveys import views as _surveys  # noqa: F401
    from consult.surveys.open_views import bp as open_bp

    for blueprint in (
        core_bp,
        accounts_bp,
        team_bp,
        organisations_bp,
        panel_bp,
        imports_bp,
        surveys_bp,
        invitations_bp,
        answer_bp,
        open_bp,
        membership_bp,
        panel_settings_bp,
        results_bp,
        dossiers_bp,
        calendar_bp,
        agreements_bp,
        koepel_bp,
        planning_bp,
        feedback_bp,
        landlord_bp,
        audit_bp,
        api_tokens_bp,
        api_bp,
    ):
        app.register_blueprint(blueprint)


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
