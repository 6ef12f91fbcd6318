"""Importing members from the landlord's list: upload, columns, preview and commit.

The upload is kept in the database (PanelImport), read into plain text once, so every step
sees the same rows whichever web worker serves it. The preview checks every row; the commit
checks them again and stores all clean rows in one transaction, or nothing.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from consult.audit import services as audit
from consult.core.clock import utcnow
from consult.core.errors import DomainError
from consult.core.tokens import new_salt
from consult.core.uploads import plain_name
from consult.extensions import db
from consult.imports.checks import (
    CHANNEL,
    EMAIL,
    FIELDS,
    LANGUAGE,
    NAME,
    POSTAL_ADDRESS,
    Row,
    changes_details,
    member_key,
    preview,
)
from consult.imports.parsing import Table, read_table
from consult.membership.services import ask_to_confirm
from consult.panel.models import (
    Channel,
    JoinBasis,
    MemberSegment,
    MemberStatus,
    PanelImport,
    PanelMember,
)

#: Headings recognised without a choice by the board, compared without case and punctuation.
GUESSES = {
    EMAIL: {"email", "emailadres", "emailaddress", "mail", "mailadres", "emailadressen"},
    NAME: {"naam", "name", "volledigenaam", "fullname", "naamhuurder"},
    LANGUAGE: {"taal", "language", "voorkeurstaal"},
    POSTAL_ADDRESS: {"adres", "postadres", "address", "postaladdress", "woonadres"},
    CHANNEL: {"kanaal", "channel", "voorkeurskanaal", "uitnodigingper"},
}
#: Uploads not imported within this time are deleted with their content.
KEPT_FOR = timedelta(days=1)


def too_large_message() -> str:
    megabytes = current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024)
    return _(
        "The file is larger than %(size)d MB, the most an import may be. Leave out the"
        " columns you do not need, or split the list.",
        size=megabytes,
    )


def upload(organisation, filename: str, data: bytes, basis_note=None, actor=None) -> PanelImport:
    """Keep an uploaded list until it is imported.

    :param basis_note: the lawful basis for adding members directly; None or empty: every
        new member is asked to confirm by mail.
    :raises DomainError: for a file that is too large or cannot be read as a member list.
    """
    if len(data) > current_app.config["IMPORT_MAX_BYTES"]:
        raise DomainError(too_large_message())
    filename = plain_name(filename)[:255] or "-"
    table = read_table(data, filename)
    note = (basis_note or "").strip()[:300]
    panel_import = PanelImport(
        organisation_id=organisation.id,
        uploaded_by_id=getattr(actor, "id", None),
        filename=filename,
        content=table.to_bytes(),
        join_basis=JoinBasis.RECORDED_BASIS if note else JoinBasis.CONSENT,
        basis_note=note or None,
    )
    db.session.add(panel_import)
    db.session.flush()
    current_app.logger.info("%s uploaded by %s", panel_import, actor)
    return panel_import


def is_pending(panel_import: PanelImport) -> bool:
    """Whether the upload can still be imported (not imported, not purged)."""
    return panel_import.content is not None and panel_import.committed_at is None


def table_of(panel_import: PanelImport) -> Table:
    """The uploaded list as read (only while it is pending)."""
    return Table.from_bytes(panel_import.content)


def examples(table: Table, per_column: int = 3) -> list[list[str]]:
    """The first few values of each column, to recognise what it holds."""
    found: list[list[str]] = [[] for _heading in table.headings]
    for _number, cells in table.rows[:200]:
        for index, cell in enumerate(cells[: len(found)]):
            if cell and len(found[index]) < per_column and cell not in found[index]:
                found[index].append(cell)
    return found


def _key(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())


def guess_mapping(headings: list[str], dimensions) -> dict[str, str | int]:
    """Columns recognised by their heading ("E-mail", "e-mailadres", "Naam", a dimension's
    name); each kind of data goes to the first column that fits."""
    targets = {key: target for target, keys in GUESSES.items() for key in keys}
    targets |= {_key(dimension.name): dimension.id for dimension in dimensions}
    mapping: dict[str, str | int] = {}
    for heading in headings:
        target = targets.get(_key(heading))
        if target is not None and target not in mapping.values():
            mapping[heading] = target
    return mapping


def choose_columns(panel_import: PanelImport, headings, mapping: dict, dimensions) -> None:
    """Store which column holds what; columns left out are ignored.

    :param mapping: heading -> "email", "name", "language", "postal_address", "channel" or a
        dimension id (as text or int).
    :raises DomainError: without an e-mail or a postal address column, or when two columns
        hold the same data.
    """
    known = set(FIELDS) | {dimension.id for dimension in dimensions}
    chosen: dict[str, str | int] = {}
    for heading, target in mapping.items():
        if target in ("", None):
            continue
        target = int(target) if str(target).isdigit() else target
        if heading not in headings or target not in known:
            raise DomainError(_("Choose for each column one of the options in its list."))
        if target in chosen.values():
            raise DomainError(_("Two columns hold the same data. Choose it for one column only."))
        chosen[heading] = target
    if EMAIL not in chosen.values() and POSTAL_ADDRESS not in chosen.values():
        raise DomainError(
            _(
                "Missing required column: choose the column that holds the e-mail addresses"
                " (or the postal addresses). A list without them cannot be imported."
            )
        )
    panel_import.mapping = chosen


def commit(panel_import: PanelImport, actor=None, skip_problems=False, expected_problems=None):
    """Store the clean rows in the current transaction: new members added, known ones updated.

    New members are invited to join and each gets a mail asking them to confirm, unless the
    upload recorded a lawful basis: then they are active at once, with that basis.
    :param skip_problems: the board chose to leave out the rows with problems.
    :param expected_problems: how many rows with problems the board saw in the preview.
    :returns: the summary, e.g. {"added": 120, "updated": 4, "unchanged": 0, "skipped": 1}.
    :raises DomainError: while rows have problems (unless skipped), when the list or the
        panel changed since the preview, or when the list has been imported already.
    """
    checked = preview(panel_import)
    if checked.problems and not skip_problems:
        raise DomainError(
            ngettext(
                "%(num)d row has a problem. Correct the list and upload it again, or choose"
                " to skip it.",
                "%(num)d rows have a problem. Correct the list and upload it again, or choose"
                " to skip them.",
                len(checked.problems),
            )
        )
    if skip_problems and expected_problems != len(checked.problems):
        raise DomainError(_("The list or the panel changed since the preview. Check it again."))
    now = _claim(panel_import)
    try:
        added = _add(panel_import, checked.new, now)
        _update(checked.updated)
    except IntegrityError as error:
        raise DomainError(
            _("Some of these addresses were added to the panel meanwhile. Check the preview again.")
        ) from error
    if added and panel_import.join_basis == JoinBasis.CONSENT:
        ask_to_confirm(added)
    summary = {
        "added": len(added),
        "updated": len(checked.updated),
        "unchanged": len(checked.unchanged),
        "skipped": len(checked.problems),
    }
    panel_import.committed_at, panel_import.content, panel_import.summary = now, None, summary
    audit.record(
        panel_import.organisation,
        "panel.imported",
        f"import {panel_import.id}",
        actor=actor,
        basis=panel_import.join_basis,
        **summary,
    )
    current_app.logger.info("%s imported by %s: %s", panel_import, actor, summary)
    return summary


def _claim(panel_import: PanelImport):
    """Mark the upload imported with one conditional UPDATE: of two commits, one wins."""
    now = utcnow()
    claimed = db.session.execute(
        update(PanelImport)
        .where(
            PanelImport.id == panel_import.id,
            PanelImport.committed_at.is_(None),
            PanelImport.content.is_not(None),
        )
        .values(committed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise DomainError(_("This list has been imported already."))
    return now


def _add(panel_import: PanelImport, rows: list[Row], now) -> list[PanelMember]:
    """Insert the new members and their segments in bulk (two statements in all)."""
    if not rows:
        return []
    on_basis = panel_import.join_basis == JoinBasis.RECORDED_BASIS
    records = [
        {
            "organisation_id": panel_import.organisation_id,
            "email": row.email.lower() or None,
            "name": row.name or None,
            "postal_address": row.postal_address or None,
            "channel": row.channel or Channel.MAIL,
            "locale": row.locale or "nl",
            "status": MemberStatus.ACTIVE if on_basis else MemberStatus.INVITED,
            "token_salt": new_salt(),
            "created_at": now,
            "join_basis": JoinBasis.RECORDED_BASIS if on_basis else None,
            "basis_note": panel_import.basis_note if on_basis else None,
            "joined_at": now if on_basis else None,
        }
        for row in rows
    ]
    # Without sort_by_parameter_order: SQLite cannot promise the order of RETURNING rows
    # and would then insert one row per statement. The address tells the rows apart.
    members = db.session.scalars(insert(PanelMember).returning(PanelMember), records).all()
    by_address = {member_key(m.email, m.name, m.postal_address): m for m in members}
    segments = [
        {"member_id": by_address[row.address].id, "dimension_id": dimension, "value_id": value}
        for row in rows
        for dimension, value in row.values.items()
    ]
    if segments:
        db.session.execute(insert(MemberSegment), segments)
    return members


def _update(rows: list[Row]) -> None:
    """Give known members the name, language and segment values the list gives them."""
    members, changed_segments, new_segments = [], [], []
    for row in rows:
        member = row.member
        if changes_details(row, member):
            members.append(
                {
                    "id": member.id,
                    "name": row.name or member.name,
                    "locale": row.locale or member.locale,
                    "postal_address": row.postal_address or member.postal_address,
                    "channel": row.channel or member.channel,
                }
            )
        for dimension_id, value_id in row.values.items():
            segment_id, current = member.segments.get(dimension_id, (None, None))
            if segment_id is None:
                new_segments.append(
                    {"member_id": member.id, "dimension_id": dimension_id, "value_id": value_id}
                )
            elif current != value_id:
                changed_segments.append({"id": segment_id, "value_id": value_id})
    if members:
        db.session.execute(update(PanelMember), members)
    if changed_segments:
        db.session.execute(update(MemberSegment), changed_segments)
    if new_segments:
        db.session.execute(insert(MemberSegment), new_segments)


def purge_abandoned() -> int:
    """Delete uploads not imported within a day, with the list they hold.

    :returns: how many were deleted.
    """
    abandoned = (PanelImport.committed_at.is_(None), PanelImport.created_at < utcnow() - KEPT_FOR)
    ids = db.session.scalars(select(PanelImport.id).where(*abandoned)).all()
    if ids:  # only then write: this runs on every round of the mail worker
        db.session.execute(delete(PanelImport).where(PanelImport.id.in_(ids), *abandoned))
        db.session.commit()
    return len(ids)
