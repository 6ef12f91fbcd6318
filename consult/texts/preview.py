"""The preview of a text with a real invited member's name (or a sample member's).

The link and the code in a preview are samples: a real one would let whoever sees the
preview answer in the member's place.
"""

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from consult.extensions import db
from consult.invitations.models import Invitation
from consult.mail.outbox import external_url
from consult.panel.models import PanelMember
from consult.texts import placeholders

#: Looks like a code of a letter (consult.invitations.codes) and is none.
SAMPLE_CODE = "K7QX2-M9FRA"


def example_member(consultation, language: str) -> PanelMember | None:
    """An invited member with a name, of this language if there is one."""
    return db.session.scalar(
        select(PanelMember)
        .join(Invitation, Invitation.member_id == PanelMember.id)
        .where(Invitation.consultation_id == consultation.id, PanelMember.name.is_not(None))
        .order_by((PanelMember.locale == language).desc(), Invitation.id)
        .limit(1)
    )


def values(consultation, member: PanelMember | None) -> dict[str, str]:
    """What every placeholder shows in the preview."""
    name = member.name if member else _("Ans de Vries")
    return placeholders.about(consultation) | {
        "voornaam": placeholders.first_name(name),
        "naam": name,
        "link": external_url("answer.respond", token="voorbeeld"),
        "afmeldlink": external_url("membership.unsubscribe", member_id=0, token="voorbeeld"),
        "code": SAMPLE_CODE,
        "codepagina": external_url("codes.enter"),
        "dossier": _("Service costs policy"),
    }


def preview(kind, consultation, subject: str | None, body: str, language: str) -> dict:
    """The subject and the body as the member would read them, and whose data it shows."""
    member = example_member(consultation, language)
    shown = values(consultation, member)
    return {
        "member": member,
        "subject": placeholders.fill(subject, shown) if kind.is_mail and subject else None,
        "body": placeholders.fill_html(body, shown) if body else Markup(""),
    }
