"""The short personal code printed on a letter: a one-time link typed by hand at ``/c``.

A code is 10 characters from an alphabet without the confusable 0/O, 1/I/L (and U/V), shown
in two groups of five ("K7QX2-M9FRA"). Like a link's token it is derived with HMAC from the
app's secret and the invitation's salt, so the database holds only its hash
(``Invitation.code_hash``), while the letters and the personal paper questionnaire can print
it again whenever they are made. What is typed is forgiven spaces, dashes and case.

Other domains ask for a member's code through ``member_code(consultation, member)`` or
``code_of(invitation)`` (None for invitations by e-mail) and never build one themselves.
"""

import hashlib
import hmac

from flask import current_app
from sqlalchemy import select

from consult.core.tokens import hash_token
from consult.extensions import db
from consult.invitations.models import Invitation

#: 29 characters that cannot be mistaken for each other when read from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 10
#: What a code is derived for (see ``consult.core.tokens``): never the link's token.
PURPOSE = "letter-code"


def derive_code(salt: str) -> str:
    """The code of an invitation with ``salt``, without grouping (10 characters)."""
    key = current_app.config.get("TOKEN_KEY") or current_app.config["SECRET_KEY"]
    number = int.from_bytes(
        hmac.digest(key.encode(), f"{PURPOSE}:{salt}".encode(), hashlib.sha256), "big"
    )
    characters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        characters.append(ALPHABET[index])
    return "".join(characters)


def hash_code(code: str) -> str:
    """The stored form of a code (or of what was typed, once normalised)."""
    return hash_token(f"{PURPOSE}:{normalised(code)}")


def normalised(typed: str) -> str:
    """What was typed, without spaces or dashes, in capitals."""
    return "".join(c for c in typed.upper() if c.isalnum())


def grouped(code: str) -> str:
    """The code as printed and shown: two groups of five, "K7QX2-M9FRA"."""
    return f"{code[:5]}-{code[5:]}"


def code_of(invitation) -> str | None:
    """The printed code of ``invitation`` (grouped), or None when it went by e-mail.

    :param invitation: a ``consult.invitations.models.Invitation``.
    """
    if invitation.code_hash is None:
        return None
    return grouped(derive_code(invitation.token_salt))


def member_code(consultation, member) -> str | None:
    """The printed code of ``member``'s letter for ``consultation`` (grouped, "K7QX2-M9FRA"),
    or None when they were not invited by letter. Valid or used: the caller decides.

    :param consultation: a ``Consultation``; :param member: a ``PanelMember``.
    """
    invitation = db.session.scalar(
        select(Invitation).where(
            Invitation.consultation_id == consultation.id, Invitation.member_id == member.id
        )
    )
    return code_of(invitation) if invitation is not None else None
