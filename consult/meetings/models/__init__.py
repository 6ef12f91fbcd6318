"""The meetings' models, one module per aggregate: ``meetings`` (a meeting, its kinds, terms,
states, invitees and panel registrations) and ``agenda`` (agenda items, papers, decisions,
action points).

Importing the package imports both, so SQLAlchemy knows every mapper the relationships name.
"""

from consult.meetings.models import agenda, meetings

__all__ = ["agenda", "meetings"]
