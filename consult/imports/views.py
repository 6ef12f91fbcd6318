"""The board's import pages: upload, columns, preview, commit."""

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from consult.core.errors import ERROR_MESSAGES
from consult.core.policy import Action
from consult.core.saving import saving
from consult.core.uploads import allow_upload
from consult.imports import bp, checks, parsing, services
from consult.imports.forms import CommitForm, UploadForm, columns_form
from consult.mail import worker
from consult.organisations.access import may, organisation_required, scoped_or_404
from consult.panel.models import JoinBasis, PanelImport
from consult.panel.services import dimensions_of


@bp.url_value_preprocessor
def allow_a_larger_upload(endpoint, values):
    """Lists may be larger than other requests."""
    allow_upload(current_app.config["IMPORT_MAX_BYTES"])


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the limit: the upload page again, saying why (the body is never read)."""
    if g.get("organisation") is None or not may(current_user, g.organisation, Action.EDIT):
        return render_template("core/error.html", code=413, message=ERROR_MESSAGES[413]), 413
    form = UploadForm(formdata=None)
    form.file.errors = [services.too_large_message()]
    return _upload_page(form), 413


def _upload_page(form):
    return render_template(
        "imports/upload.html",
        form=form,
        max_megabytes=current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024),
        max_rows=format_decimal(parsing.MAX_ROWS),
    )


def _gone():
    flash(checks.gone_message(), "info")
    return redirect(url_for("imports.upload"))


@bp.route("/", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def upload():
    """Step 1: upload the landlord's list and choose how new members join."""
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(current_app.config["IMPORT_MAX_BYTES"] + 1)
        with saving(form.file.errors) as saved:
            panel_import = services.upload(
                g.organisation, form.file.data.filename, data, form.recorded_basis(), current_user
            )
        if saved:
            return redirect(url_for("imports.columns", import_id=panel_import.id))
    return _upload_page(form)


@bp.route("/<int:import_id>/columns", methods=["GET", "POST"])
@organisation_required(Action.EDIT)
def columns(import_id):
    """Step 2: say which column holds the address, the name, the language or a segment."""
    panel_import = scoped_or_404(PanelImport, import_id)
    if not services.is_pending(panel_import):
        return _gone()
    table, dimensions = services.table_of(panel_import), dimensions_of(g.organisation)
    mapping = panel_import.mapping or services.guess_mapping(table.headings, dimensions)
    form = columns_form(table.headings, dimensions, mapping, services.examples(table))
    if form.validate_on_submit():
        with saving(form.form_errors) as saved:
            services.choose_columns(panel_import, table.headings, form.mapping(), dimensions)
        if saved:
            return redirect(url_for("imports.preview", import_id=panel_import.id))
    return render_template("imports/columns.html", form=form, panel_import=panel_import)


@bp.route("/<int:import_id>/preview")
@organisation_required(Action.EDIT)
def preview(import_id):
    """Step 3: what the import would do, with every row that has a problem."""
    panel_import = scoped_or_404(PanelImport, import_id)
    if not services.is_pending(panel_import):
        return _gone()
    if not panel_import.mapping:
        return redirect(url_for("imports.columns", import_id=panel_import.id))
    checked = services.preview(panel_import)
    form = CommitForm(problems_seen=len(checked.problems))
    return render_template(
        "imports/preview.html", panel_import=panel_import, checked=checked, form=form
    )


@bp.route("/<int:import_id>/commit", methods=["POST"])
@organisation_required(Action.EDIT)
def commit(import_id):
    """Step 4: import the clean rows in one go, or nothing."""
    panel_import = scoped_or_404(PanelImport, import_id)
    if not services.is_pending(panel_import):
        return _gone()
    form = CommitForm()
    if not form.validate_on_submit():
        return redirect(url_for("imports.preview", import_id=import_id))
    with saving() as saved:
        summary = services.commit(
            panel_import, current_user, form.skip_problems.data, form.problems_seen.data
        )
    if not saved:
        return redirect(url_for("imports.preview", import_id=import_id))
    worker.dispatch()
    _flash_summary(summary, panel_import.join_basis)
    return redirect(url_for("panel.members"))


def _flash_summary(summary: dict, basis: str) -> None:
    flash(
        _(
            "Imported: %(added)d added, %(updated)d updated, %(skipped)d rows skipped.",
            added=summary["added"],
            updated=summary["updated"],
            skipped=summary["skipped"],
        ),
        "info",
    )
    if not summary["added"]:
        return
    if basis == JoinBasis.RECORDED_BASIS:
        flash(_("The new members are active at once, on the lawful basis you recorded."), "info")
    else:
        flash(
            _(
                "The new members get an e-mail asking them to confirm that they want to join."
                " They are on the panel once they have confirmed."
            ),
            "info",
        )
