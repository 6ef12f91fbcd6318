"""What the views of every domain do with a posted form."""

from consult.core.saving import saving


def save_valid_form(form, save):
    """Run ``save(form.details())`` for a valid posted form and commit; a rule the service
    refuses shows on the form instead, with nothing stored.

    :returns: what ``save`` returned, or None when the form comes back to the user.
    """
    if not form.validate_on_submit():
        return None
    with saving(form.form_errors) as saved:
        result = save(form.details())
    return result if saved else None
