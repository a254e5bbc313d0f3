"""How an `Outgoing` looks on Matrix: a plain `body` and an HTML `formatted_body`,
choices as a numbered list, and optionally number reactions to tap.

Everything the core writes is plain text, residents' words included, so all of it
is escaped in the HTML; the only markup is what this module adds itself.
"""

import html
from typing import Any

from bot.messages import Attachment, Location, Outgoing

HTML = "org.matrix.custom.html"
# Keycap digits one to ten, as Element's reaction picker offers them.
NUMBER_REACTIONS = (*(f"{digit}\ufe0f\u20e3" for digit in "123456789"), "\U0001f51f")


def content(message: Outgoing) -> dict[str, Any]:
    """The `m.room.message` content of a message."""
    labels = [choice.label for choice in message.choices]
    numbered = [f"{number}. {label}" for number, label in enumerate(labels, start=1)]
    body = "\n".join([message.text, "", *numbered]) if numbered else message.text
    formatted = _paragraphs(message.text)
    if labels:
        items = "".join(f"<li>{html.escape(label, quote=False)}</li>" for label in labels)
        formatted += f"<ol>{items}</ol>"
    return {"msgtype": "m.text", "body": body, "format": HTML, "formatted_body": formatted}


def _paragraphs(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def reactions(message: Outgoing) -> tuple[str, ...]:
    """The number reactions offered as shortcuts: only for a single choice of up to ten."""
    if message.multiple or not 0 < len(message.choices) <= len(NUMBER_REACTIONS):
        return ()
    return NUMBER_REACTIONS[: len(message.choices)]


def reaction_number(key: str) -> int | None:
    """1 for the keycap one, and so on; None for any other reaction."""
    return NUMBER_REACTIONS.index(key) + 1 if key in NUMBER_REACTIONS else None


def reaction(event_id: str, key: str) -> dict[str, Any]:
    return {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}


def file_content(file: Attachment, uri: str, keys: dict[str, Any] | None) -> dict[str, Any]:
    """An m.image event for a picture (shown in the room), else an m.file: by its URL,
    or in an encrypted room by the keys to decrypt it."""
    picture = file.media_type.startswith("image/")
    content: dict[str, Any] = {
        "msgtype": "m.image" if picture else "m.file",
        "body": file.name,
        "filename": file.name,
        "info": {"mimetype": file.media_type, "size": len(file.content)},
    }
    if keys is None:
        content["url"] = uri
    else:
        content["file"] = {**keys, "url": uri}
    return content


def location_content(where: Location, text: str) -> dict[str, Any]:
    """An m.location event: a pin (not the sender's own whereabouts) at a geo: URI, with
    the extensible-event fields (MSC3488) that Element reads to draw its map."""
    uri = f"geo:{where.latitude:.6f},{where.longitude:.6f}"
    return {
        "msgtype": "m.location",
        "body": text,
        "geo_uri": uri,
        "org.matrix.msc3488.location": {"uri": uri, "description": text},
        "org.matrix.msc3488.asset": {"type": "m.pin"},
        "org.matrix.msc1767.text": text,
    }
