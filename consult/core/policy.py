"""The one access policy: the roles in an organisation and what each may do.

``consult.organisations.access`` applies it to every organisation route.
"""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    BOARD = "board"
    VIEWER = "viewer"
    #: The landlord's staff: only the dossiers shared with them, never members' data.
    LANDLORD = "landlord"
    #: A working group's member who is not on the board: only the pages of their own groups.
    GROUP_MEMBER = "group_member"


class Action(StrEnum):
    VIEW = "view"  #: read results, members, dossiers
    EDIT = "edit"  #: create and change consultations, members, dossiers, send invitations
    ADMINISTER = "administer"  #: read the outbox, manage the organisation
    RESPOND = "respond"  #: the landlord: read shared dossiers, enter its reply to the advice
    WORK = "work"  #: a working-group member: read and report on their own groups only


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset({Action.VIEW}),
    Role.BOARD: frozenset({Action.VIEW, Action.EDIT}),
    Role.ADMIN: frozenset({Action.VIEW, Action.EDIT, Action.ADMINISTER}),
    Role.LANDLORD: frozenset({Action.RESPOND}),
    Role.GROUP_MEMBER: frozenset({Action.WORK}),
}

#: Roles that may change things; templates use it to show or hide edit controls.
EDITORS = frozenset(role for role, actions in PERMISSIONS.items() if Action.EDIT in actions)


def may_run_installation(user) -> bool:
    """Whether the user runs the installation (creates and suspends organisations). This is
    no role in any organisation: it opens none of their pages (consult.installation)."""
    return bool(getattr(user, "is_installation_admin", False))
