"""A return day's places: who fits, who waits, and who gets a place that comes free.

Pure: it reads the answers as stored (`ReturnDayAnswer`), oldest first, and says what
should change; `desk` records it. A yes takes one place and one for each guest. A
yes that does not fit waits, in the order of its answer; a place that comes free goes
to the first waiting whose party fits, who is told and may still say no.
"""

from collections.abc import Sequence
from typing import Protocol

SAID_YES = "yes"
WAITING = "waiting"


class Answered(Protocol):
    """An answer as stored: whose (and the chat to tell them in), what, the guests."""

    @property
    def channel(self) -> str: ...
    @property
    def chat_id(self) -> str: ...
    @property
    def sender_id(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def guests(self) -> int: ...


def taken(answers: Sequence[Answered], but: tuple[str, str] | None = None) -> int:
    """The places those who said yes take, guests included; not `but`'s (channel, sender)."""
    return sum(
        1 + answer.guests
        for answer in answers
        if answer.answer == SAID_YES and (answer.channel, answer.sender_id) != but
    )


def fits(
    capacity: int | None, answers: Sequence[Answered], who: tuple[str, str], guests: int
) -> bool:
    """Whether `who`, bringing `guests`, has a place beside the others who said yes."""
    return capacity is None or taken(answers, who) + 1 + guests <= capacity


def waiting(answers: Sequence[Answered]) -> list[Answered]:
    """The waiting list, first come first."""
    return [answer for answer in answers if answer.answer == WAITING]


def position(answers: Sequence[Answered], who: tuple[str, str]) -> int:
    """`who`'s place on the waiting list, from 1; 0 when they are not on it."""
    line = [(answer.channel, answer.sender_id) for answer in waiting(answers)]
    return line.index(who) + 1 if who in line else 0


def freed(capacity: int | None, answers: Sequence[Answered]) -> list[Answered]:
    """Those waiting who get a place now, in turn: each the first whose party fits in
    what the ones before left (a couple waits while a single place goes to one)."""
    if capacity is None:
        return waiting(answers)
    room = capacity - taken(answers)
    chosen: list[Answered] = []
    for answer in waiting(answers):
        if 1 + answer.guests <= room:
            chosen.append(answer)
            room -= 1 + answer.guests
    return chosen
