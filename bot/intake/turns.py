"""What the conversation core hands back to its shell for one message."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.intake.contact import ContactDetail


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
    # Questions the resident asked during the intake, for the contact to answer.
    questions: tuple[str, ...] = ()
    # What they typed that answered no question (a story at a choice, say): kept, so
    # that the contact reads it.
    notes: tuple[str, ...] = ()
    # Where exactly, beyond the village or neighbourhood: "de Oostplaat", "bij de molen".
    place_detail: str | None = None


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


@dataclass(frozen=True, slots=True)
class LookAlike:
    """What the idea is about and where is now known: the shell looks for similar
    initiatives to show before the next question."""

    title: str
    description: str | None
    area: str
    theme: str
    locale: str


@dataclass(frozen=True, slots=True)
class OfferExamples:
    """The resident asked for help in the intake: the shell offers one or two initiatives
    of others that are done, of this theme or nearby where those are known."""

    area: str | None
    theme: str | None
    locale: str


Effect = Submission | ShowMine | ShowMyData | Relay | LookAlike | OfferExamples
