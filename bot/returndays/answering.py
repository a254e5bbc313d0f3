"""Answers to a return day, within its places: a yes that fits, a yes that waits, a
place given up going to the first waiting whose party fits (`places` says who).

A pressed answer and a typed one are stored in one place (`_record`); each reply says
what became of it. Runs inside the transaction of the invitee's message, or of the
coordinator's command that changes the places.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.messages import Handled, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.returndays import after, answer_texts, audience_texts, places, texts
from bot.returndays.commands import Rsvp
from bot.returndays.desk import DECLINED, SAID_YES, ReturnDays
from bot.returndays.reading import Answer
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.models import ReturnDay, ReturnDayAnswer


def set_capacity(
    desk: ReturnDays, session: Session, day: ReturnDay, capacity: int | None, now: datetime
) -> list[Notice]:
    """Change how many may come; those waiting who fit now are told they have a place.
    Fewer places than are taken sends nobody away: the overview shows it."""
    day.capacity = capacity
    return fill_places(desk, session, day, now)


def fill_places(desk: ReturnDays, session: Session, day: ReturnDay, now: datetime) -> list[Notice]:
    """Places free go to the first waiting whose party fits and who is still invited
    (a withdrawn initiative, a member who left: they wait on, and could not give the
    place back), who are told. Only those waiting are looked up: a "for all" day's
    whole audience is not read for every no."""
    answers = queries.return_day_answers(session, day.id)
    invited = {
        (a.channel, a.sender_id): found[0]
        for a in places.waiting(answers)
        if (found := desk.invitees(session, day, (a.channel, a.sender_id)))
    }
    still = [
        a for a in answers if a.answer != places.WAITING or (a.channel, a.sender_id) in invited
    ]
    view = desk.view(day)
    notices = []
    for answer in places.freed(day.capacity, still):
        queries.record_return_day_answer(
            session,
            day.id,
            answer.channel,
            answer.chat_id,
            answer.sender_id,
            SAID_YES,
            now,
            answer.guests,
        )
        reply = audience_texts.place_freed(view, invited[(answer.channel, answer.sender_id)].locale)
        notices.append(Notice(address(answer.channel, answer.chat_id), reply))
    return notices


def answer(
    desk: ReturnDays, session: Session, incoming: Incoming, rsvp: Rsvp, locale: str, now: datetime
) -> Outcome:
    day = queries.return_day(session, rsvp.number)
    if rsvp.feedback and day is not None:
        return after.feedback(session, day, incoming, rsvp.answer, locale)
    if day is None or day.status != ReturnDayStatus.PLANNED or day.starts_at <= now:
        return Outcome(handled=Handled(accepted=False, note=texts.no_longer_open(locale)))
    invitee = desk.invitee(session, day, incoming)
    if invitee is None and not _gives_up(session, day, incoming, rsvp):
        # A forged or passed-on button, or someone no longer invited saying they come.
        return Outcome(handled=Handled(accepted=False, note=texts.no_longer_open(locale)))
    locale = invitee.locale if invitee is not None else locale
    if rsvp.guests is not None:  # which day a typed answer was for: as typed
        return take(desk, session, day, incoming, Answer(rsvp.answer, rsvp.guests), locale, now)
    recorded = _record(desk, session, day, incoming, Answer(rsvp.answer), now)
    chat = address(incoming.channel, incoming.chat_id)
    said = _about_place(desk, day, recorded, locale) or Reply(
        texts.rsvp_thanks(rsvp.answer, locale)
    )
    return Outcome([*recorded.freed, Notice(chat, said)])


def _gives_up(session: Session, day: ReturnDay, incoming: Incoming, rsvp: Rsvp) -> bool:
    """Someone no longer invited who still holds a place or waits for one may always
    say no: the place is not theirs to keep."""
    earlier = queries.return_day_answer(session, day.id, incoming.channel, incoming.sender_id)
    return rsvp.answer == DECLINED and earlier is not None and earlier[0] != DECLINED


def take(
    desk: ReturnDays,
    session: Session,
    day: ReturnDay,
    incoming: Incoming,
    said: Answer,
    locale: str,
    now: datetime,
) -> Outcome:
    """A typed answer counted; the reply says what was understood and how to change it."""
    recorded = _record(desk, session, day, incoming, said, now)
    chat = address(incoming.channel, incoming.chat_id)
    reply = _about_place(desk, day, recorded, locale) or answer_texts.understood(
        desk.view(day), said.answer, recorded.guests, locale
    )
    return Outcome([*recorded.freed, Notice(chat, reply)])


def _about_place(
    desk: ReturnDays, day: ReturnDay, recorded: "Recorded", locale: str
) -> Reply | None:
    """What to say of a yes that did not get (all of) its places; None for the rest."""
    if recorded.waiting:
        return audience_texts.waiting(desk.view(day), recorded.waiting, locale)
    if recorded.guests_refused:
        return Reply(audience_texts.no_room_for_guests(recorded.guests, locale))
    return None


def _record(
    desk: ReturnDays,
    session: Session,
    day: ReturnDay,
    incoming: Incoming,
    said: Answer,
    now: datetime,
) -> "Recorded":
    """The one place an answer is stored, within the day's places.

    Guests not named keep those said before ("ik kom" after "+1", a pressed "Ik
    kom"); no brings none. A yes that does not fit waits (and keeps its turn when
    said again); one who had a place keeps it when their extra guests do not fit.
    A place given up goes to the first waiting whose party fits."""
    queries.return_day(session, day.id)  # the day locked: two answers take turns at its places
    who = (incoming.channel, incoming.sender_id)
    earlier = queries.return_day_answer(session, day.id, *who)
    before, guests_before = earlier if earlier is not None else ("", 0)
    guests = 0 if said.answer == DECLINED else said.guests
    guests = guests_before if guests is None else guests
    answer = said.answer
    answers = queries.return_day_answers(session, day.id)
    if answer == SAID_YES and not places.fits(day.capacity, answers, who, guests):
        if before == SAID_YES:
            return Recorded(guests_before, guests_refused=True)
        answer = places.WAITING
    # Said again while waiting, the answer keeps its turn.
    at = _answered_at(answers, who) if answer == before == places.WAITING else now
    queries.record_return_day_answer(
        session,
        day.id,
        incoming.channel,
        incoming.chat_id,
        incoming.sender_id,
        answer,
        at,
        guests,
    )
    if answer == places.WAITING:
        line = places.position(queries.return_day_answers(session, day.id), who)
        return Recorded(guests, waiting=line)
    gave_up = before == SAID_YES and (answer != SAID_YES or guests < guests_before)
    return Recorded(guests, freed=fill_places(desk, session, day, now) if gave_up else [])


@dataclass(frozen=True, slots=True)
class Recorded:
    """An answer as stored: the guests it brings, its place on the waiting list (0: not
    waiting), whether extra guests were refused, and the notices to those who got a
    place it gave up."""

    guests: int
    waiting: int = 0
    guests_refused: bool = False
    freed: list[Notice] = field(default_factory=list)


def _answered_at(answers: Sequence[ReturnDayAnswer], who: tuple[str, str]) -> datetime:
    return next(a.answered_at for a in answers if (a.channel, a.sender_id) == who)
