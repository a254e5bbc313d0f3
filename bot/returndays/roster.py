"""Who is on a return day's list by name: added by a coordinator or the config, taken
off again, or signed up through the day's link.

Runs inside the transaction of the command, the config's sync or the sign-up.
"""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address, split_address
from bot.messages import Incoming
from bot.notices import Notice, Outcome
from bot.returndays import answering, audience_texts, texts
from bot.returndays.desk import DECLINED, INVITATION, SAID_YES, ReturnDays
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.models import ReturnDay

SIGNED_UP = "signup"  # how they came on the list (`ReturnDayPerson.source`)
# A name as a platform shows it, kept for the organiser's list.
NAME_KEPT = 100


def add_person(
    desk: ReturnDays,
    session: Session,
    day: ReturnDay,
    account: str,
    name: str,
    source: str,
    now: datetime,
) -> list[Notice]:
    """Put `account` on the day's list by name; someone new gets the invitation, if
    the day's went already (else they get it with everyone)."""
    channel, ident = split_address(account)
    locale = desk.config.bot.default_language
    added = queries.add_return_day_person(
        session, day.id, (channel, ident, ident), name, locale, source, now
    )
    if not added or INVITATION not in day.reminded:
        return []
    return [Notice(account, texts.invitation(desk.view(day), locale))]


def take_off(
    desk: ReturnDays, session: Session, day: ReturnDay, account: str, now: datetime
) -> list[Notice] | None:
    """Take `account` off the day's list by name: their answer goes, a place they
    held goes to the next, and they are told (unless they had said no); None when
    they were not on it. Someone still invited otherwise (an initiator of a day for
    all) keeps their answer and hears nothing."""
    channel, ident = split_address(account)
    if not queries.remove_return_day_person(session, day.id, channel, ident):
        return None
    if desk.invitees(session, day, (channel, ident)):
        return []
    earlier = queries.return_day_answer(session, day.id, channel, ident)
    queries.delete_return_day_answer(session, day.id, channel, ident)
    locale = desk.config.bot.default_language
    told = (
        []
        if earlier and earlier[0] == DECLINED
        else [Notice(account, audience_texts.taken_off(desk.view(day), locale))]
    )
    return [*told, *answering.fill_places(desk, session, day, now)]


def leaving(
    desk: ReturnDays, session: Session, channel: str, sender_id: str, now: datetime
) -> Callable[[], list[Notice]]:
    """Before someone is forgotten: once their answers are gone, the places they held
    go to those waiting (call what this returns after the erasure)."""
    held = queries.return_days_answered(session, channel, sender_id, SAID_YES, now)
    return lambda: [
        notice
        for day in held
        if day.status == ReturnDayStatus.PLANNED
        for notice in answering.fill_places(desk, session, day, now)
    ]


def new_initiator(
    desk: ReturnDays, session: Session, incoming: Incoming, now: datetime
) -> list[Notice]:
    """Someone who just handed in an initiative is now invited to the open days for
    their area, theme or all initiators whose invitation went before: they get it
    now, unless they had it already (an earlier initiative of theirs was invited, they
    are on the list by name, or they answered)."""
    who = (incoming.channel, incoming.sender_id)
    notices = []
    for day in queries.return_days(session, None, ReturnDayStatus.PLANNED):
        if day.starts_at <= now or INVITATION not in day.reminded:
            continue
        invited = desk.initiatives_invited(session, day, who)
        if len(invited) != 1 or invited[0].created_at < now:
            continue  # not invited, or invited for an earlier initiative
        if queries.return_day_people(session, day.id, who) or queries.return_day_answer(
            session, day.id, *who
        ):
            continue
        reply = texts.invitation(desk.view(day), invited[0].locale)
        notices.append(Notice(address(incoming.channel, invited[0].chat_id), reply))
    return notices


def sign_up(
    desk: ReturnDays, session: Session, incoming: Incoming, code: str, locale: str, now: datetime
) -> Outcome | None:
    """Someone came through a day's sign-up link: on its list, with its invitation;
    None when no day has that code. Someone invited already (by name, or as an
    initiator) gets the invitation again, and the name they are known by is kept."""
    chat = address(incoming.channel, incoming.chat_id)
    day = queries.return_day_by_code(session, code)
    if day is None:
        return None
    if day.status != ReturnDayStatus.PLANNED or day.starts_at <= now or not desk.signup_open(day):
        return Outcome.refused(chat, audience_texts.not_open(locale))
    welcome = Outcome([Notice(chat, audience_texts.welcome(desk.view(day), locale))])
    if desk.invitee(session, day, incoming) is not None:
        return welcome
    name = " ".join(incoming.sender_name.split())[:NAME_KEPT]
    queries.add_return_day_person(
        session,
        day.id,
        (incoming.channel, incoming.chat_id, incoming.sender_id),
        name,
        locale,
        SIGNED_UP,
        now,
    )
    return welcome
