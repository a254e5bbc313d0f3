"""After a return day: the organiser's follow-up to those who came, with one question
("hoe was het?") whose answers are counted, and the attendance list.

Those who came are those whose last answer was yes: the bot cannot know more. The
follow-up goes once per day (recorded as "followup" in `ReturnDay.reminded`), only
after the day began; the organiser's text is sent, not kept. An answer to "hoe was
het?" is kept with the person's RSVP (`ReturnDayAnswer.feedback`), so it goes when
the answers go (retention, "vergeet mij"). The attendance list names people only
(the initiator's name from their initiative, a team member's from the config), never
how to reach them or their accounts.

Runs inside the transaction of the coordinator's command or the attendee's button.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.messages import Handled, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.returndays import answer_texts
from bot.returndays.texts import DayInWords
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.models import ReturnDay, ReturnDayAnswer

FOLLOWED_UP = "followup"
CAME = "yes"

Person = tuple[str, str]  # channel and sender id


def came(answers: Sequence[ReturnDayAnswer]) -> list[ReturnDayAnswer]:
    return [answer for answer in answers if answer.answer == CAME]


def follow_up(
    session: Session,
    day: ReturnDay,
    view: DayInWords,
    languages: Mapping[Person, str],
    chat: str,
    message: str,
    locale: str,
    now: datetime,
) -> Outcome:
    """The organiser's `message` to everyone who said they came, in their language
    (`languages`, else the organiser's), with "hoe was het?"; refused before the day."""
    refuse = partial(Outcome.refused, chat)
    if day.status == ReturnDayStatus.CANCELLED:
        return refuse(answer_texts.cancelled_day(locale))
    if day.starts_at > now:
        return refuse(answer_texts.not_after_yet(view, locale))
    if FOLLOWED_UP in day.reminded:
        return refuse(answer_texts.followed_up_before(locale))
    readers = came(queries.return_day_answers(session, day.id))
    if not readers:
        return refuse(answer_texts.nobody_came(locale))
    day.reminded = [*day.reminded, FOLLOWED_UP]
    notices = [
        Notice(
            address(reader.channel, reader.chat_id),
            answer_texts.follow_up(
                view, message, languages.get((reader.channel, reader.sender_id), locale)
            ),
        )
        for reader in readers
    ]
    done = answer_texts.followed_up(day.id, len(notices), locale)
    return Outcome([*notices, Notice(chat, Reply(done))])


def feedback(
    session: Session, day: ReturnDay, incoming: Incoming, answer: str, locale: str
) -> Outcome:
    """A pressed "Goed", "Gaat wel" or "Niet goed": kept for one who came, once asked;
    a later press replaces it."""
    if FOLLOWED_UP not in day.reminded or not queries.record_return_day_feedback(
        session, day.id, incoming.channel, incoming.sender_id, CAME, answer
    ):
        return Outcome(handled=Handled(accepted=False, note=answer_texts.not_asked(locale)))
    chat = address(incoming.channel, incoming.chat_id)
    return Outcome.said(chat, answer_texts.thanks_for_feedback(locale))


def feedback_counts(day: ReturnDay, answers: Sequence[ReturnDayAnswer]) -> dict[str, int] | None:
    """How many answered each of "hoe was het?"; None before it was asked."""
    if FOLLOWED_UP not in day.reminded:
        return None
    counts: dict[str, int] = {}
    for answer in answers:
        if answer.feedback:
            counts[answer.feedback] = counts.get(answer.feedback, 0) + 1
    return counts


def attendance(
    day: ReturnDay,
    view: DayInWords,
    answers: Sequence[ReturnDayAnswer],
    names: Mapping[Person, str],
    locale: str,
) -> str:
    """Who said they come, by name (`names`), with their guests."""
    unknown = answer_texts.unknown_name(locale)
    people = [
        (names.get((answer.channel, answer.sender_id)) or unknown, answer.guests)
        for answer in came(answers)
    ]
    return answer_texts.attendance(day.id, view, sorted(people), locale)
