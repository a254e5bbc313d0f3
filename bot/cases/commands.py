"""What contacts and coordinators type (or press) to act on initiatives."""

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.cases.when import parse_when
from bot.vocabulary import CloseReason


class Verb(StrEnum):
    CLAIM = "claim"
    RELEASE = "release"
    FORWARD = "forward"
    INVOLVE = "involve"
    COMMENT = "comment"
    CLOSE = "close"
    OPEN = "open"
    SHOW = "show"
    REPLY = "reply"
    ASK = "ask"
    APPOINTMENT = "appointment"
    TITLE = "title"
    EXAMPLE = "example"
    HELP = "help"


WORDS: dict[Verb, tuple[str, ...]] = {
    Verb.CLAIM: ("oppakken", "claim", "pak"),
    Verb.RELEASE: ("vrijgeven", "release", "loslaten"),
    Verb.FORWARD: ("doorsturen", "forward"),
    Verb.INVOLVE: ("betrek", "involve", "betrekken"),
    Verb.COMMENT: ("notitie", "comment", "opmerking"),
    Verb.CLOSE: ("sluiten", "close", "afsluiten"),
    Verb.OPEN: ("open",),
    Verb.SHOW: ("toon", "show", "bekijk"),
    Verb.REPLY: ("antwoord", "reply", "bericht"),
    Verb.ASK: ("vraag", "ask"),
    Verb.APPOINTMENT: ("afspraak", "appointment"),
    Verb.TITLE: ("titel", "title"),
    Verb.EXAMPLE: ("voorbeeld", "example"),
    Verb.HELP: ("help", "hulp"),
}
OUTCOMES: dict[CloseReason, tuple[str, ...]] = {
    CloseReason.DONE: ("klaar", "done", "gedaan", "afgerond"),
    CloseReason.NOT_FEASIBLE: ("niet-haalbaar", "infeasible", "onhaalbaar", "not-feasible"),
    CloseReason.WITHDRAWN: ("ingetrokken", "withdrawn"),
    CloseReason.RUNNING: ("loopt", "running", "in-uitvoering", "lopend", "ongoing"),
}
# Buttons carry "verb:reference"; only these verbs need nothing more than that.
BUTTON_VERBS = (Verb.CLAIM, Verb.RELEASE, Verb.SHOW)
REFERENCE = re.compile(r"^\d{4}-\d{4,6}$")
_BY_WORD = {word: verb for verb, words in WORDS.items() for word in words}
_OUTCOME_BY_WORD = {word: key for key, words in OUTCOMES.items() for word in words}
# What each verb needs after it; a message lacking it gets the usage line.
_NEEDS_TEXT = (
    Verb.FORWARD,
    Verb.INVOLVE,
    Verb.COMMENT,
    Verb.CLOSE,
    Verb.REPLY,
    Verb.ASK,
    Verb.APPOINTMENT,
    Verb.TITLE,
    Verb.EXAMPLE,
)
# As long as a title may be (the intake's own limit is shorter).
TITLE_CHARS = 255
# An example's story is short: a few lines that others read in a list.
STORY_CHARS = 300


@dataclass(frozen=True, slots=True)
class Action:
    verb: Verb
    reference: str = ""
    # FORWARD, INVOLVE: the team as typed; CLOSE: the outcome key;
    # APPOINTMENT: local "YYYY-MM-DDTHH:MM"
    target: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Malformed:
    """A contact command without what it needs; answered with its usage."""

    verb: Verb


def parse_contact_command(text: str) -> Action | Malformed | None:
    """The action `text` asks for, or None when it is no contact command at all."""
    first, _, rest = text.strip().partition(" ")
    # Telegram groups send "/claim@initiatiefbot"; the bot name is not needed here.
    verb = _BY_WORD.get(first.lower().lstrip("/").split("@")[0])
    if verb is None:
        return None
    if verb in (Verb.OPEN, Verb.HELP):
        return Action(verb) if not rest.strip() else None
    reference, _, rest = rest.strip().partition(" ")
    rest = rest.strip()
    if not REFERENCE.match(reference):
        return Malformed(verb)
    if verb not in _NEEDS_TEXT:
        return Action(verb, reference) if not rest else Malformed(verb)
    if verb in (Verb.FORWARD, Verb.INVOLVE, Verb.CLOSE):
        target, _, rest = rest.partition(" ")
        rest = rest.strip()
        if verb is Verb.CLOSE:
            target = _OUTCOME_BY_WORD.get(target.lower(), "")
        # Involving a team needs no reason: it takes nothing away from anyone.
        if not target or not (rest or verb is Verb.INVOLVE):
            return Malformed(verb)
        return Action(verb, reference, target, rest)
    if verb is Verb.APPOINTMENT:
        return _appointment(reference, rest)
    if verb is Verb.TITLE and len(rest) > TITLE_CHARS:
        return Malformed(verb)
    if verb is Verb.EXAMPLE and len(rest) > STORY_CHARS:
        return Malformed(verb)
    return Action(verb, reference, text=rest) if rest else Malformed(verb)


def _appointment(reference: str, rest: str) -> Action | Malformed:
    found = parse_when(rest)
    if found is None or not found[1]:  # a date, a time and a place
        return Malformed(Verb.APPOINTMENT)
    when, place = found
    return Action(Verb.APPOINTMENT, reference, when.isoformat(timespec="minutes"), place)


_MENTIONED_REFERENCE = re.compile(r"\b(\d{4}-\d{4,6})\b")
_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d")


def reply_to_message(replied_text: str, text: str) -> Action | None:
    """Answering the bot's message about one initiative: a reply to its resident.

    The bot's messages about an initiative name it in their first line; a list
    names several, and a usage hint shows an example only between quotes, so
    neither counts.
    """
    first_line = _QUOTED.sub("", replied_text.partition("\n")[0])
    found = set(_MENTIONED_REFERENCE.findall(first_line))
    if len(found) != 1 or not text.strip():
        return None
    return Action(Verb.REPLY, found.pop(), text=text.strip())


def parse_button(payload: str) -> Action | Malformed | None:
    """A button's payload, checked as strictly as typed text: it can be forged."""
    verb_text, _, reference = payload.partition(":")
    if verb_text not in {verb.value for verb in BUTTON_VERBS}:
        return None
    if not REFERENCE.match(reference):
        return Malformed(Verb(verb_text))
    return Action(Verb(verb_text), reference)


def button(verb: Verb, reference: str) -> str:
    return f"{verb.value}:{reference}"


def command_word(verb: Verb, locale: str) -> str:
    """The word to show for `verb`: the first of WORDS is Dutch, the second English."""
    words = WORDS[verb]
    return words[1] if locale == "en" and len(words) > 1 else words[0]


def outcome_word(outcome: str, locale: str) -> str:
    words = OUTCOMES[CloseReason(outcome)]
    return words[1] if locale == "en" else words[0]


# --- what a resident types (or presses) about an initiative of theirs, outside an intake


class ResidentVerb(StrEnum):
    WITHDRAW = "withdraw"
    ADD = "add"


RESIDENT_WORDS: dict[ResidentVerb, tuple[str, ...]] = {
    ResidentVerb.WITHDRAW: ("intrekken", "withdraw"),
    ResidentVerb.ADD: ("aanvullen", "add", "toevoegen"),
}
YES, NO = "yes", "no"
_SURE = {"ja": YES, "yes": YES, "nee": NO, "no": NO}
_BY_RESIDENT_WORD = {word: verb for verb, words in RESIDENT_WORDS.items() for word in words}


@dataclass(frozen=True, slots=True)
class ResidentAction:
    """WITHDRAW: `answer` is "" (ask to be sure first), YES or NO. ADD: `text` is what to
    add (empty with a photo)."""

    verb: ResidentVerb
    reference: str
    text: str = ""
    answer: str = ""


@dataclass(frozen=True, slots=True)
class ResidentMalformed:
    """A resident command without its number (or with words it cannot take)."""

    verb: ResidentVerb


def parse_resident_command(
    text: str, photo: bool = False
) -> ResidentAction | ResidentMalformed | None:
    """The command `text` (a photo's caption, with `photo`) is, or None when it is none:
    the word alone, or followed by a number; the word before other words is just talk."""
    words = text.strip().split()
    if not words:
        return None
    first = words[0].lower().lstrip("/")
    rest = words[1:]
    verb = _BY_RESIDENT_WORD.get(first)
    if verb is None:
        return None
    if not rest:
        return ResidentMalformed(verb)
    reference, more = rest[0], " ".join(rest[1:])
    if not REFERENCE.match(reference):
        return None
    if verb is ResidentVerb.WITHDRAW:
        if not more:
            return ResidentAction(verb, reference)
        answer = _SURE.get(more.lower().strip(".!"))
        return ResidentAction(verb, reference, answer=answer) if answer else ResidentMalformed(verb)
    if not more and not photo:
        return ResidentMalformed(verb)
    # The text as typed, its line breaks kept: only the command words go.
    kept = text.strip().split(None, 2)[2].strip() if more else ""
    return ResidentAction(verb, reference, text=kept)


WITHDRAW_BUTTON = "withdraw"


def withdraw_button(answer: str, reference: str) -> str:
    """The payload of a yes or no under "are you sure?": "withdraw:yes:2026-0001"."""
    return f"{WITHDRAW_BUTTON}:{answer}:{reference}"


def parse_withdraw_button(payload: str) -> ResidentAction | None:
    """A yes or no under "are you sure?", checked as strictly as typed text."""
    kind, _, rest = payload.partition(":")
    answer, _, reference = rest.partition(":")
    if kind != WITHDRAW_BUTTON or answer not in (YES, NO) or not REFERENCE.match(reference):
        return None
    return ResidentAction(ResidentVerb.WITHDRAW, reference, answer=answer)


def resident_word(verb: ResidentVerb, locale: str) -> str:
    words = RESIDENT_WORDS[verb]
    return words[1] if locale == "en" else words[0]
