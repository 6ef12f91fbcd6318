"""The cooperation agreement with the landlord: the kruisjeslijst (topics × rights) and its
terms, versioned by the date of the agreement."""

from flask import Blueprint

from consult.core.policy import register_organisation_blueprint

bp = Blueprint("agreements", __name__, url_prefix="/o/<org>/kruisjeslijst")
register_organisation_blueprint(bp)
