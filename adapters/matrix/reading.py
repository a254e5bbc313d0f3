"""Matrix room events as the core's `Incoming`: who said what, where.

Deliberate choices, so that nothing becomes an answer by accident:
- the bot's own events are never heard;
- an edit (`m.replace`) is not heard: the original was the answer, and a changed
  answer is typed anew;
- a redaction is not heard: what was handled stays handled;
- `m.notice` messages come from bots and are not heard, so two bots never talk
  to each other;
- media the bot cannot read (files, audio, video, stickers) gets the core's
  "I can read text, locations and photos" answer.
"""

import re
from dataclasses import replace
from typing import Any

from bot.messages import UNREADABLE, Incoming, Location, Photo

CHANNEL = "matrix"
GEO_URI = re.compile(r"^geo:(-?[0-9.]+),(-?[0-9.]+)")
UNREADABLE_TYPES = {"m.file", "m.audio", "m.video"}
READABLE_TYPES = {"m.text", "m.emote", "m.location", "m.image"}


def from_event(
    event: dict[str, Any], chat_id: str, me: str, group: bool, replied_text: str
) -> Incoming | None:
    """The `Incoming` for a room event's source, or None when the bot should not hear it."""
    sender = str(event.get("sender", ""))
    if sender == me or event.get("type") not in ("m.room.message", "m.sticker"):
        return None
    content = event.get("content") or {}
    if replaced(content):
        return None
    msgtype = content.get("msgtype", "")
    heard = Incoming(
        channel=CHANNEL,
        chat_id=chat_id,
        sender_id=sender,
        event_id=str(event.get("event_id", "")),
        group=group,
    )
    if event.get("type") == "m.sticker" or msgtype in UNREADABLE_TYPES:
        return None if group else replace(heard, payload=UNREADABLE)
    if msgtype not in READABLE_TYPES:
        return None  # m.notice from another bot, or a type we do not know
    if msgtype == "m.location":
        where = GEO_URI.match(str(content.get("geo_uri", "")))
        if group or where is None:
            return None
        return replace(heard, location=Location(float(where.group(1)), float(where.group(2))))
    if msgtype == "m.image":
        url = content.get("url") or (content.get("file") or {}).get("url", "")
        if group or not url:
            return None
        return replace(heard, text=caption(content), photo=Photo(str(url)))
    text = without_reply_fallback(str(content.get("body", "")))
    return replace(heard, text=text, replied_text=replied_text)


def caption(content: dict[str, Any]) -> str:
    """An image's caption: its body, when a separate file name says the body is no name
    (Matrix 1.10 media captions)."""
    body, filename = str(content.get("body", "")), content.get("filename")
    return body if filename and filename != body else ""


def replaced(content: dict[str, Any]) -> bool:
    return (content.get("m.relates_to") or {}).get("rel_type") == "m.replace"


def replied_event_id(content: dict[str, Any]) -> str | None:
    """The event a message replies to, if it is a reply."""
    reply = (content.get("m.relates_to") or {}).get("m.in_reply_to") or {}
    event_id = reply.get("event_id")
    return str(event_id) if event_id else None


def without_reply_fallback(body: str) -> str:
    """Older clients quote the message replied to as "> " lines first; drop them."""
    lines = body.split("\n")
    if not lines or not lines[0].startswith("> <"):
        return body
    rest = lines
    while rest and rest[0].startswith(">"):
        rest = rest[1:]
    return "\n".join(rest).strip()
