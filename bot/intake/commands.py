"""Words a resident can type at any moment, in Dutch and English."""

from dataclasses import dataclass
from enum import StrEnum

from bot.matching import normalize


class Command(StrEnum):
    START = "start"
    STOP = "stop"
    BACK = "back"
    SKIP = "skip"
    HELP = "help"
    LANGUAGE = "language"
    MINE = "mine"
    MY_DATA = "my_data"
    FORGET = "forget"


ALIASES: dict[Command, tuple[str, ...]] = {
    Command.START: ("start", "nieuw", "new", "begin"),
    Command.STOP: ("stop", "annuleer", "annuleren", "stoppen", "cancel"),
    Command.BACK: ("terug", "back", "vorige"),
    Command.SKIP: ("overslaan", "sla over", "skip"),
    Command.HELP: ("help", "hulp", "?"),
    Command.MINE: ("mijn", "mine", "mijn initiatieven", "my initiatives"),
    Command.MY_DATA: ("mijn gegevens", "my data", "inzage"),
    Command.FORGET: (
        "vergeet mij",
        "vergeet me",
        "forget me",
        "verwijder mijn gegevens",
        "delete my data",
    ),
}
# The word chosen says the language wanted: "taal" for Dutch, "language" for English.
LANGUAGE_WORDS = {
    "taal": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "language": "en",
    "english": "en",
    "engels": "en",
}
LOCALE_CODES = {"nl": "nl", "en": "en"}
_BY_WORD = {alias: command for command, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True, slots=True)
class Parsed:
    command: Command
    locale: str = ""  # only for LANGUAGE


def asks_chat_id(text: str) -> bool:
    """ "/chatid" (or "chatid"): which chat is this and who am I, for whoever sets up the bot."""
    return text.strip().lower().lstrip("/").split("@")[0] in ("chatid", "chat-id")


def parse_command(text: str) -> Parsed | None:
    """The command `text` is, if the whole message is one; "/start" counts too."""
    stripped = text.strip()
    if stripped == "?":
        return Parsed(Command.HELP)
    words = normalize(stripped.removeprefix("/"))
    if words in _BY_WORD:
        return Parsed(_BY_WORD[words])
    if words in LANGUAGE_WORDS:
        return Parsed(Command.LANGUAGE, LANGUAGE_WORDS[words])
    first, _, rest = words.partition(" ")
    if first in ("taal", "language"):
        wanted = LOCALE_CODES.get(rest) or LANGUAGE_WORDS.get(rest)
        if wanted:
            return Parsed(Command.LANGUAGE, wanted)
    return None
