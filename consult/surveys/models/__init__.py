"""The surveys' models, one module per aggregate: ``consultations`` (a consultation, its status,
state and open link), ``questions`` (its questions and options, the kinds of question and their
scales), ``responses`` (responses, answers, drafts, open votes, segments) and ``translations``
(its texts in other languages).

Importing the package imports them all, so SQLAlchemy knows every mapper the relationships
name.
"""

from consult.surveys.models import consultations, questions, responses, translations

__all__ = ["consultations", "questions", "responses", "translations"]
