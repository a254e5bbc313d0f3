"""The message contract between the core and the platform adapters.

Adapters translate platform events into `Incoming` values and send `Outgoing`
values; they import nothing else of the core.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer a resident can pick; `key` is what the core understands."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Location:
    """A point a person shared, in WGS 84 degrees."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo a person sent: the platform's id for it, and our copy on disk if kept."""

    file_id: str
    path: str = ""  # empty when the photo was larger than the configured cap


@dataclass(frozen=True, slots=True)
class Incoming:
    """One event from a platform, addressed by channel, chat and sender."""

    channel: str
    chat_id: str
    sender_id: str
    event_id: str
    text: str = ""
    payload: str = ""  # the key of a pressed button (a `Choice.key`), if any
    language: str = ""  # the language the person's app is set to (e.g. "nl", "en-GB")
    group: bool = False  # said in a group chat rather than privately to the bot
    replied_text: str = ""  # the bot's message this one answers, where the platform has replies
    location: Location | None = None
    photo: Photo | None = None
    # The name the platform shows for the sender; kept only when they sign up for a
    # return day, so the organiser's list can name them.
    sender_name: str = ""


@dataclass(frozen=True, slots=True)
class Handled:
    """What became of an `Incoming`, so the adapter can acknowledge a button press.

    `accepted` is False for a press that changed nothing (stale, forged, a repeat);
    `note` is a short word for the person at the button, in their language.
    """

    accepted: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a message, such as a return day's calendar file (.ics)."""

    name: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message for one chat; `choices` are shown as buttons or a numbered list."""

    channel: str
    chat_id: str
    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    multiple: bool = False  # several choices may be picked, then confirmed with `done_label`
    done_label: str = ""
    # The outbox row it comes from: the same on every try, so a platform that
    # deduplicates by transaction id (Matrix) keeps a retried send from doubling.
    outbox_id: int = 0
    # Sent after the text where the platform can send files.
    attachment: Attachment | None = None
    # Sent after the text as a map pin where the platform has one; the text itself
    # carries a link to the map for the platforms (and people) that have none.
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Menu:
    """The commands a platform may list for people: in private chats or in groups, per language."""

    audience: Literal["private", "group"]
    language: str
    commands: tuple[tuple[str, str], ...]  # (command word, what it does)


# The payload an adapter sends when a person opens their chat with the bot.
OPENED = "chat:opened"
# The payload for something the bot cannot read: a sticker, voice message, video, file.
UNREADABLE = "media:unreadable"
# The payload of a start link ("t.me/<bot>?start=ouddorp"): START_PREFIX + the slug.
START_PREFIX = "start:"

# The payload of a multiple choice confirmed with its "done" button: every option pressed.
SEVERAL_PREFIX = "several:"


def several(payloads: Sequence[str]) -> str:
    """One payload for the options pressed together in a multiple choice."""
    return SEVERAL_PREFIX + "\n".join(payloads)


def split_several(payload: str) -> list[str]:
    return [one for one in payload.removeprefix(SEVERAL_PREFIX).split("\n") if one]


# What an adapter hands the core: a page of events as the platform gave them (a
# getUpdates result, a sync response), in order. It gets back, per event, what became
# of it, or the exception its handling raised: CoreUnavailable when the database did
# not answer, when nothing of the page may be confirmed to the platform.
PageHandler = Callable[[Sequence[Incoming]], Awaitable[Sequence[Handled | Exception]]]


class SendLater(Exception):
    """The platform asked us to wait before sending again; not a failure of the message.

    `away` says the platform cannot be reached (down, or not connected yet), rather
    than that it asked for patience (flood control): health checks report the first.
    """

    def __init__(self, retry_after: float, away: bool = False) -> None:
        super().__init__(f"the platform asks to wait {retry_after:g} s")
        self.retry_after = retry_after
        self.away = away


class Undeliverable(Exception):
    """The chat cannot be reached at all (the bot was blocked, removed, or the chat is
    gone); trying again will not help, so the message is parked at once."""


class CoreUnavailable(Exception):
    """The core cannot take an event now (its database did not answer); nothing of it
    was kept, so the platform should deliver it again later."""


class PlatformRefused(Exception):
    """A platform refused the bot's credentials or settings; the message names which."""


class Adapter(Protocol):
    """A platform: it delivers pages of `Incoming` to the handler and sends `Outgoing`.

    `send` raises on failure; the dispatcher keeps the message and tries again.
    """

    channel: str
    # The chats of the channel it can deliver to; None: all of them.
    chats: frozenset[str] | None

    async def start(self, handler: PageHandler) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, message: Outgoing) -> None: ...
