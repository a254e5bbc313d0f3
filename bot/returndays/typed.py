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
from bot.cases import on_behalf
from bot.cases.handing_in import within_reopen_window
from bot.cases.timerules import time_rules
from bot.config.names import Names
from bot.intake.faq import answer_to
from bot.intake.intent import is_greeting, is_question, tells_an_idea, words
from bot.intake.state import Setting
from bot.matching import normalize
from bot.messages import Incoming
from bot.notices import Notice, Outcome
from bot.returndays import answer_texts, answering
from bot.returndays.commands import reminder_times
from bot.returndays.desk import DECLINED, FROM_CONFIG, ReturnDays
from bot.returndays.reading import Question, read
from bot.vocabulary import UNFINISHED, ReturnDayStatus, TrailKind
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
    session: Session,
    names: Names,
    setting: Setting,
    incoming: Incoming,
    text: str,
    locale: str,
    now: datetime,
) -> Outcome | None:
    """Words from someone invited to an open day that the bot could not read, when
    they have no contact to pass them to (they came by a poster's link, or by name, or
    their initiative closed long ago): the day's organiser reads them ("ik kom wat
    later, is dat erg?") and can answer, and the person hears so, with the answer
    buttons and how to start an initiative instead.

    None, for their usual way, for: someone with a contact, staff, an idea (it starts
    an intake), a question the bot answers itself, thanks or a greeting, and anyone
    who said no to every open day they are invited to (they hear nothing more of it)."""
    # The words and the config first; the database only for what is left.
    if tells_an_idea(text) or _small_talk(text):
        return None
    if is_question(text) and answer_to(setting, text, locale) is not None:
        return None
    if staff_member(names.config, address(incoming.channel, incoming.sender_id)):
        return None
    if _has_a_contact(session, names, incoming, now):
        return None
    desk = ReturnDays(names, time_rules(names.config))
    days = [
        day
        for day in _open_days(session, desk, incoming, now)
        if (
            queries.return_day_answer(session, day.id, incoming.channel, incoming.sender_id)
            or ("", 0)
        )[0]
        != DECLINED
    ]
    if not days:
        return None
    day = days[0]  # the soonest: its organiser answers for it
    organisers = _organisers(names, day.organiser)
    if not organisers:
        return None  # nobody would read it
    invitee = desk.invitee(session, day, incoming)
    name = invitee.name if invitee is not None and invitee.name else ""
    account = address(incoming.channel, incoming.sender_id)
    view = desk.view(day)
    passed = [
        Notice(
            reader,
            answer_texts.for_organiser(
                day.id, view, name, account, text, language_of(names.config, reader)
            ),
        )
        for reader in organisers
    ]
    chat = address(incoming.channel, incoming.chat_id)
    return Outcome([*passed, Notice(chat, answer_texts.passed_to_organiser(view, locale))])


def _organisers(names: Names, organiser: str) -> list[str]:
    """The coordinator who planned the day while they are one; else (a day from the
    config, or its organiser is a coordinator no more) every coordinator."""
    staff = staff_member(names.config, organiser) if organiser != FROM_CONFIG else None
    if staff is not None and staff.coordinator:
        return [organiser]
    return [person.account for person in names.config.routing.coordinators]


def _has_a_contact(session: Session, names: Names, incoming: Incoming, now: datetime) -> bool:
    """Whether their words go to a contact or team: an initiative unfinished, or closed
    within the reopen window (`cases.handing_in.relay_to_contact`)."""
    initiative = queries.latest_open_or_closed(
        session, incoming.channel, incoming.sender_id, UNFINISHED
    )
    if initiative is None or on_behalf.recorded(initiative.answers) is not None:
        return False
    return initiative.status in UNFINISHED or within_reopen_window(
        names.config, initiative.updated_at, now
    )


def _small_talk(text: str) -> bool:
    """ "Bedankt!", "hoi": nothing for the organiser to read."""
    said = normalize(text)
    return said in words().softeners or is_greeting(text)


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
