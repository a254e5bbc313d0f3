"""What a message says, whatever the question: yes, no, "I don't know", a question
or a greeting.

Residents answer "ja hoor", "klopt", "is goed", "👍", "nee dank je", "geen idee" or
"kost dit geld?"; each step of the intake reads those the same way. Words are
compared after `matching.normalize` (no case, accents or punctuation); emoji are
looked at before, since normalising drops them.
"""

import re
from enum import StrEnum

from bot.matching import normalize


class Intent(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"  # "weet ik niet", "maakt niet uit": a way out of a choice


# Whole answers, normalised. Words that only soften ("hoor", "graag", "dank je") may
# follow them, and a plain "ja" or "nee" may open them: "ja, dat klopt".
_YES = {
    "ja",
    "jaa",
    "jaaa",
    "jah",
    "jep",
    "jup",
    "jazeker",
    "ja zeker",
    "zeker",
    "jawel",
    "ok",
    "oke",
    "okay",
    "okey",
    "oki",
    "okidoki",
    "prima",
    "goed",
    "is goed",
    "ja goed",
    "da s goed",
    "dat is goed",
    "akkoord",
    "ja akkoord",
    "mee eens",
    "klopt",
    "ja klopt",
    "klopt helemaal",
    "klopt alles",
    "dat klopt",
    "helemaal goed",
    "allemaal goed",
    "top",
    "prima zo",
    "goed zo",
    "verstuur",
    "versturen",
    "verstuur maar",
    "stuur maar",
    "doe maar",
    "ga je gang",
    "ga maar",
    "natuurlijk",
    "uiteraard",
    "yes",
    "yeah",
    "yep",
    "yup",
    "y",
    "j",
    "sure",
    "of course",
    "agree",
    "i agree",
    "agreed",
    "correct",
    "right",
    "fine",
    "good",
    "all good",
    "send",
    "send it",
    "yes send it",
    "go ahead",
    "alright",
}
_NO = {
    "nee",
    "neen",
    "nope",
    "nee dank je",
    "nee bedankt",
    "neem",
    "liever niet",
    "niet",
    "niet akkoord",
    "niet mee eens",
    "klopt niet",
    "dat klopt niet",
    "niet goed",
    "no",
    "n",
    "no thanks",
    "no thank you",
    "nah",
    "not really",
    "disagree",
    "i disagree",
}
_UNSURE = {
    "weet ik niet",
    "weet niet",
    "ik weet het niet",
    "weet ik veel",
    "geen idee",
    "geen flauw idee",
    "maakt niet uit",
    "maakt me niet uit",
    "om het even",
    "geen voorkeur",
    "ik twijfel",
    "twijfel",
    "onbekend",
    "idk",
    "dunno",
    "don t know",
    "i don t know",
    "dont know",
    "i dont know",
    "no idea",
    "not sure",
    "doesn t matter",
    "no preference",
}
_SOFTENERS = ("hoor", "maar", "graag", "hoor maar", "please", "thanks", "dank je", "bedankt")
_YES_EMOJI = ("\U0001f44d", "\u2705", "\U0001f44c", "\u2714", "\U0001f197", "\u263a")
_NO_EMOJI = ("\U0001f44e", "\u274c", "\u2716", "\U0001f6ab")
_UNSURE_EMOJI = ("\U0001f937",)  # shrug

# A question: a question mark, or a question word first ("kost dit geld",
# "wie beslist hierover"). Verbs that open a Dutch question count too.
_QUESTION_WORDS = {
    "wie",
    "wat",
    "wanneer",
    "waar",
    "waarom",
    "hoe",
    "hoeveel",
    "hoelang",
    "welke",
    "welk",
    "kost",
    "kosten",
    "mag",
    "mogen",
    "kan",
    "kunnen",
    "moet",
    "moeten",
    "is",
    "zijn",
    "krijg",
    "krijgen",
    "heb",
    "hebben",
    "heeft",
    "wordt",
    "word",
    "waarvoor",
    "wil",
    "who",
    "what",
    "when",
    "where",
    "why",
    "how",
    "which",
    "can",
    "may",
    "does",
    "do",
    "are",
    "will",
    "should",
    "must",
}
_LONG_RUNS = re.compile(r"([a-z])\1{2,}")
_SENTENCE_END = re.compile(r"[.!?\n]+")


def intent(text: str) -> Intent | None:
    """YES, NO or UNSURE when the whole message says so; None otherwise."""
    stripped = text.strip()
    emoji = _emoji_intent(stripped)
    if emoji is not None:
        return emoji
    words = _LONG_RUNS.sub(r"\1\1", normalize(stripped))  # "jaaaa", "neeeee"
    found = _read(words)
    if found is None:
        opener, _space, rest = words.partition(" ")
        if opener in ("ja", "yes", "nee", "no") and _read(rest) == _read(opener):
            found = _read(opener)
    return found


def _read(words: str) -> Intent | None:
    for ending in _SOFTENERS:
        if words != ending:
            words = words.removesuffix(" " + ending)
    for meaning, said in ((Intent.YES, _YES), (Intent.NO, _NO), (Intent.UNSURE, _UNSURE)):
        if words in said:
            return meaning
    return None


def _emoji_intent(text: str) -> Intent | None:
    """A message of emoji alone: 👍 is yes, 👎 no, 🤷 "don't know"."""
    if not text or normalize(text):
        return None
    for sign, found in (
        (_YES_EMOJI, Intent.YES),
        (_NO_EMOJI, Intent.NO),
        (_UNSURE_EMOJI, Intent.UNSURE),
    ):
        if any(emoji in text for emoji in sign):
            return found
    return None


def is_question(text: str) -> bool:
    """A question rather than an answer: it ends in "?" or opens with a question word.

    A long story that asks something along the way is still a story; only its last
    sentence counts, and only when the message is short enough to be a question.
    """
    stripped = text.strip()
    if not stripped or len(stripped.split()) > 25:
        return False
    if stripped.endswith("?"):
        return True
    first_sentence = _SENTENCE_END.split(stripped)[0]
    words = normalize(first_sentence).split()
    # "Kan" alone, or "is goed", is an answer; a question word needs a few words after it.
    return len(words) >= 3 and words[0] in _QUESTION_WORDS and intent(stripped) is None


_GREETINGS = {
    "hoi",
    "hallo",
    "hey",
    "hee",
    "hi",
    "hello",
    "goedemorgen",
    "goedemiddag",
    "goedenavond",
    "morgen",
    "dag",
    "daag",
    "hoi hoi",
    "hallo daar",
    "good morning",
    "good afternoon",
    "good evening",
    "yo",
    "moi",
    "goeiemorgen",
    "goeiemiddag",
    "goeienavond",
    "hai",
}


def is_greeting(text: str) -> bool:
    """Only a greeting ("hoi!", "goedemorgen"): nothing to pass on or keep."""
    words = normalize(text)
    return words in _GREETINGS or words.removesuffix(" bot") in _GREETINGS


_AGREEING = frozenset({"akkoord", "eens", "agree", "toestemming", "goed", "prima", "ok", "oke"})
_NEGATION = frozenset({"niet", "geen", "nee", "not", "no", "dont", "don", "never", "nooit"})
MAX_CONSENT_WORDS = 8


def consent_in(text: str) -> Intent | None:
    """Consent said in a sentence: "ik ga akkoord", "daar ben ik het niet mee eens"."""
    words = set(normalize(text).split())
    if not words & _AGREEING or len(words) > MAX_CONSENT_WORDS:
        return None
    return Intent.NO if words & _NEGATION else Intent.YES
