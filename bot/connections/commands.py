"""What a resident types or presses to meet another initiative's initiator, or to join
their initiative; and the answers to the questions that follow.

Typed: "kennismaken 2026-0042" (to meet), "ik doe mee 2026-0042" or "meedoen
2026-0042", with the name to give after the number if they like. Pressed: the
buttons under the offer after a hand-in, under "what may I pass on?" and under the
initiator's question. A button's payload is checked as strictly as typed text: it
can be forged.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.cases.commands import REFERENCE

# What each side lets the other have: their name, or their name and the phone number
# or e-mail address of their initiative; or (the asker) nothing, as they stop.
NAME, CONTACT, STOP, NO = "name", "contact", "stop", "no"
MEET, JOIN = "meet", "join"
# Longer than a name need be: more is not a name.
NAME_CHARS = 60
PREFIX = "connect"

_MEET_WORDS = ("kennismaken", "kennismaking", "introduce", "meet")
_JOIN_WORDS = ("ik doe mee", "doe mee", "meedoen", "join", "i'm in", "im in")
_TYPED = re.compile(
    r"^/?(?P<words>"
    + "|".join(re.escape(word) for word in (*_MEET_WORDS, *_JOIN_WORDS))
    + r")(?:\s+(?P<reference>\S+))?(?:\s+(?P<name>.+))?$",
    re.IGNORECASE | re.DOTALL,
)


class Step(StrEnum):
    ASK = "ask"  # a resident wants to meet or join
    SHARE = "share"  # the asker chose what to pass on
    ANSWER = "answer"  # the initiator answered


@dataclass(frozen=True, slots=True)
class Ask:
    """`kind` (MEET or JOIN) about the initiative `reference`; `name` as typed, if any.
    Without a reference (`reference` ""), the resident is shown how to ask."""

    kind: str
    reference: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Choose:
    """A press under a question about connection `connection_id`: the asker's SHARE
    (NAME, CONTACT or STOP) or the initiator's ANSWER (NAME, CONTACT or NO)."""

    step: Step
    connection_id: int
    choice: str


ConnectionCommand = Ask | Choose


def parse_typed(text: str) -> Ask | None:
    """The wish `text` is, or None when it is none. A name typed after the number is
    kept; words after the command word without a number are just talk."""
    found = _TYPED.match(" ".join(text.split()))
    if found is None:
        return None
    words = found["words"].lower()
    kind = MEET if words in _MEET_WORDS else JOIN
    reference, name = found["reference"] or "", (found["name"] or "").strip()
    if not reference:
        return Ask(kind, "")
    if not REFERENCE.match(reference) or (name and kind == MEET) or len(name) > NAME_CHARS:
        return None
    return Ask(kind, reference, name)


def parse_button(payload: str) -> ConnectionCommand | None:
    """ "connect:meet:2026-0042", "connect:share:17:name", "connect:answer:17:no"."""
    prefix, _, rest = payload.partition(":")
    if prefix != PREFIX:
        return None
    what, _, rest = rest.partition(":")
    if what in (MEET, JOIN):
        return Ask(what, rest) if REFERENCE.match(rest) else None
    number, _, choice = rest.partition(":")
    if not number.isdigit() or len(number) > 18:
        return None
    if what == Step.SHARE and choice in (NAME, CONTACT, STOP):
        return Choose(Step.SHARE, int(number), choice)
    if what == Step.ANSWER and choice in (NAME, CONTACT, NO):
        return Choose(Step.ANSWER, int(number), choice)
    return None


def ask_button(kind: str, reference: str) -> str:
    return f"{PREFIX}:{kind}:{reference}"


def choice_button(step: Step, connection_id: int, choice: str) -> str:
    return f"{PREFIX}:{step.value}:{connection_id}:{choice}"


def command_words(kind: str, locale: str) -> str:
    """The words to type for `kind`, in `locale`."""
    if kind == MEET:
        return _MEET_WORDS[2] if locale == "en" else _MEET_WORDS[0]
    return _JOIN_WORDS[3] if locale == "en" else _JOIN_WORDS[0]
