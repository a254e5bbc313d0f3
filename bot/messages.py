"""The message contract between the core and the platform adapters.

Adapters translate platform events into `Incoming` values and send `Outgoing`
values; they import nothing else of the core.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a resident can pick; `key` is what the core understands."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Incoming:
    """One event from a platform, addressed by channel, chat and sender."""

    channel: str
    chat_id: str
    sender_id: str
    event_id: str
    text: str = ""
    payload: str = ""  # the key of a pressed button (a `Choice.key`), if any


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message for one chat; `choices` are shown as buttons or a numbered list."""

    channel: str
    chat_id: str
    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    multiple: bool = False


# The payload an adapter sends when a person opens their chat with the bot.
OPENED = "chat:opened"

IncomingHandler = Callable[[Incoming], Awaitable[None]]


class Adapter(Protocol):
    """A platform: it delivers `Incoming` to the handler and sends `Outgoing`.

    `send` raises on failure; the dispatcher keeps the message and tries again.
    """

    channel: str
    # The chats of the channel it can deliver to; None: all of them.
    chats: frozenset[str] | None

    async def start(self, handler: IncomingHandler) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, message: Outgoing) -> None: ...
