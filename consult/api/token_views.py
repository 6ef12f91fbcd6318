"""The board's page of API tokens: make one (shown once), see when each was used, revoke."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from consult.api import tokens, tokens_bp
from consult.api.forms import TokenForm
from consult.api.models import ApiToken
from consult.core.policy import Action
from consult.extensions import db
from consult.mail.outbox import external_url
from consult.organisations.access import organisation_required, scoped_or_404


def _page(form: TokenForm | None = None, made: tuple[ApiToken, str] | None = None, status=200):
    return render_template(
        "api/tokens.html",
        rows=tokens.tokens_of(g.organisation),
        form=form or TokenForm(formdata=None),
        made=made,
        api_url=external_url("api.organisation", org=g.organisation.slug),
        openapi_url=external_url("api.openapi_document"),
    ), status


@tokens_bp.route("/")
@organisation_required(Action.EDIT)
def index():
    """The organisation's API tokens: what the API gives, who made each token, when used."""
    return _page()


@tokens_bp.route("/", methods=["POST"])
@organisation_required(Action.EDIT)
def create():
    """Make a token and show it this once (only its hash is kept)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    made = tokens.make_token(g.organisation, form.name.data, current_user)
    db.session.commit()
    return _page(made=made)


@tokens_bp.route("/<int:token_id>/revoke", methods=["POST"])
@organisation_required(Action.EDIT)
def revoke(token_id):
    """Revoke a token: programs using it get 401 from now on."""
    token = scoped_or_404(ApiToken, token_id)
    if FlaskForm().validate_on_submit() and tokens.revoke(token, current_user):
        db.session.commit()
        flash(_("The token “%(name)s” no longer works.", name=token.name), "info")
    return redirect(url_for("api_tokens.index"))
