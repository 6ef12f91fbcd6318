"""Routes that belong to no domain: the health check and the vendored chart script."""

from pathlib import Path

import plotly
from flask import Blueprint, jsonify, send_file
from sqlalchemy import text

from consult.extensions import db

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

bp = Blueprint("core", __name__)


@bp.route("/vendor/plotly.min.js", endpoint="plotly")
def plotly_script():
    """Plotly's JavaScript from the installed package: no CDN, cached by the browser."""
    return send_file(PLOTLY_JS, mimetype="text/javascript", max_age=7 * 24 * 3600)


@bp.route("/healthz")
def health():
    """200 with {"status": "ok"} when the database answers, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
