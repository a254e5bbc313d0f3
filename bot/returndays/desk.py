"""Return days in the database: planned from chat or config, reminded, answered, moved.

Runs inside one transaction like everything else: a command, an answer or a
reminder writes its rows and its outbox messages together. A planned day sends its
invitation at once, recorded as "invite" on the return day; someone invited by name
or signing up later gets theirs when they are added. Reminders are recorded per
offset and start time, so none is sent twice, and moving the day arms them again.
Whoever said no hears nothing more of the day; whoever waits for a place hears of
changes, not reminders. The followers' chats read along and sign up one by one.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.accounts import Staff, address, chat_language, split_address, team_chat_owner
from bot.cases import on_behalf
from bot.cases.timerules import TimeRules
from bot.config.names import Names
from bot.config.settings import Config, Span
from bot.followups.plans import FollowUp, Planned
from bot.messages import Handled, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.outbox import rows as outbox
from bot.returndays import after, answer_texts, audience_texts, places, signup, texts
from bot.returndays.audience_texts import SignUpWays
from bot.returndays.commands import Audience, Do, ReturnDayCommand, Rsvp, Unusable, reminder_times
from bot.returndays.reading import Answer
from bot.texts.formatting import in_the_past
from bot.vocabulary import ReturnDayStatus, Status
from storage import queries
from storage.models import ReturnDay, ReturnDayAnswer

FROM_CONFIG = "config"
# How someone came on a day's list by name (`ReturnDayPerson.source`).
BY_CHAT = "chat"
SIGNED_UP = "signup"
# Initiators are invited unless they withdrew: the rest are still involved.
INVITED = frozenset(Status) - {Status.WITHDRAWN}
# The answer after which a day's news stops: no reminders, no changes.
DECLINED = "no"
# Who answered yes or maybe is told of a change even when no longer invited.
COMING = frozenset({"yes", "maybe"})
# The answer whose guests are counted, and who hear the follow-up after the day.
SAID_YES = places.SAID_YES
# In `ReturnDay.reminded`: the invitation went. Once per day, whatever moves later.
INVITATION = "invite"
# The commands about who comes: the list by name, the sign-up link, the places.
WHO_COMES = frozenset({Do.ADD_PERSON, Do.REMOVE_PERSON, Do.SIGNUP, Do.CLOSE_SIGNUP, Do.CAPACITY})
# A name as a platform shows it, kept for the organiser's list.
NAME_KEPT = 100


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
        self.config: Config = names.config
        self.rules = rules
        self.zone = names.config.bot.zone

    # --- coordinators' commands ---------------------------------------------------------

    def act(
        self,
        session: Session,
        staff: Staff,
        chat: str,
        command: ReturnDayCommand | Unusable,
        now: datetime,
    ) -> Outcome:
        locale = chat_language(self.config, chat, staff)
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
            starts_at = command.when.replace(tzinfo=self.zone)
            if starts_at <= now:
                return refuse(in_the_past(locale))
            new = self.plan(
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
                self.open_signup(session, new)
            invitations = self.invite(session, new)
            who = texts.audience_text(self._names, command.audience, locale)
            text = texts.planned(
                new.id, starts_at, new.place, who, len(invitations), self.zone, locale
            )
            return Outcome([Notice(chat, Reply(text)), *invitations], replan=(str(new.id),))
        day = queries.return_day(session, command.number)
        if day is None:
            return refuse(texts.unknown(command.number, locale))
        if command.do is Do.SHOW:
            private = team_chat_owner(self.config, chat) is None
            return Outcome.said(chat, self._overview(session, day, private, locale))
        if command.do is Do.ATTENDEES:
            if team_chat_owner(self.config, chat) is not None:  # names: the organiser's only
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
        if command.do in WHO_COMES:
            return self._who_comes(session, day, command, chat, locale, now)
        if command.do is Do.MOVE:
            assert command.when is not None
            starts_at = command.when.replace(tzinfo=self.zone)
            if starts_at <= now:
                return refuse(in_the_past(locale))
            notices = self.move(session, day, starts_at, command.place or day.place, now)
        else:
            notices = self.cancel(session, day, now)
        told = len(notices)
        note = texts.changed_for_organiser(day.id, day.status, told, locale)
        return Outcome([*notices, Notice(chat, Reply(note))], replan=(str(day.id),))

    def _who_comes(
        self,
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
            notices = self.add_person(session, day, command.account, command.name, BY_CHAT, now)
            said = audience_texts.person_added(day.id, command.name, not before, locale)
            return Outcome([*notices, Notice(chat, Reply(said))])
        if command.do is Do.REMOVE_PERSON:
            notices = self.take_off(session, day, command.account, now)
            removed = bool(notices)
            said = audience_texts.person_removed(day.id, command.account, removed, locale)
            return Outcome([*notices, Notice(chat, Reply(said))])
        if command.do is Do.SIGNUP:
            self.open_signup(session, day)
            return Outcome.said(
                chat, audience_texts.poster(day.id, self.view(day), self.ways(day), locale)
            )
        if command.do is Do.CLOSE_SIGNUP:
            day.signup_code = None
            return Outcome.said(chat, audience_texts.signup_closed(day.id, locale))
        notices = self.set_capacity(session, day, command.capacity)
        said = audience_texts.capacity_set(day.id, command.capacity, len(notices), locale)
        return Outcome([*notices, Notice(chat, Reply(said))])

    def plan(
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

    def invite(self, session: Session, day: ReturnDay) -> list[Notice]:
        """The invitation, to everyone invited, unless it went before."""
        if INVITATION in day.reminded:
            return []
        day.reminded = [*day.reminded, INVITATION]
        view = self.view(day)
        ways = self.ways(day) if day.signup_code is not None else None
        return self._tell(
            session,
            day,
            lambda locale: texts.invitation(view, locale),
            followers=(lambda locale: audience_texts.for_followers(view, ways, locale))
            if ways is not None
            else None,
        )

    def open_signup(self, session: Session, day: ReturnDay) -> None:
        """Give the day a sign-up link, unless it has one."""
        while day.signup_code is None:
            code = signup.new_code()
            if queries.return_day_by_code(session, code) is None:
                day.signup_code = code
        session.flush()

    def ways(self, day: ReturnDay) -> SignUpWays:
        """Where the day's sign-up link leads, on the platforms the bot is on."""
        assert day.signup_code is not None
        telegram, matrix = self.config.telegram, self.config.matrix
        link = (
            f"https://t.me/{telegram.username}?start={signup.start_payload(day.signup_code)}"
            if telegram.enabled and telegram.username
            else ""
        )
        return SignUpWays(
            day.signup_code, link, telegram.enabled, matrix.user_id if matrix.enabled else ""
        )

    def add_person(
        self, session: Session, day: ReturnDay, account: str, name: str, source: str, now: datetime
    ) -> list[Notice]:
        """Put `account` on the day's list by name; someone new gets the invitation, if
        the day's went already (else they get it with everyone)."""
        channel, ident = split_address(account)
        locale = self.config.bot.default_language
        added = queries.add_return_day_person(
            session, day.id, (channel, ident, ident), name, locale, source, now
        )
        if not added or INVITATION not in day.reminded:
            return []
        return [Notice(account, texts.invitation(self.view(day), locale))]

    def take_off(
        self, session: Session, day: ReturnDay, account: str, now: datetime
    ) -> list[Notice]:
        """Take `account` off the day's list by name: their answer goes, a place they
        held goes to the next, and they are told (unless they had said no). Nothing
        when they were not on it."""
        channel, ident = split_address(account)
        if not queries.remove_return_day_person(session, day.id, channel, ident):
            return []
        earlier = queries.return_day_answer(session, day.id, channel, ident)
        queries.delete_return_day_answer(session, day.id, channel, ident)
        locale = self.config.bot.default_language
        told = (
            []
            if earlier and earlier[0] == DECLINED
            else [Notice(account, audience_texts.taken_off(self.view(day), locale))]
        )
        return [*told, *self._fill_places(session, day, now)]

    def set_capacity(self, session: Session, day: ReturnDay, capacity: int | None) -> list[Notice]:
        """Change how many may come; those waiting who fit now are told they have a place."""
        day.capacity = capacity
        return self._fill_places(session, day, day.updated_at)

    def _fill_places(self, session: Session, day: ReturnDay, now: datetime) -> list[Notice]:
        """Places free go to the first waiting whose party fits, who are told."""
        languages = {(i.channel, i.sender_id): i.locale for i in self.invitees(session, day)}
        notices = []
        for answer in places.freed(day.capacity, queries.return_day_answers(session, day.id)):
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
            locale = languages.get(
                (answer.channel, answer.sender_id), self.config.bot.default_language
            )
            reply = audience_texts.place_freed(self.view(day), locale)
            notices.append(Notice(address(answer.channel, answer.chat_id), reply))
        return notices

    def move(
        self, session: Session, day: ReturnDay, starts_at: datetime, place: str, now: datetime
    ) -> list[Notice]:
        old = day.starts_at
        day.starts_at, day.place, day.updated_at = starts_at, place, now
        return self._tell(session, day, lambda locale: texts.moved(self.view(day), old, locale))

    def cancel(self, session: Session, day: ReturnDay, now: datetime) -> list[Notice]:
        day.status, day.updated_at = ReturnDayStatus.CANCELLED, now
        return self._tell(session, day, lambda locale: texts.cancelled(self.view(day), locale))

    def _tell(
        self,
        session: Session,
        day: ReturnDay,
        reply: Callable[[str], Reply],
        reminding: bool = False,
        followers: Callable[[str], Reply] | None = None,
    ) -> list[Notice]:
        """`reply` to everyone invited who did not say no, and to whoever said they (may)
        come though no longer invited (their initiative withdrawn since); a reminder
        not to those waiting for a place. The followers' chats read `followers`, else
        `reply` without its buttons: they sign up one by one."""
        default = self.config.bot.default_language
        readers = {
            (i.channel, i.sender_id): (i.chat_id, i.locale) for i in self.invitees(session, day)
        }
        for answer in queries.return_day_answers(session, day.id):
            who = (answer.channel, answer.sender_id)
            if answer.answer == DECLINED or (reminding and answer.answer == places.WAITING):
                readers.pop(who, None)
            elif answer.answer in COMING and who not in readers:
                readers[who] = (answer.chat_id, default)
        return [
            *(
                Notice(address(channel, chat_id), reply(locale))
                for (channel, _), (chat_id, locale) in readers.items()
            ),
            *self._to_followers(day, followers or reply),
        ]

    def _to_followers(self, day: ReturnDay, reply: Callable[[str], Reply]) -> list[Notice]:
        """`reply` without buttons in the chats of the day's followers still in the config."""
        names = set(Audience.from_json(day.audience).followers)
        return [
            Notice(chat, replace(reply(follower.language), choices=()))
            for follower in self.config.followers
            if follower.name in names
            for chat in follower.chats
        ]

    def view(self, day: ReturnDay) -> texts.DayInWords:
        return texts.DayInWords(
            day.id,
            day.starts_at,
            day.place,
            self.config.municipality.name,
            day.updated_at,
            self.zone,
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
        return texts.listing(days, self.zone, locale)

    def _overview(self, session: Session, day: ReturnDay, with_names: bool, locale: str) -> str:
        invitees = self.invitees(session, day)
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
        who = texts.audience_text(self._names, Audience.from_json(day.audience), locale)
        return texts.overview(
            day.id,
            day.starts_at,
            day.place,
            who,
            day.status,
            counted,
            with_names,
            self.zone,
            locale,
        )

    # --- who is invited -----------------------------------------------------------------

    def invitees(
        self, session: Session, day: ReturnDay, only: tuple[str, str] | None = None
    ) -> list[Invitee]:
        """Everyone the return day is for, once each, as they can be reached now; with
        `only` (channel, sender id), that one person if invited."""
        found = {(i.channel, i.sender_id): i for i in self._by_kind(session, day, only)}
        for person in queries.return_day_people(session, day.id, only):
            key = (person.channel, person.sender_id)
            if key not in found:  # an initiator or member too is named as such
                label = person.name or person.sender_id
                found[key] = Invitee(
                    person.channel,
                    person.chat_id,
                    person.sender_id,
                    person.locale,
                    label,
                    person.name,
                )
        return list(found.values())

    def _by_kind(
        self, session: Session, day: ReturnDay, only: tuple[str, str] | None
    ) -> list[Invitee]:
        """Those the day's audience names by kind: initiators, or a team's members."""
        audience = Audience.from_json(day.audience)
        if audience.kind == "named":
            return []
        if audience.kind == "team":  # the members, in their private chats with the bot
            team = self.config.team(audience.keys[0])
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
        return self.config.schedule.return_day_offsets()

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
        today = now.astimezone(self.zone).date()
        view = self.view(day)
        reminders = self._tell(
            session, day, lambda locale: texts.reminder(view, today, locale), reminding=True
        )
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
        recorded = self._record(session, day, incoming, Answer(rsvp.answer), now)
        chat = address(incoming.channel, incoming.chat_id)
        said = self._about_place(day, recorded, invitee.locale) or texts.rsvp_thanks(
            rsvp.answer, invitee.locale
        )
        return Outcome([*recorded.freed, Notice(chat, Reply(said))])

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
        recorded = self._record(session, day, incoming, said, now)
        chat = address(incoming.channel, incoming.chat_id)
        about_place = self._about_place(day, recorded, locale)
        reply = (
            Reply(about_place)
            if about_place
            else answer_texts.understood(self.view(day), said.answer, recorded.guests, locale)
        )
        return Outcome([*recorded.freed, Notice(chat, reply)])

    def _about_place(self, day: ReturnDay, recorded: "Recorded", locale: str) -> str:
        """What to say of a yes that did not get (all of) its places; "" for the rest."""
        if recorded.waiting:
            return audience_texts.waiting(self.view(day), recorded.waiting, locale)
        if recorded.guests_refused:
            return audience_texts.no_room_for_guests(recorded.guests, locale)
        return ""

    def _record(
        self, session: Session, day: ReturnDay, incoming: Incoming, said: Answer, now: datetime
    ) -> "Recorded":
        """The one place an answer is stored, within the day's places.

        Guests not named keep those said before ("ik kom" after "+1", a pressed "Ik
        kom"); no brings none. A yes that does not fit waits (and keeps its turn when
        said again); one who had a place keeps it when their extra guests do not fit.
        A place given up goes to the first waiting whose party fits."""
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
        return Recorded(guests, freed=self._fill_places(session, day, now) if gave_up else [])

    def sign_up(
        self, session: Session, incoming: Incoming, code: str, locale: str, now: datetime
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
        return Outcome([Notice(chat, audience_texts.welcome(self.view(day), locale))])


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
