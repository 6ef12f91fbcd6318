"""The mails of a draagvlakmeting: the address's one-time voting link, and the reminder to
addresses that have not voted."""

from flask_babel import lazy_gettext as _l

from consult.draagvlak.models import MetingAddress
from consult.draagvlak.services import link_of
from consult.extensions import db
from consult.mail.kinds import MailKinds
from consult.mail.outbox import external_url

kinds = MailKinds()
PERSONAL = ("link", "address")
SUBJECTS = {
    "draagvlak_link": _l("Your vote, please: %(title)s"),
    "draagvlak_reminder": _l("Reminder, your vote: %(title)s"),
}


@kinds.renderer("draagvlak_link", label=_l("Draagvlakmeting vote link"), personal=PERSONAL)
@kinds.renderer("draagvlak_reminder", label=_l("Draagvlakmeting reminder"), personal=PERSONAL)
def render_vote_link(message):
    """The link and the reminder: the same one-time link of the address, another subject."""
    address = db.session.get(MetingAddress, message.context["address_id"])
    meting = address.meting
    return SUBJECTS[message.kind] % {"title": meting.title}, {
        "link": external_url("address_vote.ballot", token=link_of(address)),
        "address": address.address,
        "meting": meting,
        "organisation": meting.organisation,
    }
