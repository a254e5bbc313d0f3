"""How an `Outgoing` looks on Telegram: escaped HTML, parts of at most 4096
characters, and inline keyboards, with multiple choices toggled in place.

Everything the core writes is plain text, residents' words included, so all of
it is escaped; the only markup is what this module adds itself.
"""

import html
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Attachment, Outgoing, several

# Telegram's limit on one message's text, counted after entities are parsed.
MAX_TEXT = 4096
# Telegram's limit on a button's callback data.
MAX_CALLBACK_BYTES = 64
# The data of the button that confirms a multiple choice; no core payload looks like it.
DONE = "tg:done"
CHECKED = "\u2705 "
ANSWERED = "\u00bb "
# What sendPhoto takes: JPEG and PNG up to 10 MB (a GIF would become an animation).
PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# Words of the errors Telegram answers for a file it cannot show as a photo
# (PHOTO_INVALID_DIMENSIONS, IMAGE_PROCESS_FAILED, PHOTO_SAVE_FILE_INVALID, ...).
_NOT_A_PHOTO = ("photo", "image")


def parts(text: str, limit: int = MAX_TEXT) -> list[str]:
    """`text` escaped and cut into parts of at most `limit` UTF-16 units each.

    Cuts fall between paragraphs, else lines, else words, and never inside an
    entity such as &amp;. Telegram counts the text as shown, so a part's escaped
    length is a safe upper bound.
    """
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if units(html.escape(rest, quote=False)) <= limit:
            pieces.append(rest)
            break
        cut = _cut(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [html.escape(piece, quote=False) for piece in pieces] or [""]


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units, so an emoji counts two."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _cut(text: str, limit: int) -> int:
    """Where to cut `text` so that the escaped head fits in `limit`."""
    fits = 0
    size = 0
    for index, char in enumerate(text):
        size += units(html.escape(char, quote=False))
        if size > limit:
            break
        fits = index + 1
    head = text[:fits]
    for separator in ("\n\n", "\n", " "):
        at = head.rfind(separator)
        if at > fits // 2:  # do not leave a tiny part behind
            return at + len(separator)
    return fits


def keyboard(message: Outgoing) -> InlineKeyboardMarkup | None:
    """One button a row; a multiple choice ends with its "done" button."""
    if not message.choices:
        return None
    rows = [
        [InlineKeyboardButton(choice.label, callback_data=choice.key)] for choice in message.choices
    ]
    if message.multiple:
        rows.append([InlineKeyboardButton(message.done_label or "OK", callback_data=DONE)])
    return InlineKeyboardMarkup(rows)


def fits_buttons(message: Outgoing) -> bool:
    """Whether every choice key fits in Telegram's callback data."""
    return all(len(c.key.encode()) <= MAX_CALLBACK_BYTES for c in message.choices)


def numbered(message: Outgoing) -> str:
    """The choices as a numbered list, for when they cannot be buttons."""
    lines = [f"{number}. {c.label}" for number, c in enumerate(message.choices, start=1)]
    return "\n".join([message.text, "", *lines])


def is_multiple(markup: InlineKeyboardMarkup | None) -> bool:
    return markup is not None and any(b.callback_data == DONE for b in _buttons(markup))


def toggled(markup: InlineKeyboardMarkup, data: str) -> InlineKeyboardMarkup | None:
    """The keyboard with the option `data` checked or unchecked; None if it has no such option."""
    if not any(b.callback_data == data for b in _buttons(markup)):
        return None
    rows = [
        [
            InlineKeyboardButton(_flip(b.text), callback_data=b.callback_data)
            if b.callback_data == data
            else b
            for b in row
        ]
        for row in markup.inline_keyboard
    ]
    return InlineKeyboardMarkup(rows)


def _flip(label: str) -> str:
    return label.removeprefix(CHECKED) if label.startswith(CHECKED) else CHECKED + label


def checked(markup: InlineKeyboardMarkup) -> tuple[str, list[str]]:
    """The payload of the checked options, and their labels."""
    chosen = [b for b in _buttons(markup) if b.text.startswith(CHECKED) and b.callback_data != DONE]
    payloads = [str(b.callback_data) for b in chosen]
    return several(payloads), [b.text.removeprefix(CHECKED) for b in chosen]


def label_of(markup: InlineKeyboardMarkup | None, data: str) -> str:
    if markup is None:
        return ""
    return next((b.text for b in _buttons(markup) if b.callback_data == data), "")


def answered(question: str, labels: Sequence[str]) -> str:
    """The question as it reads once answered: the text, then the answer, no buttons."""
    shown = ", ".join(labels)
    answer = f"<b>{ANSWERED}{html.escape(shown, quote=False)}</b>"
    whole = f"{html.escape(question, quote=False)}\n\n{answer}"
    if units(whole) <= MAX_TEXT:
        return whole
    if units(answer) <= MAX_TEXT:
        return answer
    room = MAX_TEXT - units(f"<b>{ANSWERED}\u2026</b>")
    return f"<b>{ANSWERED}{html.escape(shown[: _cut(shown, room)], quote=False)}\u2026</b>"


def _buttons(markup: InlineKeyboardMarkup) -> list[InlineKeyboardButton]:
    return [button for row in markup.inline_keyboard for button in row]


def is_photo(file: Attachment) -> bool:
    """Whether a file can go as a photo, shown in the chat, rather than as a document."""
    return file.media_type in PHOTO_TYPES and len(file.content) <= MAX_PHOTO_BYTES


def refused_as_photo(error: str) -> bool:
    """Whether Telegram's answer refuses the picture itself, not the chat or the request."""
    lowered = error.lower()
    return any(word in lowered for word in _NOT_A_PHOTO)
