"""What the views of every domain do with a posted form."""

from consult.core.errors import DomainError
from consult.extensions import db


def save_valid_form(form, save):
    """Run ``save(form.details())`` for a valid posted form and commit; a rule the service
    refuses shows on the form instead, with nothing stored.

    :returns: what ``save`` returned, or None when the form comes back to the user.
    """
    if not form.validate_on_submit():
        return None
    try:
        saved = save(form.details())
    except DomainError as error:
        db.session.rollback()
        form.form_errors.append(error.message)
        return None
    db.session.commit()
    return saved
