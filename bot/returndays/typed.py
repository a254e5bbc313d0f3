"""A typed answer to a return day ("ik kom met z'n tweeën", "lukt niet") or a question
about it ("waar is het?"), from someone invited to a day still open for answers.

Called from the resident's turn for free text outside an intake, before it is
relayed to their contact (as `followups.satisfaction.typed` is): the text is read
first (`reading`, no database), and only an answer or a question about the day
looks up the open days. Anything else, and anything from someone not invited to an
open day, goes its usual way: nothing a person types is thrown away here.

Plain words ("ja", "nee", "misschien", "lukt niet") answer whoever asked last: they
count for the day only when its invitation, move or reminder reached the person after
anything their contact or the bot asked them about their initiative.

Runs inside the transaction of the incoming message.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address, language_of, staff_member
from bot.cases.timerules import time_rules
from bot.config.names import Names
from bot.messages import Incoming
from bot.notices import Notice, Outcome
from bot.returndays import answer_texts, answering
from bot.returndays.commands import reminder_times
from bot.returndays.desk import FROM_CONFIG, ReturnDays
from bot.returndays.reading import Question, read
from bot.vocabulary import ReturnDayStatus, TrailKind
from storage import queries
from storage.models import ReturnDay

# What the bot or a contact asks a resident about their initiative: a plain "ja" after
# one of these answers it, not the return day.
ASKED_THEM = frozenset(
    {
        TrailKind.RELAYED_TO_RESIDENT,
        TrailKind.ASKED,
        TrailKind.APPOINTMENT_PLANNED,
        TrailKind.APPOINTMENT_REMINDED,
        TrailKind.CHECKIN_SENT,
        TrailKind.STALE_SENT,
        TrailKind.YEARLY_SENT,
        TrailKind.RATING_ASKED,
    }
)


def typed(
    session: Session, names: Names, incoming: Incoming, text: str, locale: str, now: datetime
) -> Outcome | None:
    """`text` as an answer to, or a question about, an open return day the sender is
    invited to; None when it is neither (or a photo's caption: a photo is no answer)."""
    if incoming.photo is not None:
        return None
    said = read(text)
    if said is None:
        return None
    desk = ReturnDays(names, time_rules(names.config))
    days = _open_days(session, desk, incoming, now)
    if not days:
        return None
    chat = address(incoming.channel, incoming.chat_id)
    if isinstance(said, Question):
        return Outcome([Notice(chat, answer_texts.about(desk.view(day), locale)) for day in days])
    if said.plain and not _asked_last(session, desk, incoming, days, now):
        return None
    if len(days) > 1:
        views = [desk.view(day) for day in days]
        return Outcome([Notice(chat, answer_texts.which_day(views, said, locale))])
    return answering.take(desk, session, days[0], incoming, said, locale, now)


def to_organiser(
    session: Session, names: Names, incoming: Incoming, text: str, locale: str, now: datetime
) -> Outcome | None:
    """Words from someone invited to an open day that the bot could not read, when
    they have no contact to pass them to (they came by a poster's link, or by name):
    the day's organiser reads them ("ik kom wat later, is dat erg?"), and the person
    hears so, with the answer buttons and how to start an initiative instead. None for
    someone invited to no open day."""
    desk = ReturnDays(names, time_rules(names.config))
    days = _open_days(session, desk, incoming, now)
    if not days:
        return None
    day = days[0]  # the soonest: its organiser answers for it
    invitee = desk.invitee(session, day, incoming)
    name = invitee.name if invitee is not None and invitee.name else ""
    # The coordinator who planned it while they are one; else (a day from the config,
    # or its organiser left) every coordinator. Nobody to read it: the intake's way.
    organisers = (
        [day.organiser]
        if day.organiser != FROM_CONFIG and staff_member(names.config, day.organiser)
        else [person.account for person in names.config.routing.coordinators]
    )
    if not organisers:
        return None
    view = desk.view(day)
    passed = [
        Notice(
            account,
            answer_texts.for_organiser(
                day.id, view, name, text, language_of(names.config, account)
            ),
        )
        for account in organisers
    ]
    chat = address(incoming.channel, incoming.chat_id)
    return Outcome([*passed, Notice(chat, answer_texts.passed_to_organiser(view, locale))])


def _open_days(
    session: Session, desk: ReturnDays, incoming: Incoming, now: datetime
) -> list[ReturnDay]:
    """The days still open for answers (planned, not begun) the sender is invited to."""
    return [
        day
        for day in queries.return_days(session, None, ReturnDayStatus.PLANNED)
        if day.starts_at > now and desk.invitee(session, day, incoming) is not None
    ]


def _asked_last(
    session: Session, desk: ReturnDays, incoming: Incoming, days: Sequence[ReturnDay], now: datetime
) -> bool:
    """Whether a day's last word to the sender came after the last question they were
    asked about an initiative of theirs."""
    spoke = max(_last_word(desk, day, now) for day in days)
    mine = queries.initiatives_of(session, incoming.channel, incoming.sender_id)
    trails = queries.trails(session, [initiative.id for initiative in mine]) if mine else {}
    asked = [event.at for trail in trails.values() for event in trail if event.kind in ASKED_THEM]
    return not asked or max(asked) < spoke


def _last_word(desk: ReturnDays, day: ReturnDay, now: datetime) -> datetime:
    """When the day last wrote to its invitees: its invitation, its move, a reminder."""
    sent = [
        at
        for key, at in reminder_times(day.starts_at, desk.offsets, desk.rules)
        if key in day.reminded and at <= now
    ]
    return max([day.created_at, day.updated_at, *sent])
