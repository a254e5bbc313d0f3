"""The photos a resident sent, for whoever holds their initiative to see.

Each photo goes as a file of its own after the text, from our copy on disk. The
message names the initiative's reference, so an erasure that removes the messages
about an initiative removes these too. A photo we kept no copy of (larger than the
platform's cap, or a Matrix image we hold only the address of) is named, not sent.
"""

import logging
import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from bot.messages import Attachment
from bot.notices import Notice, Reply
from bot.texts.i18n import translations

log = logging.getLogger(__name__)


def photo_notices(
    reference: str, photos: Sequence[Mapping[str, str]], readers: Iterable[tuple[str, str]]
) -> list[Notice]:
    """A message per photo per reader chat ("channel:id", language)."""
    files = [_attachment(reference, number, photo) for number, photo in enumerate(photos, 1)]
    notices: list[Notice] = []
    for chat, locale in readers:
        _ = translations(locale).gettext
        for number, file in enumerate(files, 1):
            caption = _("Photo {number} of {count} with {reference}").format(
                number=number, count=len(files), reference=reference
            )
            if file is None:
                caption += " " + _("(it cannot be sent here; it is kept with the initiative)")
            notices.append(Notice(chat, Reply(caption, attachment=file)))
    return notices


def _attachment(reference: str, number: int, photo: Mapping[str, str]) -> Attachment | None:
    path = Path(photo.get("path", ""))
    if not photo.get("path") or not path.is_file():
        return None
    try:
        content = path.read_bytes()
    except OSError as error:
        log.warning("a photo of %s could not be read: %s", reference, error.strerror)
        return None
    media_type = mimetypes.guess_type(path.name)[0] or "image/jpeg"
    suffix = path.suffix or ".jpg"
    return Attachment(f"{reference}-foto-{number}{suffix}", media_type, content)
