"""What a message says, whatever the question: yes, no, "I don't know", nothing, a
question or a greeting.

Residents answer "ja hoor", "klopt", "is goed", "👍", "nee dank je", "geen idee" or
"kost dit geld?"; each step of the intake reads those the same way. The words are
data (`data/plain_answers.toml`), compared after `matching.normalize`: no case,
accents or punctuation. Emoji are looked at before, since normalising drops them.
"""

import functools
import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files

from bot.matching import normalize


class Intent(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"  # "weet ik niet", "maakt niet uit": a way out of a choice


@dataclass(frozen=True, slots=True)
class Words:
    """The lists of `data/plain_answers.toml`, as sets."""

    said: dict[Intent, frozenset[str]]
    softeners: tuple[str, ...]
    emoji: dict[Intent, tuple[str, ...]]
    none: frozenset[str]
    around_none: frozenset[str]
    greetings: frozenset[str]
    question_words: frozenset[str]
    agreeing: frozenset[str]
    negations: frozenset[str]
    small_words: frozenset[str]
    into_a_place: frozenset[str]
    saying_where: frozenset[str]  # with `into_a_place`
    into_a_contact: frozenset[str]


@functools.cache
def words() -> Words:
    text = files("bot.intake").joinpath("data", "plain_answers.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return Words(
        said={meaning: frozenset(data[meaning.value]) for meaning in Intent},
        # Longest first: "dank je wel" goes before "dank je" can leave "wel" behind.
        softeners=tuple(sorted(data["softeners"], key=len, reverse=True)),
        emoji={meaning: tuple(data[f"{meaning.value}_emoji"]) for meaning in Intent},
        none=frozenset(data["none"]),
        around_none=frozenset(data["around_none"]),
        greetings=frozenset(data["greetings"]),
        question_words=frozenset(data["question_words"]),
        agreeing=frozenset(data["agreeing"]),
        negations=frozenset(data["negations"]),
        small_words=frozenset(data["small_words"]),
        into_a_place=frozenset(data["into_a_place"]),
        saying_where=frozenset(data["saying_where"]) | frozenset(data["into_a_place"]),
        into_a_contact=frozenset(data["into_a_contact"]),
    )


_PARTS = re.compile(r"[,.;!]+")
_LONG_RUNS = re.compile(r"([a-z])\1{2,}")
_SENTENCE_END = re.compile(r"[.!?\n]+")
# "akoord", "akkord": one letter off a long yes or no word.
MIN_TYPO_LENGTH = 5
TYPO_SCORE = 85.0


# Most yes and no answers are short and said by many ("ja", "oké", "nee hoor"): each is
# read once. Only those are kept: a text that says neither may be a name, a phone
# number or a story, which must not stay in this process's memory after an erasure.
_SAID: dict[str, Intent] = {}
MOST_SAID = 4096


def intent(text: str) -> Intent | None:
    """YES, NO or UNSURE when the whole message says so; None otherwise."""
    known = _SAID.get(text)
    if known is not None:
        return known
    found = _read_intent(text)
    if found is not None:
        if len(_SAID) >= MOST_SAID:
            _SAID.clear()
        _SAID[text] = found
    return found


def _read_intent(text: str) -> Intent | None:
    stripped = text.strip()
    emoji = _emoji_intent(stripped)
    if emoji is not None:
        return emoji
    found = _read_phrase(stripped)
    if found is None:
        # "ja hoor, klopt", "klopt, verstuur maar": every part says the same.
        parts = [part for part in _PARTS.split(stripped) if normalize(part)]
        readings = {_read_phrase(part) for part in parts}
        if len(parts) > 1 and len(readings) == 1:
            found = readings.pop()
    return found


def _read_phrase(text: str) -> Intent | None:
    said = _LONG_RUNS.sub(r"\1\1", normalize(text))  # "jaaaa", "neeeee"
    found = _read(said)
    if found is None:
        opener, _space, rest = said.partition(" ")
        if opener in ("ja", "yes", "nee", "no") and _read(rest) == _read(opener):
            found = _read(opener)
    if found is None and " " not in said and len(said) >= MIN_TYPO_LENGTH:
        found = _typo_of(said)
    return found


def _read(said: str) -> Intent | None:
    for ending in words().softeners:
        if said != ending:
            said = said.removesuffix(" " + ending)
    return next((meaning for meaning, known in words().said.items() if said in known), None)


def _typo_of(word: str) -> Intent | None:
    from rapidfuzz import fuzz, process

    for meaning in (Intent.YES, Intent.NO):
        long_words = [known for known in words().said[meaning] if len(known) >= 6]
        if process.extractOne(word, long_words, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE):
            return meaning
    return None


def _emoji_intent(text: str) -> Intent | None:
    """A message of emoji alone: 👍 is yes, 👎 no, 🤷 "don't know"."""
    if not text or normalize(text):
        return None
    for meaning, signs in words().emoji.items():
        if any(sign in text for sign in signs):
            return meaning
    return None


def says_nothing_needed(text: str) -> bool:
    """ "niks", "n.v.t.", "nee, niks nodig hoor", "ik heb geen hulp nodig": nothing wanted."""
    known = words()
    if normalize(text) in known.none:
        return True
    said = set(normalize(text).split())
    return bool(said & known.none) and said <= known.none | known.around_none


_HESITATION = re.compile(r"\bweet\b.*\bniet\b|\btwijfel|\bnadenken\b|\bnot sure\b|\bdont know\b")


def hesitates(text: str) -> bool:
    """ "ik weet het eerlijk gezegd nog niet zo goed": not an answer, and no story."""
    return bool(_HESITATION.search(normalize(text)))


def is_question(text: str) -> bool:
    """A question rather than an answer: it ends in "?" or opens with a question word.

    A long story that asks something along the way is still a story; only its last
    sentence counts, and only when the message is short enough to be a question.
    """
    stripped = text.strip()
    if not stripped or len(stripped.split()) > MAX_QUESTION_WORDS:
        return False
    if stripped.endswith("?"):
        return True
    first_sentence = _SENTENCE_END.split(stripped)[0]
    said = normalize(first_sentence).split()
    # "Kan" alone, or "is goed", is an answer; a question word needs a few words after
    # it; and "heb ik niet" says no.
    return (
        len(said) >= MIN_QUESTION_WORDS
        and said[0] in words().question_words
        and said[-1] not in words().negations
        and intent(stripped) is None
    )


MAX_QUESTION_WORDS = 25
MIN_QUESTION_WORDS = 3


def is_greeting(text: str) -> bool:
    """Only a greeting ("hoi!", "goedemorgen"): nothing to pass on or keep."""
    said = normalize(text)
    return said in words().greetings or said.removesuffix(" bot") in words().greetings


MAX_CONSENT_WORDS = 8


def consent_in(text: str) -> Intent | None:
    """Consent said in a sentence: "ik ga akkoord", "daar ben ik het niet mee eens"."""
    said = set(normalize(text).split())
    if not said & words().agreeing or len(said) > MAX_CONSENT_WORDS:
        return None
    return Intent.NO if said & words().negations else Intent.YES


# An idea told without being asked: more than a word or two.
MIN_IDEA_WORDS = 4


def tells_an_idea(text: str) -> bool:
    """A story rather than a question, a doubt or a word: worth starting an intake with."""
    return (
        len(text.split()) >= MIN_IDEA_WORDS
        and not is_question(text)
        and not hesitates(text)
        and intent(text) is None
    )
