"""The calm page of a link that cannot be answered (any more): invitation and open links.

An unknown link knows no organisation: its page has a neutral heading and a calm sentence. A
used, closed or not yet open link belongs to a real invitation or open link, whose random
token (256 bits) nobody can guess, so whoever holds it was sent it: its page names the
organisation, and a closed one says since when (``docs/assurance.md`` says why this reveals
nothing). Unknown, used and closed links still answer 404 or 410, so each counts as a failed
look-up for the guessing limit (``consult.core.limits``).
"""

from flask import render_template

from consult.invitations.links import LinkState
from consult.surveys.models.consultations import Consultation

#: The status of each page; a link not yet open is a real link that will work (200).
STATUS = {LinkState.INVALID: 404, LinkState.USED: 410, LinkState.CLOSED: 404}


def unavailable_page(state: LinkState, consultation: Consultation | None = None):
    """The page and status for a link in ``state``.

    :param consultation: the link's consultation; None for an unknown link, whose page then
        names nobody whatever ``state`` says.
    """
    if consultation is None:
        state = LinkState.INVALID
    page = render_template("invitations/unavailable.html", state=state, consultation=consultation)
    return page, STATUS.get(state, 200)
