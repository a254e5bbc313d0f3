"""How a message is kept in an outbox row, and read back for sending."""

import base64
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.accounts import split_address
from bot.messages import Attachment, Choice, Location, Outgoing
from bot.notices import Notice, Reply
from storage import queries


def to_payload(reply: Reply) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "text": reply.text,
        "choices": [[choice.key, choice.label] for choice in reply.choices],
        "multiple": reply.multiple,
        "done_label": reply.done_label,
    }
    if reply.forget_once_sent:
        payload["forget_once_sent"] = True
    if reply.attachment is not None:
        file = reply.attachment
        content = base64.b64encode(file.content).decode("ascii")
        payload["file"] = {"name": file.name, "type": file.media_type, "base64": content}
    if reply.location is not None:
        where = reply.location
        payload["location"] = {"latitude": where.latitude, "longitude": where.longitude}
    return payload


def write(session: Session, notices: Iterable[Notice], now: datetime) -> int:
    """Put each notice in the outbox, in order, in the caller's transaction; how many."""
    rows = [(*split_address(notice.chat), to_payload(notice.reply)) for notice in notices]
    queries.enqueue_many(session, rows, now)
    return len(rows)


class Pending:
    """What a batch of events wants sent, kept until the batch is done and then written
    in one statement: one insert per event would cost a tenth of each event's time.
    Everything stays in the batch's transaction, so it commits or goes with it."""

    def __init__(self) -> None:
        self._notices: list[Notice] = []

    def add(self, notices: Iterable[Notice]) -> None:
        self._notices.extend(notices)

    def write(self, session: Session, now: datetime) -> int:
        """Into the outbox, in the order added; how many. Also before anything in the
        batch reads the outbox (an erasure deletes what it finds there)."""
        written = write(session, self._notices, now)
        self._notices.clear()
        return written


def to_outgoing(
    channel: str, chat_id: str, payload: dict[str, Any], outbox_id: int = 0
) -> Outgoing:
    return Outgoing(
        channel=channel,
        chat_id=chat_id,
        text=payload["text"],
        choices=tuple(Choice(key, label) for key, label in payload.get("choices", [])),
        multiple=bool(payload.get("multiple")),
        done_label=str(payload.get("done_label", "")),
        outbox_id=outbox_id,
        attachment=_attachment(payload.get("file")),
        location=_location(payload.get("location")),
    )


def _attachment(file: dict[str, str] | None) -> Attachment | None:
    if not file:
        return None
    return Attachment(file["name"], file["type"], base64.b64decode(file["base64"]))


def _location(where: dict[str, float] | None) -> Location | None:
    if not where:
        return None
    return Location(float(where["latitude"]), float(where["longitude"]))
