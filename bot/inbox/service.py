"""The shell around the core: one incoming message, one transaction.

It records the event id (a repeat is ignored), hands the message to the
resident's conversation or to the contacts' desk, stores what changed with its
trail, and writes every message to the outbox. Only after commit may the
adapter confirm the event to its platform.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.accounts import address, staff_member, team_chat_owner
from bot.cases import receipts
from bot.cases import texts as team_texts
from bot.cases.commands import (
    Action,
    Malformed,
    Verb,
    parse_button,
    parse_contact_command,
    reply_to_message,
)
from bot.cases.desk import Desk
from bot.cases.routing import route
from bot.config.names import Names
from bot.followups.answers import parse_answer, parse_preference
from bot.followups.resident import ResidentFollowUps
from bot.followups.timerules import time_rules
from bot.inbox.prefetch import Prefetched, key_of
from bot.inbox.text_hygiene import cleaned
from bot.intake.commands import asks_chat_id
from bot.intake.conversation import respond
from bot.intake.prompts import idle_hint
from bot.intake.state import Setting, State
from bot.intake.turns import Effect, Relay, ShowMine, ShowMyData, Submission
from bot.messages import OPENED, Handled, Incoming
from bot.notices import Notice, Reply
from bot.outbox import rows as outbox
from bot.outbox.rows import to_payload
from bot.privacy import erasure, my_data
from bot.privacy import texts as privacy_texts
from bot.privacy.blocking import act as act_on_block
from bot.privacy.blocking import parse_block_command
from bot.returndays.commands import parse_command as parse_return_day_command
from bot.returndays.commands import parse_rsvp
from bot.returndays.desk import ReturnDays
from bot.texts import limits as limit_texts
from bot.vocabulary import Actor, Status, TrailKind
from storage import conversations, queries
from storage.conversations import ConversationRow
from storage.db import Database
from storage.models import Initiative

log = logging.getLogger(__name__)
# Two writers on one conversation (another process, a redelivery) make the
# later transaction fail its version check; it is then simply run again.
ATTEMPTS = 5

Clock = Callable[[], datetime]
# Contact actions after which an initiative's follow-ups are planned again.
REPLANNING = frozenset(
    {
        Verb.CLAIM,
        Verb.RELEASE,
        Verb.FORWARD,
        Verb.CLOSE,
        Verb.REPLY,
        Verb.ASK,
        Verb.APPOINTMENT,
    }
)


@dataclass(frozen=True)
class Outcome:
    """A committed event: what to tell the adapter, and whose follow-ups to plan again."""

    handled: Handled
    replan: tuple[str, ...] = ()


class IntakeService:
    def __init__(self, db: Database, names: Names, setting: Setting, clock: Clock) -> None:
        self._db = db
        self._names = names
        self._config = names.config
        self._setting = setting
        self._clock = clock
        self._desk = Desk(names)
        rules = time_rules(self._config)
        self._followups = ResidentFollowUps(self._config, rules)
        self._return_days = ReturnDays(names, rules)

    def handle(self, incoming: Incoming) -> Handled:
        """Handle and commit `incoming`; not accepted when it was handled before."""
        return self.handle_event(incoming).handled

    def handle_batch(self, events: Sequence[Incoming]) -> list[Outcome | Exception]:
        """Handle `events` in order, in one transaction when all goes well.

        Should one of them fail (a conflict with another writer, a bug it trips), the
        batch is rolled back and each event handled in a transaction of its own, so
        that the failure is that event's alone. A database that does not answer fails
        them all at once: trying each again would only keep the others waiting.
        """
        if len(events) > 1:
            try:
                with self._db.transaction() as session:
                    tidy = [cleaned(event) for event in events]
                    known = Prefetched.read(session, tidy, self._clock())
                    return [self._handle(session, event, known) for event in tidy]
            except (OperationalError, InterfaceError) as unavailable:
                return [unavailable] * len(events)
            except Exception as error:
                log.debug(
                    "a batch of %d failed (%s): one by one", len(events), type(error).__name__
                )
        outcomes: list[Outcome | Exception] = []
        for event in events:
            try:
                outcomes.append(self.handle_event(event))
            except Exception as error:
                outcomes.append(error)
        return outcomes

    def handle_event(self, incoming: Incoming) -> Outcome:
        """`handle`, also naming the initiatives whose follow-ups changed."""
        incoming = cleaned(incoming)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self._db.transaction() as session:
                    known = Prefetched.read(session, [incoming], self._clock())
                    return self._handle(session, incoming, known)
            except (StaleDataError, IntegrityError):
                if attempt == ATTEMPTS:
                    raise
                log.debug("conflict on %s event, trying again", incoming.channel)
        raise AssertionError("unreachable")

    def _handle(self, session: Session, incoming: Incoming, known: Prefetched) -> Outcome:
        now = self._clock()
        if not known.first_time(incoming):
            log.debug("%s event seen before, ignored", incoming.channel)
            return Outcome(Handled(accepted=False))
        chat = address(incoming.channel, incoming.chat_id)
        account = address(incoming.channel, incoming.sender_id)
        staff = staff_member(self._config, account)
        if staff is None and account in known.blocked:
            log.debug("%s message of a blocked account ignored", incoming.channel)
            return Outcome(Handled(accepted=False))
        in_team_chat = team_chat_owner(self._config, chat) is not None
        handled = Handled()
        replan: tuple[str, ...] = ()
        if asks_chat_id(incoming.text):
            locale = self._desk.chat_locale(chat, staff)
            notices = [Notice(chat, Reply(team_texts.chat_ids(chat, account, locale)))]
        elif incoming.group and not in_team_chat:
            # A group the config does not name: quiet until an admin adds it (/chatid helps).
            return Outcome(Handled(accepted=False))
        elif len(incoming.text) > self._config.limits.max_message_chars:
            if in_team_chat:
                return Outcome(Handled(accepted=False))  # chatter or not, too long to read
            locale = (
                self._desk.chat_locale(chat, staff)
                if staff
                else self._locale(known.conversation(session, incoming), incoming)
            )
            maximum = self._config.limits.max_message_chars
            text = limit_texts.too_long(len(incoming.text), maximum, locale)
            notices = [Notice(chat, Reply(text))]
            handled = Handled(accepted=False)  # typed, never pressed: no note at a button
        elif staff is not None and (blocking := parse_block_command(incoming.text)):
            locale = self._desk.chat_locale(chat, staff)
            text, done = act_on_block(session, self._config, staff, blocking, now, locale)
            known.blocks_changed(session)
            notices = [Notice(chat, Reply(text))]
            handled = Handled() if done else Handled(accepted=False, note=text)
        elif staff is not None and (
            planning := parse_return_day_command(incoming.text, self._config)
        ):
            notices, handled, replan = self._return_days.act(session, staff, chat, planning, now)
        else:
            action = self._action(incoming, staff is not None)
            if in_team_chat or (staff is not None and action is not None):
                # In a team chat the bot answers its commands and ignores the chatter.
                if action is None:
                    return Outcome(Handled(accepted=False))
                notices, handled = self._desk.act(session, staff, chat, action, now)
                if isinstance(action, Action) and action.verb in REPLANNING and handled.accepted:
                    replan = (action.reference,)
            else:
                notices, handled, replan = self._converse(session, incoming, chat, now, known)
        outbox.write(session, notices, now)
        return Outcome(handled, replan)

    @staticmethod
    def _action(incoming: Incoming, from_staff: bool) -> Action | Malformed | None:
        """The contact action a message asks for, if any."""
        if incoming.payload == OPENED and from_staff:
            return Action(Verb.HELP)
        if incoming.payload:
            return parse_button(incoming.payload)
        typed = parse_contact_command(incoming.text)
        if from_staff and incoming.replied_text and not isinstance(typed, Action):
            # A contact answering the bot's message about an initiative writes to its
            # resident, even when the answer happens to begin like a command ("Bericht…").
            return reply_to_message(incoming.replied_text, incoming.text) or typed
        return typed

    def _converse(
        self, session: Session, incoming: Incoming, chat: str, now: datetime, known: Prefetched
    ) -> tuple[list[Notice], Handled, tuple[str, ...]]:
        row = known.conversation(session, incoming)
        state = State.from_json(row.state) if row else State(self._setting.default_locale)
        rsvp = parse_rsvp(incoming.payload)
        if rsvp is not None:
            locale = state.hinted(incoming.language).locale
            answered, handled = self._return_days.answer(session, incoming, rsvp, locale, now)
            return answered, handled, ()
        answer = parse_answer(incoming.payload)
        if answer is not None:  # a follow-up's button, whatever the conversation is at
            return self._followups.answer(session, incoming, answer, now)
        change = parse_preference(incoming.text) if state.step is None else None
        if change is not None and not incoming.payload:
            locale = state.hinted(incoming.language).locale
            text, paused = self._followups.change(session, incoming, change, locale, now)
            return [Notice(chat, Reply(text))], Handled(), paused
        turn = respond(
            self._setting,
            state.hinted(incoming.language),
            incoming.text,
            now,
            incoming.payload,
            location=incoming.location,
            photo=incoming.photo,
        )
        if turn.forget:
            known.forget_sender(incoming.channel, incoming.sender_id)
            return self._forget(session, incoming, chat, turn.state.locale, now)
        if any(isinstance(effect, Submission) for effect in turn.effects) and self._enough_today(
            session, incoming, now
        ):
            # The intake stays at its summary, answers kept, to send another day.
            text = limit_texts.enough_today(
                self._config.limits.initiatives_per_day, turn.state.locale
            )
            return [Notice(chat, Reply(text))], Handled(accepted=False, note=text), ()
        notices: list[Notice] = []
        changed: list[str] = []
        for effect in turn.effects:
            notices.extend(self._carry_out(session, incoming, chat, effect, now, changed))
        notices.extend(Notice(chat, reply) for reply in turn.replies)
        if row is None:
            row = conversations.create(session, *key_of(incoming), turn.state.to_json(), now)
        else:
            row = conversations.save(session, row, turn.state.to_json(), now)
        known.remember(incoming, row)
        return notices, turn.handled, tuple(changed)

    def _forget(
        self, session: Session, incoming: Incoming, chat: str, locale: str, now: datetime
    ) -> tuple[list[Notice], Handled, tuple[str, ...]]:
        """ "vergeet mij", confirmed: erase, tell the teams, and say goodbye in a message
        the outbox forgets once it is sent."""
        erased = erasure.forget_person(
            session, self._config, incoming.channel, incoming.sender_id, now
        )
        goodbye = Reply(privacy_texts.forgotten(erased.withdrawn, locale), forget_once_sent=True)
        return [*erased.notices, Notice(chat, goodbye)], Handled(), tuple(erased.references)

    def _enough_today(self, session: Session, incoming: Incoming, now: datetime) -> bool:
        since = now - timedelta(days=1)
        handed_in = queries.initiatives_since(session, incoming.channel, incoming.sender_id, since)
        return handed_in >= self._config.limits.initiatives_per_day

    def _locale(self, row: ConversationRow | None, incoming: Incoming) -> str:
        """The resident's language: as their conversation has it, or as they hint."""
        state = State.from_json(row.state) if row else State(self._setting.default_locale)
        return state.hinted(incoming.language).locale

    def warn_flood(self, incoming: Incoming) -> str:
        """Tell a flooding sender, once, to wait; the event counts as handled."""
        with self._db.transaction() as session:
            now = self._clock()
            row = conversations.find(session, *key_of(incoming))
            text = limit_texts.slow_down(self._locale(row, incoming))
            if queries.mark_processed(session, incoming.channel, incoming.event_id, now):
                queries.enqueue(
                    session, incoming.channel, incoming.chat_id, to_payload(Reply(text)), now
                )
            return text

    def _carry_out(
        self,
        session: Session,
        incoming: Incoming,
        chat: str,
        effect: Effect,
        now: datetime,
        changed: list[str],
    ) -> list[Notice]:
        """Carry out `effect`; the initiatives whose follow-ups it changes go in `changed`."""
        match effect:
            case ShowMine(locale=locale):
                mine = queries.initiatives_of(session, incoming.channel, incoming.sender_id)
                text = receipts.my_initiatives(mine, self._config.bot.zone, locale)
                return [Notice(chat, Reply(text))]
            case ShowMyData(locale=locale):
                data = my_data.gather(session, incoming.channel, incoming.sender_id)
                return [Notice(chat, my_data.report(data, self._config.bot.zone, locale))]
            case Relay(text=text, locale=locale):
                return self._relay(session, incoming, chat, text, locale, now, changed)
            case Submission():
                initiative, notices = self._submit(session, incoming, effect, now)
                changed.append(initiative.reference)
                receipt = receipts.confirmation(
                    self._config, initiative.reference, effect.title, effect.theme, effect.locale
                )
                return [Notice(chat, Reply(receipt)), *notices]

    def _relay(
        self,
        session: Session,
        incoming: Incoming,
        chat: str,
        text: str,
        locale: str,
        now: datetime,
        changed: list[str],
    ) -> list[Notice]:
        """Free text from a resident goes to the contact who took up their initiative
        (and answers a question the contact put)."""
        initiative = queries.latest_of(
            session, incoming.channel, incoming.sender_id, Status.CLAIMED
        )
        if initiative is None or initiative.claimed_by is None:
            return [Notice(chat, Reply(idle_hint(self._setting, locale)))]
        queries.add_event(
            session, initiative, TrailKind.RELAYED_TO_CONTACT, Actor.RESIDENT, now, {"text": text}
        )
        changed.append(initiative.reference)
        contact = staff_member(self._config, initiative.claimed_by)
        contact_locale = self._desk.staff_locale(contact) if contact else locale
        forwarded = team_texts.relayed_from_resident(initiative.reference, text, contact_locale)
        name = initiative.claimed_by_name or ""
        return [
            Notice(initiative.claimed_by, Reply(forwarded)),
            Notice(chat, Reply(receipts.passed_on(name, initiative.reference, locale))),
        ]

    def _submit(
        self, session: Session, incoming: Incoming, submission: Submission, now: datetime
    ) -> tuple[Initiative, list[Notice]]:
        """Store the initiative, route it, and notify the team it went to."""
        year = now.astimezone(self._config.bot.zone).year
        reference = f"{year}-{queries.next_reference_number(session, year):04d}"
        contact = submission.contact
        decision = route(self._config, submission.area, submission.theme)
        initiative = Initiative(
            reference=reference,
            channel=incoming.channel,
            chat_id=incoming.chat_id,
            sender_id=incoming.sender_id,
            locale=submission.locale,
            title=submission.title,
            description=submission.description,
            area=submission.area,
            theme=submission.theme,
            help_wanted=list(submission.help_wanted),
            photos=[dict(photo) for photo in submission.photos],
            name=submission.name,
            contact_kind=contact.kind if contact else None,
            contact=contact.value if contact else None,
            answers=dict(submission.answers),
            status=Status.SUBMITTED,
            team=decision.team,
            consented_at=submission.consented_at,
            privacy_version=submission.privacy_version or None,
            created_at=now,
            updated_at=now,
        )
        queries.add_initiative(session, initiative)
        team = self._config.team(decision.team)

        def reason(locale: str) -> str:
            area, theme = submission.area, submission.theme
            return team_texts.route_reason(self._names, area, theme, decision.route, locale)

        route_data = {
            "team": decision.team,
            "route": decision.route,
            "reason": reason(self._config.bot.default_language),
        }
        trail = [
            (TrailKind.SUBMITTED, Actor.RESIDENT, None),
            (TrailKind.ROUTED, Actor.BOT, route_data),
        ]
        queries.add_events(session, initiative, trail, now)
        log.info("initiative %s submitted, routed to %s", reference, decision.team)
        notification = team_texts.notification(
            self._names, initiative, reason(team.language), team.language
        )
        return initiative, [Notice(chat, notification) for chat in team.notify]
