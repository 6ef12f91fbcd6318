"""Cross-cutting pieces: model mixins, the clock, the access policy, tokens, errors, i18n.

Core imports no domain: the domains build on it.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Core's own routes: the health check and the vendored chart script."""
    from consult.core import views

    app.register_blueprint(views.bp)
