"""Saving what a view changed: commit it, or undo it and show the rule that refused it."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import flash

from consult.core.errors import DomainError
from consult.extensions import db


@dataclass
class Saved:
    """True once the block's change is committed; false after a refusal."""

    done: bool = False

    def __bool__(self) -> bool:
        return self.done


@contextmanager
def saving(errors: list | None = None) -> Iterator[Saved]:
    """Commit what the block changes; when a service refuses it with a ``DomainError``, roll
    it back and show the message, on ``errors`` (a form's or a field's error list) or else
    as a flashed error. Any other exception passes through. ::

        with saving(form.email.errors) as saved:
            services.add_member(...)
        if saved:
            flash(_("Added."), "info")
            return redirect(...)
    """
    saved = Saved()
    try:
        yield saved
    except DomainError as error:
        db.session.rollback()
        if errors is None:
            flash(str(error.message), "error")
        else:
            errors.append(error.message)
        return
    db.session.commit()
    saved.done = True
