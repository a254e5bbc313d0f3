"""What the conversation core hands back to its shell for one message."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.intake.contact import ContactDetail
from bot.messages import Attachment, Choice


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to the resident; the shell addresses it and puts it in the outbox."""

    text: str
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    done_label: str = ""  # the button that ends a multiple choice, where there are buttons
    attachment: Attachment | None = None
    # Erasure's last word: the outbox forgets the row (and with it the chat) once sent.
    forget_once_sent: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """A reply for any chat, addressed as "channel:id" (a team chat, a contact, a resident)."""

    chat: str
    reply: Reply


@dataclass(frozen=True, slots=True)
class Submission:
    """A confirmed intake, for the shell to store as an initiative."""

    title: str
    description: str | None
    area: str
    theme: str
    help_wanted: tuple[str, ...]
    name: str | None
    contact: ContactDetail | None
    consented_at: datetime
    privacy_version: str
    locale: str
    answers: Mapping[str, Any] = field(default_factory=dict)
    photos: tuple[Mapping[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Relay:
    """Free text outside an intake: for the contact who took up the resident's initiative."""

    text: str
    locale: str


@dataclass(frozen=True, slots=True)
class ShowMine:
    """The resident asked for their initiatives; the shell looks them up."""

    locale: str


@dataclass(frozen=True, slots=True)
class ShowMyData:
    """The resident asked for everything stored about them (inzage, AVG article 15)."""

    locale: str


Effect = Submission | ShowMine | ShowMyData | Relay
