"""The coordinators' return-day commands: plan, list and show days, move or cancel
them, the list by name, the sign-up link and the places, and after the day the
follow-up and the attendance list (`commands` parses them).

Runs inside the transaction of the coordinator's message.
"""

from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.accounts import Staff, address, chat_language, split_address, team_chat_owner
from bot.matching import normalize
from bot.notices import Notice, Outcome, Reply
from bot.returndays import after, answer_texts, answering, audience_texts, places, roster, texts
from bot.returndays.commands import Audience, Do, ReturnDayCommand, Unusable
from bot.returndays.desk import SAID_YES, ReturnDays
from bot.texts.formatting import in_the_past
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.models import ReturnDay

# How someone came on a day's list by name in chat (`ReturnDayPerson.source`).
BY_CHAT = "chat"
# What contacts may do too: look at the days, without names.
LOOKING = frozenset({Do.LIST, Do.SHOW})
# What the config decides for a day it plans: changed in chat, the next start would
# set it back. Its list by name and its sign-up link may grow in chat.
SET_IN_CONFIG = frozenset({Do.MOVE, Do.CANCEL, Do.CAPACITY, Do.CLOSE_SIGNUP})
# The commands about who comes: the list by name, the sign-up link, the places.
WHO_COMES = frozenset({Do.ADD_PERSON, Do.REMOVE_PERSON, Do.SIGNUP, Do.CLOSE_SIGNUP, Do.CAPACITY})


def act(
    desk: ReturnDays,
    session: Session,
    staff: Staff,
    chat: str,
    command: ReturnDayCommand | Unusable,
    now: datetime,
) -> Outcome:
    locale = chat_language(desk.config, chat, staff)
    refuse = partial(Outcome.refused, chat)

    looking = not isinstance(command, Unusable) and command.do in LOOKING
    if not staff.coordinator and not looking:
        return refuse(texts.coordinators_only(locale))
    if isinstance(command, Unusable):
        return refuse(texts.usage(command.why, locale, now.astimezone(desk.zone).date()))
    if command.do is Do.LIST:
        return Outcome.said(chat, _listing(desk, session, now, locale))
    if command.do is Do.PLAN:
        return _plan(desk, session, staff, chat, command, locale, now)
    day = queries.return_day(session, command.number)
    if day is None:
        return refuse(texts.unknown(command.number, locale))
    if command.do is Do.SHOW:  # names only to a coordinator, in a private chat
        private = staff.coordinator and team_chat_owner(desk.config, chat) is None
        return Outcome.said(chat, _overview(desk, session, day, private, locale))
    if command.do is Do.ATTENDEES:
        if team_chat_owner(desk.config, chat) is not None:  # names: the organiser's only
            return refuse(answer_texts.attendance_in_private(locale))
        names = {(i.channel, i.sender_id): i.name for i in desk.invitees(session, day)}
        answers = queries.return_day_answers(session, day.id)
        listed = after.attendance(day, desk.view(day), answers, names, locale)
        return Outcome.said(chat, listed)
    if command.do is Do.REPLY:
        return _reply(desk, session, day, command, chat, locale)
    if command.do is Do.FOLLOW_UP:
        languages = {(i.channel, i.sender_id): i.locale for i in desk.invitees(session, day)}
        view = desk.view(day)
        return after.follow_up(session, day, view, languages, chat, command.message, locale, now)
    if day.status == ReturnDayStatus.CANCELLED or day.starts_at <= now:
        return refuse(texts.no_longer_open(locale))
    if day.key is not None and command.do in SET_IN_CONFIG:
        # The next start would set it back as the config says.
        return refuse(audience_texts.set_in_config(day.id, day.key, locale))
    if command.do in WHO_COMES:
        return _who_comes(desk, session, day, command, chat, locale, now)
    if command.do is Do.MOVE:
        assert command.when is not None
        starts_at = command.when.replace(tzinfo=desk.zone)
        if starts_at <= now:
            return refuse(in_the_past(locale))
        notices = desk.move(session, day, starts_at, command.place or day.place, now)
    else:
        notices = desk.cancel(session, day, now)
    told = len(notices)
    note = texts.changed_for_organiser(day.id, day.status, told, locale)
    return Outcome([*notices, Notice(chat, Reply(note))], replan=(str(day.id),))


def _plan(
    desk: ReturnDays,
    session: Session,
    staff: Staff,
    chat: str,
    command: ReturnDayCommand,
    locale: str,
    now: datetime,
) -> Outcome:
    """A new day, invited at once; not in the past, nor a second one at the same
    moment and place (a command sent twice would invite everyone twice)."""
    assert command.when is not None
    assert command.audience is not None
    starts_at = command.when.replace(tzinfo=desk.zone)
    if starts_at <= now:
        return Outcome.refused(chat, in_the_past(locale))
    for planned in queries.return_days(session, None, ReturnDayStatus.PLANNED):
        if planned.starts_at == starts_at and normalize(planned.place) == normalize(command.place):
            return Outcome.refused(chat, audience_texts.planned_already(planned.id, locale))
    new = desk.plan(
        session,
        starts_at,
        command.place,
        command.audience,
        staff,
        now,
        purpose={locale: command.purpose} if command.purpose else None,
        programme={locale: command.programme} if command.programme else None,
    )
    if command.audience.followers:  # they sign up one by one
        desk.open_signup(session, new)
    invitations = desk.invite(session, new)
    who = texts.audience_text(desk.names, command.audience, locale)
    text = texts.planned(new.id, starts_at, new.place, who, len(invitations), desk.zone, locale)
    return Outcome([Notice(chat, Reply(text)), *invitations], replan=(str(new.id),))


def _reply(
    desk: ReturnDays,
    session: Session,
    day: ReturnDay,
    command: ReturnDayCommand,
    chat: str,
    locale: str,
) -> Outcome:
    """The organiser's answer to one invitee's words, in that invitee's chat; only to
    someone invited to the day or who answered it."""
    channel, ident = split_address(command.account)
    invited = desk.invitees(session, day, (channel, ident))
    answered = queries.return_day_answer(session, day.id, channel, ident)
    if not invited and answered is None:
        return Outcome.refused(chat, answer_texts.not_invited(command.account, day.id, locale))
    to = invited[0] if invited else None
    their = to.locale if to is not None else desk.config.bot.default_language
    where = address(channel, to.chat_id if to is not None else ident)
    said = answer_texts.from_organiser(desk.view(day), command.message, their)
    who = to.name if to is not None and to.name else command.account
    return Outcome([Notice(where, said), Notice(chat, Reply(answer_texts.replied(who, locale)))])


def _who_comes(
    desk: ReturnDays,
    session: Session,
    day: ReturnDay,
    command: ReturnDayCommand,
    chat: str,
    locale: str,
    now: datetime,
) -> Outcome:
    """The list by name, the sign-up link and the places of an open day."""
    if command.do is Do.ADD_PERSON:
        before = queries.return_day_people(session, day.id, split_address(command.account))
        notices = roster.add_person(desk, session, day, command.account, command.name, BY_CHAT, now)
        said = audience_texts.person_added(day.id, command.name, not before, locale)
        return Outcome([*notices, Notice(chat, Reply(said))])
    if command.do is Do.REMOVE_PERSON:
        listed = queries.return_day_people(session, day.id, split_address(command.account))
        named = listed[0].name if listed and listed[0].name else command.account
        taken = roster.take_off(desk, session, day, command.account, now)
        said = audience_texts.person_removed(day.id, named, taken is not None, locale)
        return Outcome([*(taken or []), Notice(chat, Reply(said))])
    if command.do is Do.SIGNUP:
        desk.open_signup(session, day)
        return Outcome.said(
            chat, audience_texts.poster(day.id, desk.view(day), desk.ways(day), locale)
        )
    if command.do is Do.CLOSE_SIGNUP:
        desk.close_signup(day)
        return Outcome.said(chat, audience_texts.signup_closed(day.id, locale))
    notices = answering.set_capacity(desk, session, day, command.capacity, now)
    coming = places.taken(queries.return_day_answers(session, day.id))
    said = audience_texts.capacity_set(day.id, command.capacity, len(notices), coming, locale)
    return Outcome([*notices, Notice(chat, Reply(said))])


def _listing(desk: ReturnDays, session: Session, now: datetime, locale: str) -> str:
    days = [
        (
            day.id,
            day.starts_at,
            day.place,
            texts.audience_text(desk.names, Audience.from_json(day.audience), locale),
        )
        for day in queries.return_days(session, None, ReturnDayStatus.PLANNED)
        if day.starts_at > now
    ]
    return texts.listing(days, desk.zone, locale)


def _overview(
    desk: ReturnDays, session: Session, day: ReturnDay, with_names: bool, locale: str
) -> str:
    invitees = desk.invitees(session, day)
    labels = {(i.channel, i.sender_id): i.label for i in invitees}
    by_answer: dict[str, list[str]] = {"yes": [], "no": [], "maybe": [], places.WAITING: []}
    answers = queries.return_day_answers(session, day.id)
    for answer in answers:
        label = labels.get((answer.channel, answer.sender_id), answer.sender_id)
        by_answer[answer.answer].append(label)
    counted = texts.Counted(
        by_answer["yes"],
        by_answer["no"],
        by_answer["maybe"],
        len(invitees),
        sum(answer.guests for answer in answers if answer.answer == SAID_YES),
        after.feedback_counts(day, answers),
        by_answer[places.WAITING],
        day.capacity,
    )
    who = texts.audience_text(desk.names, Audience.from_json(day.audience), locale)
    return texts.overview(
        day.id,
        day.starts_at,
        day.place,
        who,
        day.status,
        counted,
        with_names,
        desk.zone,
        locale,
    )
