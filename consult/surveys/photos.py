"""Photo questions: one photo from the phone's camera, checked by its content, stripped of
its metadata, stored through the shared upload store and shown only to the board.

What is kept: the pixels only. A photo is opened with Pillow, turned upright by its EXIF
orientation and saved anew without any metadata (EXIF with the location, XMP, comments,
colour profile), so neither where nor with what it was taken travels along. JPEG and PNG
stay what they are; HEIC (iPhones) is decoded by pillow-heif and kept as JPEG, which every
browser shows. The answer's row keeps the file's random name (``Answer.text``); in an
anonymous consultation the file gets fixed times, so neither its name nor its times pair it
with a respondent. Photos never go into exports, open answers or public feedback: the
results count them, and the board opens them one by one (``surveys.photo``).
"""

import io
import re
import warnings
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps
from pillow_heif import register_heif_opener
from sqlalchemy import select

from consult.core import uploads
from consult.core.errors import DomainError
from consult.extensions import db
from consult.surveys.models.questions import Question, QuestionKind
from consult.surveys.models.responses import Answer

register_heif_opener()

#: What a tenant may upload; judged by content, never by name.
UPLOADED = (uploads.JPEG, uploads.PNG, uploads.HEIC)
#: The stored name of a photo (``uploads.new_name``): anything else in an answer is refused.
STORED_NAME = re.compile(r"^[0-9a-f]{32}$")


def max_megabytes() -> int:
    return current_app.config["MAX_PHOTO_BYTES"] // (1024 * 1024)


def _too_large() -> str:
    return _(
        "The photo is larger than %(size)d MB. Take it at a lower resolution, or send a"
        " smaller copy.",
        size=max_megabytes(),
    )


def _refused() -> str:
    return _("This file is not a photo. Add a JPEG, PNG or HEIC photo.")


ACCEPTED = uploads.Accepted(
    UPLOADED, lambda: current_app.config["MAX_PHOTO_BYTES"], _too_large, _refused
)
#: What is stored after stripping: JPEG and PNG only.
STORED = uploads.Accepted(
    (uploads.JPEG, uploads.PNG), lambda: 4 * current_app.config["MAX_PHOTO_BYTES"], _too_large,
    _refused,
)  # fmt: skip


def accept(organisation_id: int, data: bytes, anonymous: bool) -> str:
    """Check a photo, strip its metadata and store it.

    :returns: its stored name, the answer to keep.
    :raises DomainError: when it is too large, not a JPEG, PNG or HEIC photo, or cannot be
        read as one; ``uploads.StorageError`` when it cannot be written.
    """
    file_type = ACCEPTED.check(data)
    clean = stripped(data, file_type)
    stored = uploads.store_upload(organisation_id, clean, STORED, fixed_time=anonymous)
    current_app.logger.info("A photo was stored for organisation %s", organisation_id)
    return stored.stored_name


def stripped(data: bytes, file_type: uploads.FileType) -> bytes:
    """The photo's pixels, upright, saved anew without any metadata (HEIC as JPEG).

    :raises DomainError: when the file cannot be read as an image (damaged, or too many
        pixels: a decompression bomb).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                upright = ImageOps.exif_transpose(image)
                upright.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        raise DomainError(_("This photo cannot be read. Please take it again.")) from None
    mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
    upright = upright.convert(mode)
    pixels = Image.frombytes(mode, upright.size, upright.tobytes())  # the pixels, nothing else
    buffer = io.BytesIO()
    if file_type == uploads.PNG:
        pixels.save(buffer, "PNG", optimize=True)
    else:
        pixels.convert("RGB").save(buffer, "JPEG", quality=88)  # HEIC too: browsers show JPEG
    return buffer.getvalue()


def is_stored_name(name) -> bool:
    """Whether ``name`` can be the stored name of a photo (a random name, nothing more)."""
    return isinstance(name, str) and STORED_NAME.match(name) is not None


def discard_unsent(drafts) -> int:
    """Remove, once the transaction commits, the photos of pages that will never be sent:
    those in ``drafts`` (pairs of a draft's answers and its organisation's id) that no sent
    answer keeps (a draft of changes to sent answers may keep their photo).

    :returns: how many photos are removed.
    """
    named = {
        (organisation_id, value["photo"])
        for answers, organisation_id in drafts
        for value in (answers or {}).values()
        if isinstance(value, dict) and is_stored_name(value.get("photo"))
    }
    if not named:
        return 0
    sent = set(
        db.session.scalars(select(Answer.text).where(Answer.text.in_([n for _, n in named])))
    )
    unsent = [(organisation_id, name) for organisation_id, name in named if name not in sent]
    for organisation_id, name in unsent:
        uploads.discard_after_commit(uploads.path_of(organisation_id, name))
    return len(unsent)


def photo_answers(consultation) -> list[tuple]:
    """(answer id, question text) of every photo sent to the consultation, by question,
    in an order that says nothing of when they were sent (the random stored name)."""
    return db.session.execute(
        select(Answer.id, Question.text)
        .join(Question, Question.id == Answer.question_id)
        .where(Question.consultation_id == consultation.id, Question.kind == QuestionKind.PHOTO)
        .order_by(Question.page, Question.position, Answer.text)
    ).all()


def stored_photo(consultation, answer_id: int) -> Path | None:
    """Where the photo of answer ``answer_id`` is, when it is a photo sent to
    ``consultation``; None otherwise (another consultation's, or no photo)."""
    name = db.session.scalar(
        select(Answer.text)
        .join(Question, Question.id == Answer.question_id)
        .where(
            Answer.id == answer_id,
            Question.consultation_id == consultation.id,
            Question.kind == QuestionKind.PHOTO,
        )
    )
    return uploads.path_of(consultation.organisation_id, name) if is_stored_name(name) else None


def kind_of(path: Path) -> uploads.FileType:
    """A stored photo's type (JPEG or PNG), read from its first bytes."""
    with path.open("rb") as file:
        return uploads.PNG if file.read(8) == b"\x89PNG\r\n\x1a\n" else uploads.JPEG
