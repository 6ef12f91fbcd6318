"""What shapes an answer page before any answer, besides the kind of link, the language and
the query string: the stored values of the consultation and its organisation (the
consultation's content version counts every change to its questions and options).

A link read with ``columns()`` finds the page kept for those values without loading any
object (see ``answering.kept_blank_page``); ``of(consultation)`` gives the same values from
the loaded objects.
"""

import functools

from sqlalchemy import inspect

from consult.organisations.models import Organisation
from consult.surveys.models import Consultation


def columns() -> list:
    """The columns whose values shape the page, in the order of ``of``."""
    return [
        attribute.columns[0]
        for model in (Consultation, Organisation)
        for attribute in _shown_attributes(model)
    ]


def of(consultation) -> tuple:
    """The values of ``columns()`` for this consultation and its organisation."""
    return stored_values(consultation) + stored_values(consultation.organisation)


def stored_values(row) -> tuple:
    """The row's stored values, but for deferred ones (such as a logo), which are not shown."""
    return tuple(getattr(row, attribute.key) for attribute in _shown_attributes(type(row)))


@functools.cache
def _shown_attributes(model) -> list:
    return [attribute for attribute in inspect(model).column_attrs if not attribute.deferred]
