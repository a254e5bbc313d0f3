"""The "vergeet mij" question: what erasing means, and the resident's yes or no.

Pure: the conversation core asks and reads the answer; the shell erases.
"""

from enum import Enum

from bot.matching import normalize
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.i18n import translations

YES = "forget:yes"
NO = "forget:no"
# Typed answers are read strictly: erasing cannot be undone.
_YES_WORDS = frozenset({"ja", "yes", "ja vergeet mij", "yes forget me", "vergeet mij", "forget me"})
_NO_WORDS = frozenset(
    {"nee", "no", "niet", "stop", "annuleer", "cancel", "terug", "back", "nee dank je"}
)


class Confirmation(Enum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


def question(locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "Do you want us to erase everything we keep about you? That is your name, "
        "contact details, initiatives, messages and answers. Initiatives still open are "
        "withdrawn and their contacts are told. This cannot be undone. Tip: type "
        "\u201cmy data\u201d first for a copy."
    )
    choices = (Choice(YES, _("Yes, erase everything")), Choice(NO, _("No, keep it")))
    return Reply(text, choices)


def read(text: str, payload: str) -> Confirmation:
    """A pressed button counts; typed, only a clear yes or no does."""
    if payload:
        return {YES: Confirmation.YES, NO: Confirmation.NO}.get(payload, Confirmation.UNCLEAR)
    words = normalize(text)
    if words in _YES_WORDS:
        return Confirmation.YES
    return Confirmation.NO if words in _NO_WORDS else Confirmation.UNCLEAR


def kept(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Nothing has been erased.")


def unclear(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Please answer yes or no: shall we erase everything we keep about you?")
