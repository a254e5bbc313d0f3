"""Return days in the database: planned from chat or config, reminded, answered, moved.

Runs inside one transaction like everything else: a command, an answer or a
reminder writes its rows and its outbox messages together. A planned day sends its
invitation at once, recorded as "invite" on the return day; reminders are recorded
per offset and start time, so none is sent twice, and moving the day arms them
again. Whoever said no hears nothing more of the day.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.accounts import Staff, address, chat_language, split_address, team_chat_owner
from bot.cases import on_behalf
from bot.cases.timerules import TimeRules
from bot.config.monthly import MonthlyDay
from bot.config.names import Names
from bot.config.settings import Config, Localized, ReturnDaySettings, Span
from bot.followups.plans import FollowUp, Planned
from bot.messages import Handled, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.outbox import rows as outbox
from bot.returndays import after, answer_texts, texts
from bot.returndays.commands import Audience, Do, ReturnDayCommand, Rsvp, Unusable, reminder_times
from bot.returndays.reading import Answer
from bot.texts.formatting import in_the_past
from bot.vocabulary import ReturnDayStatus, Status
from storage import queries
from storage.models import ReturnDay

FROM_CONFIG = "config"
# Initiators are invited unless they withdrew: the rest are still involved.
INVITED = frozenset(Status) - {Status.WITHDRAWN}
# The answer after which a day's news stops: no reminders, no changes.
DECLINED = "no"
# Who answered yes or maybe is told of a change even when no longer invited.
COMING = frozenset({"yes", "maybe"})
# The answer whose guests are counted, and who hear the follow-up after the day.
SAID_YES = "yes"
# In `ReturnDay.reminded`: the invitation went. Once per day, whatever moves later.
INVITATION = "invite"


@dataclass(frozen=True, slots=True)
class Invitee:
    channel: str
    chat_id: str
    sender_id: str
    locale: str
    label: str  # how the organiser's list names them: a name and a reference
    name: str = ""  # the name alone, for the attendance list; "" when none is known


class ReturnDays:
    """Return days in the database: the coordinators' commands, the invitees, their
    reminders and answers, and the days the config plans."""

    def __init__(self, names: Names, rules: TimeRules) -> None:
        self._names = names
        self._config: Config = names.config
        self.rules = rules
        self._zone = names.config.bot.zone

    # --- coordinators' commands ---------------------------------------------------------

    def act(
        self,
        session: Session,
        staff: Staff,
        chat: str,
        command: ReturnDayCommand | Unusable,
        now: datetime,
    ) -> Outcome:
        locale = chat_language(self._config, chat, staff)
        refuse = partial(Outcome.refused, chat)

        if not staff.coordinator:
            return refuse(texts.coordinators_only(locale))
        if isinstance(command, Unusable):
            return refuse(texts.usage(command.why, locale))
        if command.do is Do.LIST:
            return Outcome.said(chat, self._listing(session, now, locale))
        if command.do is Do.PLAN:
            assert command.when is not None
            assert command.audience is not None
            starts_at = command.when.replace(tzinfo=self._zone)
            if starts_at <= now:
                return refuse(in_the_past(locale))
            new = self._plan(
                session,
                starts_at,
                command.place,
                command.audience,
                staff,
                now,
                purpose={locale: command.purpose} if command.purpose else None,
                programme={locale: command.programme} if command.programme else None,
            )
            invitations = self._invite(session, new)
            who = texts.audience_text(self._names, command.audience, locale)
            text = texts.planned(
                new.id, starts_at, new.place, who, len(invitations), self._zone, locale
            )
            return Outcome([Notice(chat, Reply(text)), *invitations], replan=(str(new.id),))
        day = queries.return_day(session, command.number)
        if day is None:
            return refuse(texts.unknown(command.number, locale))
        if command.do is Do.SHOW:
            private = team_chat_owner(self._config, chat) is None
            return Outcome.said(chat, self._overview(session, day, private, locale))
        if command.do is Do.ATTENDEES:
            if team_chat_owner(self._config, chat) is not None:  # names: the organiser's only
                return refuse(answer_texts.attendance_in_private(locale))
            names = {(i.channel, i.sender_id): i.name for i in self.invitees(session, day)}
            answers = queries.return_day_answers(session, day.id)
            listed = after.attendance(day, self.view(day), answers, names, locale)
            return Outcome.said(chat, listed)
        if command.do is Do.FOLLOW_UP:
            languages = {(i.channel, i.sender_id): i.locale for i in self.invitees(session, day)}
            view = self.view(day)
            return after.follow_up(
                session, day, view, languages, chat, command.message, locale, now
            )
        if day.status == ReturnDayStatus.CANCELLED or day.starts_at <= now:
            return refuse(texts.no_longer_open(locale))
        if command.do is Do.MOVE:
            assert command.when is not None
            starts_at = command.when.replace(tzinfo=self._zone)
            if starts_at <= now:
                return refuse(in_the_past(locale))
            notices = self._move(session, day, starts_at, command.place or day.place, now)
        else:
            notices = self._cancel(session, day, now)
        told = len(notices)
        note = texts.changed_for_organiser(day.id, day.status, told, locale)
        return Outcome([*notices, Notice(chat, Reply(note))], replan=(str(day.id),))

    def _plan(
        self,
        session: Session,
        starts_at: datetime,
        place: str,
        audience: Audience,
        organiser: Staff | None,
        now: datetime,
        key: str | None = None,
        purpose: dict[str, str] | None = None,
        programme: dict[str, str] | None = None,
    ) -> ReturnDay:
        day = ReturnDay(
            key=key,
            starts_at=starts_at,
            place=place,
            audience=audience.to_json(),
            organiser=organiser.account if organiser else FROM_CONFIG,
            status=ReturnDayStatus.PLANNED,
            reminded=[],
            purpose=purpose,
            programme=programme,
            created_at=now,
            updated_at=now,
        )
        session.add(day)
        session.flush()
        return day

    def _invite(self, session: Session, day: ReturnDay) -> list[Notice]:
        """The invitation, to everyone invited, unless it went before."""
        if INVITATION in day.reminded:
            return []
        day.reminded = [*day.reminded, INVITATION]
        return self._tell(session, day, lambda locale: texts.invitation(self.view(day), locale))

    def _move(
        self, session: Session, day: ReturnDay, starts_at: datetime, place: str, now: datetime
    ) -> list[Notice]:
        old = day.starts_at
        day.starts_at, day.place, day.updated_at = starts_at, place, now
        return self._tell(session, day, lambda locale: texts.moved(self.view(day), old, locale))

    def _cancel(self, session: Session, day: ReturnDay, now: datetime) -> list[Notice]:
        day.status, day.updated_at = ReturnDayStatus.CANCELLED, now
        return self._tell(session, day, lambda locale: texts.cancelled(self.view(day), locale))

    def _tell(
        self, session: Session, day: ReturnDay, reply: Callable[[str], Reply]
    ) -> list[Notice]:
        """`reply` to everyone invited who did not say no, and to whoever said they (may)
        come though no longer invited (their initiative withdrawn since)."""
        default = self._config.bot.default_language
        readers = {
            (i.channel, i.sender_id): (i.chat_id, i.locale) for i in self.invitees(session, day)
        }
        for answer in queries.return_day_answers(session, day.id):
            who = (answer.channel, answer.sender_id)
            if answer.answer == DECLINED:
                readers.pop(who, None)
            elif answer.answer in COMING and who not in readers:
                readers[who] = (answer.chat_id, default)
        return [
            Notice(address(channel, chat_id), reply(locale))
            for (channel, _), (chat_id, locale) in readers.items()
        ]

    def view(self, day: ReturnDay) -> texts.DayInWords:
        return texts.DayInWords(
            day.id,
            day.starts_at,
            day.place,
            self._config.municipality.name,
            day.updated_at,
            self._zone,
            day.purpose,
            day.programme,
        )

    def _listing(self, session: Session, now: datetime, locale: str) -> str:
        days = [
            (
                day.id,
                day.starts_at,
                day.place,
                texts.audience_text(self._names, Audience.from_json(day.audience), locale),
            )
            for day in queries.return_days(session, None, ReturnDayStatus.PLANNED)
            if day.starts_at > now
        ]
        return texts.listing(days, self._zone, locale)

    def _overview(self, session: Session, day: ReturnDay, with_names: bool, locale: str) -> str:
        invitees = self.invitees(session, day)
        labels = {(i.channel, i.sender_id): i.label for i in invitees}
        by_answer: dict[str, list[str]] = {"yes": [], "no": [], "maybe": []}
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
        )
        who = texts.audience_text(self._names, Audience.from_json(day.audience), locale)
        return texts.overview(
            day.id,
            day.starts_at,
            day.place,
            who,
            day.status,
            counted,
            with_names,
            self._zone,
            locale,
        )

    # --- who is invited -----------------------------------------------------------------

    def invitees(
        self, session: Session, day: ReturnDay, only: tuple[str, str] | None = None
    ) -> list[Invitee]:
        """Everyone the return day is for, once each, as they can be reached now; with
        `only` (channel, sender id), that one person if invited."""
        audience = Audience.from_json(day.audience)
        if audience.kind == "team":  # the members, in their private chats with the bot
            team = self._config.team(audience.keys[0])
            members = [(split_address(member.account), member.name) for member in team.members]
            return [
                Invitee(channel, account, account, team.language, name, name)
                for (channel, account), name in members
                if only is None or only == (channel, account)
            ]
        areas = audience.keys if audience.kind == "areas" else None
        themes = audience.keys if audience.kind == "themes" else None
        found: dict[tuple[str, str], Invitee] = {}
        for initiative in queries.initiatives_for(session, INVITED, areas, themes, only):
            if not on_behalf.initiator_has_a_chat(initiative):
                # Handed in by a contact: the chat is theirs, not the resident's, and one
                # answer of theirs would count for every resident they handed in for.
                continue
            key = (initiative.channel, initiative.sender_id)
            earlier = found.get(key)
            label = (  # one message each; the organiser's list names every initiative
                f"{earlier.label}, {initiative.reference}"
                if earlier
                else f"{initiative.name or '?'} ({initiative.reference})"
            )
            found[key] = Invitee(
                initiative.channel,
                initiative.chat_id,
                initiative.sender_id,
                initiative.locale,
                label,
                earlier.name if earlier else initiative.name or "",
            )
        return list(found.values())

    def invitee(self, session: Session, day: ReturnDay, incoming: Incoming) -> Invitee | None:
        """The sender, as invited to `day`; None when they are not. Reads only their own
        initiatives: a typed "ja" must not read every initiator of a day for all."""
        found = self.invitees(session, day, (incoming.channel, incoming.sender_id))
        return found[0] if found else None

    # --- reminders ----------------------------------------------------------------------

    def planned(self, session: Session, numbers: Sequence[int] | None) -> list[Planned]:
        return [
            Planned(at, FollowUp.RETURN_DAY, str(day.id), part)
            for day in queries.return_days(session, numbers, ReturnDayStatus.PLANNED)
            for part, (_, at) in self._unsent(day).items()
        ]

    @property
    def offsets(self) -> tuple[Span, ...]:
        """How long before a day its reminders go, as the config says."""
        return self._config.schedule.return_day_offsets()

    def _unsent(self, day: ReturnDay) -> dict[str, tuple[str, datetime]]:
        """The reminders of a planned day not sent yet, by part: their key and moment.

        Not those due before the day was planned or last moved: the invitation or the
        change, just sent, said it all ("nog een week" three days before is noise)."""
        if day.status != ReturnDayStatus.PLANNED:
            return {}
        return {
            str(index): (key, at)
            for index, (key, at) in enumerate(
                reminder_times(day.starts_at, self.offsets, self.rules)
            )
            if key not in day.reminded and at > day.updated_at
        }

    def fire(
        self, session: Session, number: int, part: str, now: datetime
    ) -> tuple[int, datetime | None]:
        """Send one reminder if still due: (messages written, or when to come back)."""
        day = queries.return_day(session, number)
        wanted = self._unsent(day).get(part) if day is not None else None
        if day is None or wanted is None:
            return 0, None
        key, at = wanted
        later = self.rules.not_yet(at, now)
        if later is not None:
            return 0, later
        day.reminded = [*day.reminded, key]
        if day.starts_at <= now:  # the bot was down until after the day itself
            return 0, None
        today = now.astimezone(self._zone).date()
        view = self.view(day)
        reminders = self._tell(session, day, lambda locale: texts.reminder(view, today, locale))
        return outbox.write(session, reminders, now), None

    # --- answers ------------------------------------------------------------------------

    def answer(
        self, session: Session, incoming: Incoming, rsvp: Rsvp, locale: str, now: datetime
    ) -> Outcome:
        day = queries.return_day(session, rsvp.number)
        if rsvp.feedback and day is not None:
            return after.feedback(session, day, incoming, rsvp.answer, locale)
        if day is None or day.status != ReturnDayStatus.PLANNED or day.starts_at <= now:
            return Outcome(handled=Handled(accepted=False, note=texts.no_longer_open(locale)))
        invitee = self.invitee(session, day, incoming)
        if invitee is None:  # a forged or passed-on button
            return Outcome(handled=Handled(accepted=False, note=texts.no_longer_open(locale)))
        if rsvp.guests is not None:  # which day a typed answer was for: as typed
            return self.take(session, day, incoming, Answer(rsvp.answer, rsvp.guests), locale, now)
        self._record(session, day, incoming, Answer(rsvp.answer), now)
        chat = address(incoming.channel, incoming.chat_id)
        return Outcome.said(chat, texts.rsvp_thanks(rsvp.answer, invitee.locale))

    def take(
        self,
        session: Session,
        day: ReturnDay,
        incoming: Incoming,
        said: Answer,
        locale: str,
        now: datetime,
    ) -> Outcome:
        """A typed answer counted; the reply says what was understood and how to change it."""
        guests = self._record(session, day, incoming, said, now)
        chat = address(incoming.channel, incoming.chat_id)
        reply = answer_texts.understood(self.view(day), said.answer, guests, locale)
        return Outcome([Notice(chat, reply)])

    def _record(
        self, session: Session, day: ReturnDay, incoming: Incoming, said: Answer, now: datetime
    ) -> int:
        """The one place an answer is stored; how many guests it brings. Guests not
        named keep those said before ("ik kom" after "+1", a pressed "Ik kom"); no
        brings none."""
        guests = said.guests
        if said.answer == DECLINED:
            guests = 0
        elif guests is None:
            earlier = queries.return_day_answer(
                session, day.id, incoming.channel, incoming.sender_id
            )
            guests = earlier[1] if earlier is not None else 0
        queries.record_return_day_answer(
            session,
            day.id,
            incoming.channel,
            incoming.chat_id,
            incoming.sender_id,
            said.answer,
            now,
            guests,
        )
        return guests

    # --- return days from the config ----------------------------------------------------

    def sync_config(self, session: Session, now: datetime) -> list[str]:
        """Bring the config's return days into the database: new ones planned and invited,
        changed ones moved, removed ones cancelled (those not declined are told). Which
        changed.

        A key names one day at a time. Once its day has passed, the key is let go (the
        day stays, with its answers) and a new day is planned when the config names a
        moment to come: the next date of `on`, or an `at` changed since."""
        stored = {day.key: day for day in queries.return_days_from_config(session)}
        notices: list[Notice] = []
        changed: list[str] = []
        for wanted in self._config.return_days:
            day = stored.pop(wanted.key, None)
            if day is not None and day.starts_at <= now:
                starts_at = wanted.starts_at(self._zone, now.astimezone(self._zone).date())
                if starts_at <= now or starts_at == day.starts_at:
                    continue  # nothing to come
                day.key = None
                session.flush()  # the key is free before the next day takes it
                day = None
            starts_at = self._wanted_start(wanted, day, now)
            if starts_at <= now:  # over: nothing to invite, remind or move
                continue
            purpose, programme = _texts(wanted)
            if day is None:
                day = self._plan(
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
                notices.extend(self._invite(session, day))
            elif day.status != ReturnDayStatus.PLANNED:
                continue
            else:
                if (day.purpose, day.programme) != (purpose, programme):
                    day.purpose, day.programme = purpose, programme  # news to nobody
                if (day.starts_at, day.place) == (starts_at, wanted.place):
                    continue
                notices.extend(self._move(session, day, starts_at, wanted.place, now))
            changed.append(str(day.id))
        for day in stored.values():
            if day.status == ReturnDayStatus.PLANNED and day.starts_at > now:
                notices.extend(self._cancel(session, day, now))
                changed.append(str(day.id))
        outbox.write(session, notices, now)
        return changed

    def _wanted_start(
        self, wanted: ReturnDaySettings, day: ReturnDay | None, now: datetime
    ) -> datetime:
        """When the config wants the day. A day `on` a day of the month stays in the month
        it was planned in (a start next month does not move it a month on); only a
        changed rule or time moves it within that month."""
        today = now.astimezone(self._zone).date()
        if day is None or not wanted.on:
            return wanted.starts_at(self._zone, today)
        planned = day.starts_at.astimezone(self._zone)
        in_its_month = wanted.on_day(
            MonthlyDay.parse(wanted.on).in_month(planned.year, planned.month), self._zone
        )
        return in_its_month if in_its_month > now else wanted.starts_at(self._zone, today)


def _texts(settings: ReturnDaySettings) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    """The purpose and programme as `ReturnDay` keeps them: by language."""
    return _by_language(settings.purpose), _by_language(settings.programme)


def _by_language(text: Localized | None) -> dict[str, str] | None:
    return {key: value for key, value in text.model_dump().items() if value} if text else None


def _audience(settings: ReturnDaySettings) -> Audience:
    if settings.areas:
        return Audience("areas", settings.areas)
    if settings.themes:
        return Audience("themes", settings.themes)
    if settings.team:
        return Audience("team", (settings.team,))
    return Audience("all")
