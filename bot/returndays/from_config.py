"""The return days the config plans (`[[return_days]]`), brought into the database at
each start: new ones planned and invited, changed ones moved, removed ones cancelled,
and their participants' lists kept as the config gives them.

A key names one day at a time. Once its day has passed, the key is let go (the day
stays, with its answers) and a new day is planned when the config names a moment to
come: the next date of `on`, or an `at` changed since.

Runs inside one transaction with the rest of the start's sync.
"""

import hashlib
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from bot.config.monthly import MonthlyDay
from bot.config.settings import Localized, ReturnDaySettings
from bot.notices import Notice
from bot.outbox import rows as outbox
from bot.returndays import answering, roster
from bot.returndays.commands import Audience
from bot.returndays.desk import FROM_CONFIG, ReturnDays
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.models import ReturnDay

# In `ReturnDay.reminded`: a participant of the config was added (see `_list`).
LISTED = "listed:"
MARK_LENGTH = 16


def sync(desk: ReturnDays, session: Session, now: datetime) -> list[str]:
    """Bring the config's return days into the database; which days changed."""
    stored = {day.key: day for day in queries.return_days_from_config(session)}
    notices: list[Notice] = []
    changed: list[str] = []
    for wanted in desk.config.return_days:
        day = stored.pop(wanted.key, None)
        if day is not None and day.starts_at <= now:
            starts_at = wanted.starts_at(desk.zone, now.astimezone(desk.zone).date())
            if starts_at <= now or starts_at == day.starts_at:
                continue  # nothing to come
            day.key = None
            session.flush()  # the key is free before the next day takes it
            day = None
        starts_at = _wanted_start(desk, wanted, day, now)
        if starts_at <= now:  # over: nothing to invite, remind or move
            continue
        purpose, programme = _by_language(wanted.purpose), _by_language(wanted.programme)
        if day is None:
            day = desk.plan(
                session,
                starts_at,
                wanted.place,
                _audience(wanted),
                None,
                now,
                wanted.key,
                purpose,
                programme,
            )
            day.capacity = wanted.capacity
            if wanted.signup or wanted.followers:
                desk.open_signup(session, day)
            _list(desk, session, day, wanted, now)
            notices.extend(desk.invite(session, day))
            changed.append(str(day.id))
            continue
        if day.status != ReturnDayStatus.PLANNED:
            continue
        day.purpose, day.programme = purpose, programme  # news to nobody
        told = len(notices)
        notices.extend(_followers(desk, session, day, wanted))
        notices.extend(_list(desk, session, day, wanted, now))
        if day.capacity != wanted.capacity:
            notices.extend(answering.set_capacity(desk, session, day, wanted.capacity, now))
        moved = (day.starts_at, day.place) != (starts_at, wanted.place)
        if moved:  # its reminders are planned anew
            notices.extend(desk.move(session, day, starts_at, wanted.place, now))
        if moved or len(notices) > told:
            changed.append(str(day.id))
    for day in stored.values():
        if day.status == ReturnDayStatus.PLANNED and day.starts_at > now:
            notices.extend(desk.cancel(session, day, now))
            changed.append(str(day.id))
    outbox.write(session, notices, now)
    return changed


def _followers(
    desk: ReturnDays, session: Session, day: ReturnDay, wanted: ReturnDaySettings
) -> list[Notice]:
    """The followers the config now names: those added get the invitation (with the
    sign-up link, opened for them), those dropped hear no more; `signup = true` opens
    the link. A link opened in chat stays open."""
    audience = Audience.from_json(day.audience)
    if wanted.signup or wanted.followers:
        desk.open_signup(session, day)
    if audience.followers == wanted.followers:
        return []
    day.audience = replace(audience, followers=wanted.followers).to_json()
    return desk.invite_followers(day, set(wanted.followers) - set(audience.followers))


def _list(
    desk: ReturnDays, session: Session, day: ReturnDay, wanted: ReturnDaySettings, now: datetime
) -> list[Notice]:
    """The config's participants on the day's list: each added (and invited, once the
    day's invitation went) the first time the config names them, and only then; those
    the config drops are taken off.

    "The first time" is kept on the day as a mark per account (`LISTED`, a hash): so
    someone who asked to be forgotten, or whom a coordinator took off in chat, is not
    invited again at the next start while the config still names them. A mark goes
    when the config no longer names the account."""
    listed = {person.account: person.name for person in wanted.participants}
    marks = {_mark(day, account): account for account in listed}
    notices: list[Notice] = []
    for person in queries.return_day_people(session, day.id):
        account = f"{person.channel}:{person.sender_id}"
        if person.source == FROM_CONFIG and account not in listed:
            notices.extend(roster.take_off(desk, session, day, account, now) or [])
    kept = [entry for entry in day.reminded if not entry.startswith(LISTED) or entry in marks]
    for mark, account in marks.items():
        if mark not in kept:
            notices.extend(
                roster.add_person(desk, session, day, account, listed[account], FROM_CONFIG, now)
            )
            kept.append(mark)
    if kept != day.reminded:  # a start that changes nothing writes nothing
        day.reminded = kept
    return notices


def _mark(day: ReturnDay, account: str) -> str:
    """The mark of a config participant added to a day: no account in the clear."""
    digest = hashlib.sha256(f"{day.id}:{account}".encode()).hexdigest()
    return f"{LISTED}{digest[:MARK_LENGTH]}"


def _wanted_start(
    desk: ReturnDays, wanted: ReturnDaySettings, day: ReturnDay | None, now: datetime
) -> datetime:
    """When the config wants the day. A day `on` a day of the month stays in the month
    it was planned in (a start next month does not move it a month on); only a changed
    rule or time moves it within that month."""
    today = now.astimezone(desk.zone).date()
    if day is None or not wanted.on:
        return wanted.starts_at(desk.zone, today)
    planned = day.starts_at.astimezone(desk.zone)
    in_its_month = wanted.on_day(
        MonthlyDay.parse(wanted.on).in_month(planned.year, planned.month), desk.zone
    )
    return in_its_month if in_its_month > now else wanted.starts_at(desk.zone, today)


def _by_language(text: Localized | None) -> dict[str, str] | None:
    """A purpose or programme as `ReturnDay` keeps them: by language."""
    return {key: value for key, value in text.model_dump().items() if value} if text else None


def _audience(settings: ReturnDaySettings) -> Audience:
    followers = settings.followers
    if settings.areas:
        return Audience("areas", settings.areas, followers)
    if settings.themes:
        return Audience("themes", settings.themes, followers)
    if settings.team:
        return Audience("team", (settings.team,), followers)
    return Audience("all" if settings.all_initiators else "named", (), followers)
