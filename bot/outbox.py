"""How a message is kept in an outbox row, and read back for sending."""

from typing import Any

from bot.messages import Choice, Outgoing
from bot.turns import Reply


def to_payload(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "choices": [[choice.key, choice.label] for choice in reply.choices],
        "multiple": reply.multiple,
        "done_label": reply.done_label,
    }


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
    )
