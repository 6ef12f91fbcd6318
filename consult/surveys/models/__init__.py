"""The surveys' models, one module per aggregate: ``consultations`` (a consultation, its status,
state and open link), ``questions`` (its questions and options, the kinds of question and their
scales) and ``responses`` (responses, answers, drafts, open votes, segments).

Importing the package imports all three, so SQLAlchemy knows every mapper the relationships
name.
"""

from consult.surveys.models import consultations, questions, responses

__all__ = ["consultations", "questions", "responses"]
