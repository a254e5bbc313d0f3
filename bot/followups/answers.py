"""What a resident presses or types about their follow-ups. Pure parsing.

Buttons carry "question:reference:answer", e.g. "ci:2026-0042:no". A payload can
be forged, so it is checked as strictly as typed text; whether the presser may
answer is for the shell to check against the initiative.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.cases.commands import REFERENCE
from bot.matching import normalize


class Question(StrEnum):
    CHECKIN = "ci"  # has the contact been in touch?
    STALE = "st"  # still open after weeks: how is it going?
    AGAIN = "again"  # may I ask again later?
    APPOINTMENT = "appt"  # your appointment is tomorrow
    YEARLY = "yr"  # it runs on: does it still, a year on?
    RATING = "rate"  # after the close: how satisfied are you, 1 (bad) to 5 (very good)?


SCORES = tuple(range(1, 6))


ANSWERS: dict[Question, tuple[str, ...]] = {
    Question.CHECKIN: ("yes", "no", "talk"),
    Question.STALE: ("yes", "no", "unsure"),
    Question.AGAIN: ("yes", "no"),
    Question.APPOINTMENT: ("ok", "move"),
    Question.YEARLY: ("runs", "stopped", "help"),
    Question.RATING: tuple(str(score) for score in SCORES),
}


@dataclass(frozen=True, slots=True)
class FollowUpAnswer:
    question: Question
    reference: str
    answer: str


def answer_button(question: Question, reference: str, answer: str) -> str:
    return f"{question.value}:{reference}:{answer}"


def parse_answer(payload: str) -> FollowUpAnswer | None:
    parts = payload.split(":")
    if len(parts) != 3 or parts[0] not in {question.value for question in Question}:
        return None
    question, reference, answer = Question(parts[0]), parts[1], parts[2]
    if not REFERENCE.match(reference) or answer not in ANSWERS[question]:
        return None
    return FollowUpAnswer(question, reference, answer)


class Preference(StrEnum):
    PAUSE = "pause"
    OFF = "off"
    ON = "on"


PREFERENCE_WORDS: dict[Preference, tuple[str, ...]] = {
    Preference.PAUSE: ("pauze", "pause"),
    Preference.OFF: ("geen herinneringen", "no reminders"),
    Preference.ON: ("herinneringen aan", "reminders on"),
}
_TRAILING_REFERENCE = re.compile(r"\s+(\d{4}-\d{4,6})$")
_BY_WORDS = {words: choice for choice, all_words in PREFERENCE_WORDS.items() for words in all_words}


@dataclass(frozen=True, slots=True)
class PreferenceChange:
    """`pauze`, `geen herinneringen`, `herinneringen aan`: for one initiative or all."""

    preference: Preference
    reference: str = ""  # empty: every open initiative of the resident


def parse_preference(text: str) -> PreferenceChange | None:
    """The change `text` asks for, when the whole message is one (a reference may follow)."""
    stripped = text.strip().removeprefix("/")
    found = _TRAILING_REFERENCE.search(stripped)
    reference = found.group(1) if found else ""
    words = normalize(stripped[: found.start()] if found else stripped)
    preference = _BY_WORDS.get(words)
    return PreferenceChange(preference, reference) if preference else None
