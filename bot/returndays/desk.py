"""Return days in the database: planned from chat or config, reminded, answered, moved.

Runs inside one transaction like everything else: a command, an answer or a
reminder writes its rows and its outbox messages together. A planned day sends its
invitation at once, recorded as "invite" on the return day; someone invited by name
or signing up later gets theirs when they are added. Reminders are recorded per
offset and start time, so none is sent twice, and moving the day arms them again.
Whoever said no hears nothing more of the day; whoever waits for a place hears of
changes, not reminders. The followers' chats read along and sign up one by one.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.accounts import Staff, address, split_address
from bot.cases import on_behalf
from bot.cases.timerules import TimeRules
from bot.config.names import Names
from bot.config.settings import Config, Span
from bot.followups.plans import FollowUp, Planned
from bot.messages import Incoming
from bot.notices import Notice, Reply
from bot.outbox import rows as outbox
from bot.returndays import audience_texts, places, signup, texts
from bot.returndays.audience_texts import SignUpWays
from bot.returndays.commands import Audience, reminder_times
from bot.vocabulary import ReturnDayStatus, Status
from storage import queries
from storage.models import Initiative, ReturnDay

# The organiser of a day the config plans, and how its participants came on its list.
FROM_CONFIG = "config"
# Initiators are invited unless they withdrew: the rest are still involved.
INVITED = frozenset(Status) - {Status.WITHDRAWN}
# The answer after which a day's news stops: no reminders, no changes.
DECLINED = "no"
# Who answered yes or maybe is told of a change even when no longer invited.
COMING = frozenset({"yes", "maybe"})
# The answer whose guests are counted, and who hear the follow-up after the day.
SAID_YES = places.SAID_YES
# The audiences that invite initiators (`Audience.kind`).
INITIATORS = frozenset({"all", "areas", "themes"})
# In `ReturnDay.reminded`: its sign-up link was closed (the code stays the day's).
SIGNUP_CLOSED = "signup-closed"
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
    """Return days in the database: planned, invited, moved, cancelled and reminded,
    and who is invited. The coordinators' commands are in `organiser`, the answers
    and places in `answering`, the lists by name in `roster`, the config's days in
    `from_config`: each takes this desk."""

    def __init__(self, names: Names, rules: TimeRules) -> None:
        self.names = names
        self.config: Config = names.config
        self.rules = rules
        self.zone = names.config.bot.zone

    # --- coordinators' commands ---------------------------------------------------------

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
        return self._tell(
            session, day, lambda locale: texts.invitation(self.view(day), locale), invitation=True
        )

    def invite_followers(self, day: ReturnDay, names: Iterable[str]) -> list[Notice]:
        """The invitation in the chats of followers added to a day already announced."""
        if INVITATION not in day.reminded:
            return []  # they get it with everyone
        said = partial(texts.invitation, self.view(day))
        return self._to_followers(day, said, set(names), invitation=True)

    def open_signup(self, session: Session, day: ReturnDay) -> None:
        """Give the day a sign-up link, unless it has one (open: nothing is written, as
        at every start for a day the config gives one)."""
        if SIGNUP_CLOSED in day.reminded:
            day.reminded = [entry for entry in day.reminded if entry != SIGNUP_CLOSED]
        while day.signup_code is None:
            code = signup.new_code()
            if queries.return_day_by_code(session, code) is None:
                day.signup_code = code
                session.flush()  # taken: the next day's new code is checked against it

    def close_signup(self, day: ReturnDay) -> None:
        """Close the day's link; its code stays the day's, so that a poster's reader is
        told sign-up closed, and opening it again makes the same posters work."""
        if SIGNUP_CLOSED not in day.reminded:
            day.reminded = [*day.reminded, SIGNUP_CLOSED]

    @staticmethod
    def signup_open(day: ReturnDay) -> bool:
        return day.signup_code is not None and SIGNUP_CLOSED not in day.reminded

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
        invitation: bool = False,
    ) -> list[Notice]:
        """`reply` to everyone invited who did not say no, and to whoever said they (may)
        come though no longer invited (their initiative withdrawn since); a reminder
        not to those waiting for a place. The followers' chats read it too (see
        `_to_followers`)."""
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
            *self._to_followers(day, reply, invitation=invitation),
        ]

    def _to_followers(
        self,
        day: ReturnDay,
        reply: Callable[[str], Reply],
        names: set[str] | None = None,
        invitation: bool = False,
    ) -> list[Notice]:
        """`reply` in the chats of the day's followers (of `names` only, if given) still
        in the config. Nobody answers for a group: instead of buttons, how each signs up
        (when the day's link is open); the invitation is the followers' own."""
        wanted = set(Audience.from_json(day.audience).followers) if names is None else names
        ways = self.ways(day) if self.signup_open(day) else None
        notices: list[Notice] = []
        for follower in self.config.followers:
            if follower.name not in wanted:
                continue
            said = reply(follower.language)
            if invitation and ways is not None:
                said = audience_texts.for_followers(self.view(day), ways, follower.language)
            elif said.choices and ways is not None:
                how = audience_texts.each_signs_up(ways, follower.language)
                said = replace(said, text=f"{said.text}\n\n{how}")
            notices.extend(Notice(chat, replace(said, choices=())) for chat in follower.chats)
        return notices

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
        found: dict[tuple[str, str], Invitee] = {}
        for initiative in self.initiatives_invited(session, day, only):
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

    def initiatives_invited(
        self, session: Session, day: ReturnDay, only: tuple[str, str] | None = None
    ) -> list[Initiative]:
        """The initiatives whose initiators the day's audience invites (of `only`, a
        (channel, sender id), if given); none for a team's or a named day."""
        audience = Audience.from_json(day.audience)
        if audience.kind not in INITIATORS:
            return []
        areas = audience.keys if audience.kind == "areas" else None
        themes = audience.keys if audience.kind == "themes" else None
        return [
            initiative
            for initiative in queries.initiatives_for(session, INVITED, areas, themes, only)
            # Handed in by a contact: the chat is theirs, not the resident's, and one
            # answer of theirs would count for every resident they handed in for.
            if on_behalf.initiator_has_a_chat(initiative)
        ]

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
