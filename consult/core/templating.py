"""What every template may use: dates in the user's language, the language switch, roles."""

from urllib.parse import urlencode

from flask import Flask, g, request
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from consult.core.policy import EDITORS, PERMISSIONS, Action, Role


def _language_url(code: str) -> str:
    """The current page in another language."""
    if request.endpoint is None or request.method != "GET":
        return "?lang=" + code
    # Built from the path, not the endpoint: it needs nothing from the database (the page
    # that says the database is away has a language switch too).
    return request.path + "?" + urlencode({**request.args.to_dict(), "lang": code})


def percentage(value: float | None) -> str:
    """A 0-100 figure as a percentage in the user's language ("12,3%"); a dash when absent."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.0") + "%"


def file_size(size: int) -> str:
    """A size in bytes as people read it, in their language: "340 KB", "1,2 MB"."""
    if size < 1024 * 1024:
        return format_decimal(max(1, round(size / 1024))) + " KB"
    return format_decimal(size / (1024 * 1024), format="#,##0.0") + " MB"


def long_date(value, format: str = "long") -> str:
    """A date written out in the user's language: "14 december 2026"."""
    return format_date(value, format)


def init_templating(app: Flask) -> None:
    """Register template globals and filters."""
    app.jinja_env.globals.update(
        format_date=long_date,
        format_decimal=format_decimal,
        format_datetime=format_datetime,
        file_size=file_size,
        language_url=_language_url,
        percentage=percentage,
    )

    @app.context_processor
    def inject_context():
        role = getattr(g, "role", None)
        return {
            "current_locale": str(get_locale() or "nl"),
            "organisation": getattr(g, "organisation", None),
            "may_edit": role in EDITORS,
            "may_administer": role is not None and Action.ADMINISTER in PERMISSIONS[role],
            "is_landlord": role == Role.LANDLORD,
            "is_group_member": role == Role.GROUP_MEMBER,
        }
