"""Driving one input through the core from a state at a given step, and checking the
reading it got against the one a resident meant.

A corpus is a table of `Case`s: the text typed, the language of the conversation,
and the expected reading, one of the small classes below. Each checks the turn the
core answered with and, when it fails, says in one line how the input was read.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.intake.conversation import Turn, respond
from bot.intake.state import Answer, Setting, State
from bot.intake.turns import Submission

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
CONSENT: dict[str, str] = {"at": "2026-03-10T09:00:00+00:00", "version": "2026-1"}
# What a resident answered before the step under test: every step before it is filled in.
FILLED: Mapping[str, Answer] = {
    "consent": CONSENT,
    "title": "Bankje bij de haven",
    "description": "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
    "area": "ouddorp",
    "theme": "groen",
    "help_wanted": ["advice"],
    "name": "Anna de Vries",
    "group": None,
    "brings": None,
    "contact": {"kind": "phone", "value": "+31612345678"},
}
# Refusals may name a little of what was typed, never a long stretch of it.
LONG_INPUT = 60
MOST_QUOTED = 35


def state_at(
    setting: Setting, step: str, locale: str, answers: Mapping[str, Answer] | None = None
) -> State:
    """A resident at `step`, with the answers before it filled in (or `answers`)."""
    ids = [one.id for one in setting.flow.steps]
    earlier = tuple(ids[: ids.index(step)])
    given = dict(answers) if answers is not None else {key: FILLED[key] for key in earlier}
    return State(
        locale,
        step=step,
        answers=given,
        history=earlier,
        touched_at=NOW,
        known=True,
        locale_chosen=True,
    )


@dataclass(frozen=True)
class Seen:
    """One input and what the core made of it."""

    setting: Setting
    text: str
    before: State
    turn: Turn

    @property
    def after(self) -> State:
        return self.turn.state

    @property
    def stayed(self) -> bool:
        return self.after.step == self.before.step

    @property
    def new_answers(self) -> dict[str, Answer]:
        return {
            key: value
            for key, value in self.after.answers.items()
            if key not in self.before.answers or self.before.answers[key] != value
        }

    @property
    def asked(self) -> bool:
        return self.text.strip() in self.after.questions

    @property
    def noted(self) -> bool:
        return self.text.strip() in self.after.notes

    def reading(self) -> str:
        """How the input was read, in one line."""
        after = self.after
        parts = [f"step {self.before.step} -> {after.step}"]
        if after.editing:
            parts.append("editing")
        if self.new_answers:
            parts.append(f"answers {self.new_answers!r}")
        gone = [key for key in self.before.answers if key not in after.answers]
        if gone and after.step is not None:
            parts.append(f"dropped {gone}")
        added = after.questions[len(self.before.questions) :]
        if added:
            parts.append(f"questions +{list(added)!r}")
        noted = after.notes[len(self.before.notes) :]
        if noted:
            parts.append(f"notes +{list(noted)!r}")
        if after.place_detail:
            parts.append(f"place_detail {after.place_detail!r}")
        if any(isinstance(effect, Submission) for effect in self.turn.effects):
            parts.append("SENT")
        said = " / ".join(reply.text for reply in self.turn.replies).replace("\n", " ")
        parts.append(f"said {said[:90]!r}")
        return "; ".join(parts)


def _same(got: Answer, wanted: Answer) -> bool:
    """Equal answers; several choices are compared without their order."""
    if isinstance(got, list) and isinstance(wanted, list):
        return sorted(got) == sorted(wanted)
    return got == wanted


class Expected:
    """A reading an input must get."""

    refused = False  # the input answers nothing: replies may not quote much of it

    def holds(self, seen: Seen) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class Takes(Expected):
    """The step is answered with `value` and the intake moves on. A list is compared
    without its order; `also` holds other values that read the input as well."""

    value: Answer
    also: tuple[Answer, ...] = ()

    def holds(self, seen: Seen) -> bool:
        step = seen.before.step
        assert step is not None
        if seen.stayed or seen.after.step is None or step not in seen.after.answers:
            return False
        got = seen.after.answers[step]
        return any(_same(got, value) for value in (self.value, *self.also))

    def __str__(self) -> str:
        return f"answer {self.value!r}"


@dataclass(frozen=True)
class Verbatim(Expected):
    """A free text taken as typed (without the blanks around it); the intake moves on."""

    def holds(self, seen: Seen) -> bool:
        return Takes(seen.text.strip()).holds(seen)

    def __str__(self) -> str:
        return "the text as the answer"


@dataclass(frozen=True)
class Place(Expected):
    """An area, and where exactly in it (None: nothing beyond the area was said)."""

    key: str
    detail: str | None = None
    any_detail: bool = False

    def holds(self, seen: Seen) -> bool:
        if not Takes(self.key).holds(seen):
            return False
        return self.any_detail or seen.after.place_detail == self.detail

    def __str__(self) -> str:
        detail = "any detail" if self.any_detail else f"place_detail {self.detail!r}"
        return f"area {self.key!r} with {detail}"


@dataclass(frozen=True)
class Agrees(Expected):
    """Consent given: kept with its time and the privacy statement's version."""

    def holds(self, seen: Seen) -> bool:
        consent = seen.after.answers.get("consent")
        return (
            not seen.stayed
            and seen.after.step is not None
            and isinstance(consent, dict)
            and {"at", "version"} <= set(consent)
        )

    def __str__(self) -> str:
        return "consent given"


@dataclass(frozen=True)
class Ends(Expected):
    """The intake is over (a no to consent, "stop"): nothing is kept, nothing sent."""

    def holds(self, seen: Seen) -> bool:
        return (
            seen.after.step is None
            and not seen.after.answers
            and not any(isinstance(effect, Submission) for effect in seen.turn.effects)
        )

    def __str__(self) -> str:
        return "the intake ends, nothing kept"


def _unchanged(seen: Seen) -> bool:
    return (
        seen.stayed
        and dict(seen.after.answers) == dict(seen.before.answers)
        and not any(isinstance(effect, Submission) for effect in seen.turn.effects)
    )


@dataclass(frozen=True)
class Unclear(Expected):
    """Nothing answered: the same question stays, the answers are as they were."""

    refused = True

    def holds(self, seen: Seen) -> bool:
        return _unchanged(seen) and not seen.asked and bool(seen.turn.replies)

    def __str__(self) -> str:
        return "unclear: stays, nothing answered"


@dataclass(frozen=True)
class Stays(Expected):
    """A command that answers nothing ("help", "language"): the question stays."""

    def holds(self, seen: Seen) -> bool:
        return _unchanged(seen) and bool(seen.turn.replies)

    def __str__(self) -> str:
        return "stays (a command)"


@dataclass(frozen=True)
class Question(Expected):
    """A question to the municipality: parked for the contact, the step stays unanswered."""

    def holds(self, seen: Seen) -> bool:
        return _unchanged(seen) and seen.asked

    def __str__(self) -> str:
        return "a question: parked, stays"


@dataclass(frozen=True)
class Note(Expected):
    """Text that answers nothing: kept for the contact, the step stays unanswered."""

    refused = True

    def holds(self, seen: Seen) -> bool:
        return _unchanged(seen) and seen.noted

    def __str__(self) -> str:
        return "answers nothing: kept in notes, stays"


@dataclass(frozen=True)
class Story(Expected):
    """The idea told where another question was asked: kept as the description (holding
    `core`, or the whole text), the step stays and is not answered."""

    core: str = ""

    def holds(self, seen: Seen) -> bool:
        step = seen.before.step
        assert step is not None
        description = seen.after.answers.get("description")
        wanted = self.core or seen.text.strip()
        return (
            seen.stayed
            and step not in seen.after.answers
            and isinstance(description, str)
            and wanted in description
        )

    def __str__(self) -> str:
        return "the idea: kept as the description, stays"


@dataclass(frozen=True)
class SuggestedTitle(Expected):
    """A yes to the title made from the description: a short title, and on."""

    def holds(self, seen: Seen) -> bool:
        title = seen.after.answers.get("title")
        return (
            not seen.stayed
            and seen.after.step is not None
            and isinstance(title, str)
            and 0 < len(title.strip()) <= 80
        )

    def __str__(self) -> str:
        return "the suggested title taken"


@dataclass(frozen=True)
class Skipped(Expected):
    """An optional step passed by: its answer is None and the intake moves on."""

    def holds(self, seen: Seen) -> bool:
        step = seen.before.step
        assert step is not None
        return (
            not seen.stayed
            and seen.after.step is not None
            and step in seen.after.answers
            and seen.after.answers[step] is None
        )

    def __str__(self) -> str:
        return "skipped (None), moves on"


@dataclass(frozen=True)
class Back(Expected):
    """ "terug": the question before, its answer still there."""

    def holds(self, seen: Seen) -> bool:
        return bool(seen.before.history) and seen.after.step == seen.before.history[-1]

    def __str__(self) -> str:
        return "back to the question before"


@dataclass(frozen=True)
class Sent(Expected):
    """The intake is handed in."""

    def holds(self, seen: Seen) -> bool:
        return seen.after.step is None and any(
            isinstance(effect, Submission) for effect in seen.turn.effects
        )

    def __str__(self) -> str:
        return "sent"


@dataclass(frozen=True)
class Edits(Expected):
    """From the summary to one question, to change its answer."""

    step: str

    def holds(self, seen: Seen) -> bool:
        return (
            seen.after.step == self.step
            and seen.after.editing
            and not any(isinstance(effect, Submission) for effect in seen.turn.effects)
        )

    def __str__(self) -> str:
        return f"edit {self.step}"


@dataclass(frozen=True)
class Case:
    text: str
    expected: Expected
    locale: str = "nl"
    # The answers before the step, when not the usual ones (a story told first, say).
    answers: Mapping[str, Answer] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.locale}:{self.text[:40]!r}"


def cases(
    rows: Sequence[tuple[str, Expected]],
    locale: str = "nl",
    answers: Mapping[str, Answer] | None = None,
) -> list[Case]:
    return [Case(text, expected, locale, answers) for text, expected in rows]


def ids(corpus: Sequence[Case]) -> list[str]:
    return [str(case) for case in corpus]


def read(setting: Setting, step: str, case: Case) -> Seen:
    """Type `case.text` at `step` and see how it is read."""
    before = state_at(setting, step, case.locale, case.answers)
    turn = respond(setting, before, case.text, NOW)
    return Seen(setting, case.text, before, turn)


def longest_quote(text: str, replies: Sequence[str]) -> int:
    """The longest stretch of `text` any reply repeats."""
    longest = 0
    for reply in replies:
        for start in range(len(text)):
            length = longest + 1
            while start + length <= len(text) and text[start : start + length] in reply:
                longest = length
                length += 1
    return longest


def check(setting: Setting, step: str, case: Case) -> None:
    """The reading `case` expects, and no long quote of a refused input."""
    seen = read(setting, step, case)
    assert case.expected.holds(seen), (
        f"{case.text!r} ({case.locale}) at {step}: expected {case.expected}; "
        f"read as: {seen.reading()}"
    )
    if case.expected.refused and len(case.text.strip()) >= LONG_INPUT:
        quoted = longest_quote(case.text.strip(), [reply.text for reply in seen.turn.replies])
        assert quoted <= MOST_QUOTED, (
            f"{case.text[:40]!r}… at {step}: a refusal quotes {quoted} characters of it"
        )


def check_size(corpus: Sequence[Case], least: int = 150) -> None:
    """A corpus large enough to mean something, with no input twice."""
    assert len(corpus) >= least, f"only {len(corpus)} inputs, at least {least} wanted"
    seen = [(case.text, case.locale, case.answers is None) for case in corpus]
    doubled = {one for one in seen if seen.count(one) > 1}
    assert not doubled, f"inputs twice: {sorted(doubled)}"
