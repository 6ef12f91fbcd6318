"""Routes that belong to no domain: the health check and the vendored chart script."""

from flask import Blueprint, jsonify
from sqlalchemy import text

from consult.core.vendor import PLOTLY_PATH, plotly_response
from consult.extensions import db

bp = Blueprint("core", __name__)


@bp.route(PLOTLY_PATH, endpoint="plotly")
def plotly_script():
    """Plotly's partial bundle from our own static files: no CDN, gzipped, cached for good."""
    return plotly_response()


@bp.route("/healthz")
def health():
    """200 with {"status": "ok"} when the database answers, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
