"""Routes that belong to no domain: the health check and the vendored chart script."""

from flask import Blueprint, jsonify
from sqlalchemy import text

from consult.extensions import db
from consult.results.views import plotly_script

bp = Blueprint("core", __name__)
bp.add_url_rule("/vendor/plotly.min.js", "plotly", plotly_script)


@bp.route("/healthz")
def health():
    """200 with {"status": "ok"} when the database answers, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
