"""Checking every row of an uploaded list before anything is stored: the preview.

A row has a problem when it has neither an e-mail nor a postal address, its e-mail address
is invalid or in the list twice, its language is not nl or en, its channel is not mail or
post (post needs a postal address; a member without e-mail can only be added on a recorded
basis, as they cannot confirm by mail), a segment value is not one of the dimension's, or
it has more cells than the list has headings. Clean rows are new, update a member, or
change nothing. Members are looked up with one query for the whole list; empty cells change
nothing.
"""

from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from consult.core.errors import DomainError
from consult.extensions import db
from consult.imports.parsing import Table
from consult.panel.models import (
    Channel,
    JoinBasis,
    MemberSegment,
    MemberStatus,
    PanelImport,
    PanelMember,
    SegmentDimension,
    SegmentValue,
)
from consult.panel.services import dimensions_of

#: What a column can hold besides a segment dimension (given by its id).
EMAIL, NAME, LANGUAGE = "email", "name", "language"
POSTAL_ADDRESS, CHANNEL = "postal_address", "channel"
#: Everything but a segment dimension that a column can hold.
FIELDS = (EMAIL, NAME, LANGUAGE, POSTAL_ADDRESS, CHANNEL)
#: What a channel cell may say.
CHANNEL_WORDS = {
    "mail": Channel.MAIL,
    "email": Channel.MAIL,
    "e-mail": Channel.MAIL,
    "post": Channel.POST,
    "brief": Channel.POST,
    "letter": Channel.POST,
    "papier": Channel.POST,
}
#: What a language cell may say.
LANGUAGE_WORDS = {
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
    "tr": "tr",
    "turks": "tr",
    "turkish": "tr",
    "türkçe": "tr",
    "ar": "ar",
    "arabisch": "ar",
    "arabic": "ar",
    "العربية": "ar",
    "pl": "pl",
    "pools": "pl",
    "polish": "pl",
    "polski": "pl",
    "de": "de",
    "duits": "de",
    "german": "de",
    "deutsch": "de",
    "fr": "fr",
    "frans": "fr",
    "french": "fr",
    "français": "fr",
    "uk": "uk",
    "oekraïens": "uk",
    "ukrainian": "uk",
    "українська": "uk",
    "ti": "ti",
    "tigrinya": "ti",
    "tigrinja": "ti",
    "ትግርኛ": "ti",
}
#: How many of the rows to be added the preview shows.
SAMPLE_SIZE = 10


@dataclass
class Existing:
    """What is stored about a member the list names (looked up once for all rows)."""

    id: int
    name: str | None
    locale: str
    status: str
    postal_address: str | None
    channel: str
    segments: dict[int, tuple[int, int]] = field(default_factory=dict)  #: dim -> (row, value)


@dataclass
class Row:
    """One row of the list as it would be imported, with its problems in plain language."""

    number: int
    email: str
    problems: list[str] = field(default_factory=list)
    name: str = ""
    locale: str = ""
    values: dict[int, int] = field(default_factory=dict)  #: dimension id -> value id
    member: Existing | None = None
    postal_address: str = ""  #: one line per line, as on an envelope
    channel: str = ""  #: Channel; empty: unchanged (new members: post without e-mail)

    @property
    def address(self) -> str:
        """What identifies the member: the e-mail address, or without one the name and
        postal address."""
        return member_key(self.email, self.name, self.postal_address)


def member_key(email: str | None, name: str | None, postal_address: str | None) -> str:
    """A member's key in a list: the e-mail address, else "post:" with name and address."""
    if email:
        return email.lower()
    return "post:" + " ".join(f"{name or ''} {postal_address or ''}".casefold().split())


@dataclass
class Preview:
    """Every row of the list sorted by what the import would do with it."""

    new: list[Row]
    updated: list[Row]
    unchanged: list[Row]
    problems: list[Row]
    dimensions: list[SegmentDimension]  #: the dimensions the list gives values for

    @property
    def value_labels(self) -> dict[int, str]:
        return {value.id: value.label for d in self.dimensions for value in d.values}

    @property
    def left(self) -> list[Row]:
        """Rows naming members who left the panel: updated, not invited again."""
        return [r for r in self.updated + self.unchanged if r.member.status == MemberStatus.LEFT]

    def sample(self) -> list[Row]:
        return self.new[:SAMPLE_SIZE]


@dataclass
class Columns:
    """Where each kind of data is in a row, and the values of the mapped dimensions."""

    index: dict[str | int, int]  #: "email", "name", "language" or dimension id -> column
    dimensions: list[SegmentDimension]
    labels: dict[int, dict[str, SegmentValue]]  #: dimension id -> casefolded label -> value
    width: int

    @classmethod
    def of(cls, mapping: dict, headings: list[str], organisation) -> "Columns":
        known = {d.id: d for d in dimensions_of(organisation)}
        index = {
            target: headings.index(heading)
            for heading, target in mapping.items()
            if heading in headings and (target in FIELDS or target in known)
        }
        dimensions = [known[target] for target in index if target in known]
        labels = {d.id: {v.label.strip().casefold(): v for v in d.values} for d in dimensions}
        return cls(index, dimensions, labels, len(headings))


def gone_message() -> str:
    return _(
        "This list has been imported already, or it was removed because it was not"
        " imported within a day. Upload it again to start over."
    )


def preview(panel_import: PanelImport) -> Preview:
    """Check every row: address, duplicates, language, segment values; compare with the panel.

    :raises DomainError: when the list is gone or its columns have not been chosen yet.
    """
    if panel_import.content is None:
        raise DomainError(gone_message())
    if not panel_import.mapping:
        raise DomainError(_("Choose the columns first."))
    table = Table.from_bytes(panel_import.content)
    columns = Columns.of(panel_import.mapping, table.headings, panel_import.organisation)
    rows = [_read_row(number, cells, columns) for number, cells in table.rows]
    if panel_import.join_basis != JoinBasis.RECORDED_BASIS:
        for row in rows:
            if not row.email and row.postal_address:
                row.problems.append(
                    _(
                        "Without an e-mail address a member cannot confirm by mail: add them"
                        " on a recorded basis."
                    )
                )
    _flag_duplicates(rows)
    existing = _existing(panel_import.organisation, bool(columns.dimensions))
    result = Preview([], [], [], [], columns.dimensions)
    for row in rows:
        row.member = existing.get(row.address) if not row.problems else None
        if row.problems:
            result.problems.append(row)
        elif row.member is None:
            result.new.append(row)
        elif _changes(row, row.member):
            result.updated.append(row)
        else:
            result.unchanged.append(row)
    return result


def _read_row(number: int, cells: list[str], columns: Columns) -> Row:
    def cell(target) -> str:
        index = columns.index.get(target)
        return cells[index] if index is not None and index < len(cells) else ""

    lines = cell(POSTAL_ADDRESS).replace(",", "\n").splitlines()
    postal_address = "\n".join(line.strip() for line in lines if line.strip())
    row = Row(number, cell(EMAIL), name=cell(NAME), postal_address=postal_address)
    if len(cells) > columns.width:
        row.problems.append(_("This row has more cells than the list has column headings."))
    _read_channel(row, cell(CHANNEL))
    if not row.email and not row.postal_address:
        row.problems.append(_("There is no e-mail address."))
    elif row.email:
        try:
            validate_email(row.email, check_deliverability=False)
        except EmailNotValidError:
            row.problems.append(_("“%(value)s” is not a valid e-mail address.", value=row.email))
    if len(row.name) > 200:
        row.problems.append(_("The name is longer than 200 characters."))
    if language := cell(LANGUAGE):
        row.locale = LANGUAGE_WORDS.get(language.casefold(), "")
        if not row.locale:
            row.problems.append(
                _(
                    "Language “%(value)s” is not one of %(languages)s.",
                    value=language,
                    languages=", ".join(dict.fromkeys(LANGUAGE_WORDS.values())),
                )
            )
    for dimension in columns.dimensions:
        if not (label := cell(dimension.id)):
            continue  # unknown is allowed
        value = columns.labels[dimension.id].get(label.casefold())
        if value is None:
            row.problems.append(
                _(
                    "%(dimension)s: “%(value)s” is not one of %(labels)s.",
                    dimension=dimension.name,
                    value=label,
                    labels=", ".join(v.label for v in dimension.values),
                )
            )
        else:
            row.values[dimension.id] = value.id
    return row


def _read_channel(row: Row, word: str) -> None:
    if word:
        row.channel = CHANNEL_WORDS.get(word.casefold(), "")
        if not row.channel:
            row.problems.append(_("Channel “%(value)s” is not mail or post.", value=word))
    elif not row.email and row.postal_address:
        row.channel = Channel.POST
    if row.channel == Channel.POST and not row.postal_address:
        row.problems.append(_("Letters by post need a postal address."))


def _flag_duplicates(rows: list[Row]) -> None:
    """Every row whose address is in the list more than once gets a problem."""
    numbers: dict[str, list[int]] = {}
    for row in rows:
        if row.email or row.postal_address:
            numbers.setdefault(row.address, []).append(row.number)
    for row in rows:
        others = [n for n in numbers.get(row.address, ()) if n != row.number]
        if others:
            row.problems.append(
                ngettext(
                    "The same address is also in row %(rows)s.",
                    "The same address is also in rows %(rows)s.",
                    len(others),
                    rows=", ".join(str(n) for n in others[:5]) + (" …" if others[5:] else ""),
                )
            )


def _existing(organisation, with_segments: bool) -> dict[str, Existing]:
    """The organisation's members with an address (erased members have none), by key."""
    members = {
        member_key(email, name, postal): Existing(id, name, locale, status, postal, channel)
        for id, email, name, locale, status, postal, channel in db.session.execute(
            select(
                PanelMember.id,
                PanelMember.email,
                PanelMember.name,
                PanelMember.locale,
                PanelMember.status,
                PanelMember.postal_address,
                PanelMember.channel,
            ).where(
                PanelMember.organisation_id == organisation.id,
                PanelMember.email.is_not(None) | PanelMember.postal_address.is_not(None),
            )
        )
    }
    if with_segments and members:
        by_id = {member.id: member for member in members.values()}
        for segment_id, member_id, dimension_id, value_id in db.session.execute(
            select(
                MemberSegment.id,
                MemberSegment.member_id,
                MemberSegment.dimension_id,
                MemberSegment.value_id,
            )
            .join(PanelMember)
            .where(PanelMember.organisation_id == organisation.id)
        ):
            if member_id in by_id:
                by_id[member_id].segments[dimension_id] = (segment_id, value_id)
    return members


def changes_details(row: Row, member: Existing) -> bool:
    """Whether the row gives the member another name, language, postal address or channel
    (empty cells do not)."""
    return any(
        new and new != old
        for new, old in (
            (row.name, member.name),
            (row.locale, member.locale),
            (row.postal_address, member.postal_address),
            (row.channel, member.channel),
        )
    )


def _changes(row: Row, member: Existing) -> bool:
    """Whether importing the row changes the member; empty cells change nothing."""
    return changes_details(row, member) or any(
        member.segments.get(d, (None, None))[1] != v for d, v in row.values.items()
    )
