"""Who is on a return day's list by name: added by a coordinator or the config, taken
off again, or signed up through the day's link.

Runs inside the transaction of the command, the config's sync or the sign-up.
"""

from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address, split_address
from bot.messages import Incoming
from bot.notices import Notice, Outcome
from bot.returndays import answering, audience_texts, texts
from bot.returndays.desk import DECLINED, INVITATION, ReturnDays
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
) -> list[Notice]:
    """Take `account` off the day's list by name: their answer goes, a place they
    held goes to the next, and they are told (unless they had said no). Nothing
    when they were not on it."""
    channel, ident = split_address(account)
    if not queries.remove_return_day_person(session, day.id, channel, ident):
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
) -> Outcome:
    """Someone came through a day's sign-up link: on its list, with its invitation."""
    chat = address(incoming.channel, incoming.chat_id)
    day = queries.return_day_by_code(session, code)
    if day is None or day.status != ReturnDayStatus.PLANNED or day.starts_at <= now:
        return Outcome.refused(chat, audience_texts.not_open(locale))
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
    return Outcome([Notice(chat, audience_texts.welcome(desk.view(day), locale))])
