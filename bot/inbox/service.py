"""The shell around the core: one incoming message, one transaction.

It records the event id (a repeat is ignored), learns what the event is
(`events.classify`), has the feature it belongs to carry it out, and writes
every message that comes of it to the outbox. Only after commit may the adapter
confirm the event to its platform.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.accounts import chat_language
from bot.cases import examples
from bot.cases import texts as team_texts
from bot.cases.desk import Desk
from bot.cases.resident_desk import ResidentDesk
from bot.cases.timerules import time_rules
from bot.config.names import Names
from bot.connections.desk import ConnectionDesk
from bot.followups.resident import ResidentFollowUps
from bot.inbox import outages
from bot.inbox.events import (
    AsksChatId,
    Blocking,
    CheckInPreference,
    Connecting,
    ContactCommand,
    Event,
    ExampleAnswer,
    ExampleListing,
    FollowUpReply,
    Ignored,
    OnBehalfIntake,
    ResidentCommand,
    ResidentTurn,
    ReturnDayAnswer,
    ReturnDayPlanning,
    ReturnDaySignUp,
    Sender,
    SignUpInGroup,
    TooLong,
    classify,
)
from bot.inbox.prefetch import Prefetched
from bot.inbox.resident import ResidentTurns
from bot.inbox.text_hygiene import cleaned
from bot.intake import on_behalf
from bot.intake.state import Setting
from bot.messages import Handled, Incoming
from bot.notices import IGNORED, Notice, Outcome, Reply
from bot.outbox import rows as outbox
from bot.privacy import blocking
from bot.returndays import answering, audience_texts, organiser, roster
from bot.returndays.desk import ReturnDays
from bot.texts import limits
from storage.db import Database

log = logging.getLogger(__name__)
# Two writers on one conversation (another process, a redelivery) make the
# later transaction fail its version check; it is then simply run again.
ATTEMPTS = 5

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Turn:
    """One event being handled, and what its transaction knows so far."""

    session: Session
    incoming: Incoming
    sender: Sender
    now: datetime
    known: Prefetched
    pending: outbox.Pending  # what the batch's events said so far


class Inbox:
    """Owns the transaction of each incoming event: its id, the dispatch to the feature
    it is for, and the outbox rows of everything that comes of it. What is done is the
    features' own: the desk, return days, follow-ups, privacy, the resident's turns."""

    def __init__(self, db: Database, names: Names, setting: Setting, clock: Clock) -> None:
        self._db = db
        self._names = names
        self._config = names.config
        self._setting = setting
        self._clock = clock
        rules = time_rules(self._config)
        self._desk = Desk(names)
        self._resident_desk = ResidentDesk(names)
        self._connections = ConnectionDesk(names)
        self._followups = ResidentFollowUps(self._config, rules)
        self._return_days = ReturnDays(names, rules)
        self._residents = ResidentTurns(names, setting)

    def handle(self, incoming: Incoming) -> Handled:
        """Handle and commit `incoming`; not accepted when it was handled before."""
        return self.handle_event(incoming).handled

    def handle_batch(self, events: Sequence[Incoming]) -> list[Outcome | Exception]:
        """Handle `events` in order, in one transaction when all goes well.

        Should one of them fail (a conflict with another writer, a bug it trips), the
        batch is rolled back and each event handled in a transaction of its own, so
        that the failure is that event's alone. A database that does not answer, or
        will not write, fails them all at once: trying each again would only keep the
        others waiting.
        """
        if len(events) > 1:
            try:
                with self._db.transaction() as session:
                    tidy = [cleaned(event) for event in events]
                    known = Prefetched.read(session, tidy, self._clock())
                    pending = outbox.Pending()
                    done = [self._handle(session, event, known, pending) for event in tidy]
                    self._finish(session, known, pending)
                    return list(done)
            except Exception as error:
                if outages.failed_the_core(error):
                    return [error] * len(events)
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
        """`handle`, with all that came of it."""
        incoming = cleaned(incoming)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self._db.transaction() as session:
                    known = Prefetched.read(session, [incoming], self._clock())
                    pending = outbox.Pending()
                    outcome = self._handle(session, incoming, known, pending)
                    self._finish(session, known, pending)
                    return outcome
            except (StaleDataError, IntegrityError):
                if attempt == ATTEMPTS:
                    raise
                log.debug("conflict on %s event, trying again", incoming.channel)
        raise AssertionError("unreachable")

    def _finish(self, session: Session, known: Prefetched, pending: outbox.Pending) -> None:
        """What the batch changed and said, written together before the commit."""
        now = self._clock()
        known.save_changed(session, now)
        pending.write(session, now)

    def warn_flood(self, incoming: Incoming) -> str:
        """Tell a flooding sender, once, to wait; the event counts as handled. A blocked
        account is told nothing (""), as it is told nothing within the limit."""
        with self._db.transaction() as session:
            now = self._clock()
            known = Prefetched.read(session, [incoming], now)
            sender = Sender.of(incoming, self._config)
            if sender.account in known.blocked:
                return ""
            text = limits.slow_down(self._language(session, incoming, sender, known))
            if known.first_time(incoming):
                outbox.write(session, [Notice(sender.chat, Reply(text))], now)
            return text

    def _handle(
        self, session: Session, incoming: Incoming, known: Prefetched, pending: outbox.Pending
    ) -> Outcome:
        if not known.first_time(incoming):
            log.debug("%s event seen before, ignored", incoming.channel)
            return IGNORED
        sender = Sender.of(incoming, self._config)
        if sender.staff is None and sender.account in known.blocked:
            log.debug("%s message of a blocked account ignored", incoming.channel)
            return IGNORED
        turn = Turn(session, incoming, sender, self._clock(), known, pending)
        event = classify(
            incoming,
            sender,
            self._config,
            lambda: self._in_intake(turn),
            lambda: self._answering(turn),
        )
        outcome = self._carry_out(turn, event)
        pending.add(outcome.notices)
        return outcome

    def _carry_out(self, turn: Turn, event: Event) -> Outcome:
        """The dispatch table: each kind of event to the feature that carries it out."""
        session, incoming, sender, now = turn.session, turn.incoming, turn.sender, turn.now

        def language() -> str:  # read only for the kinds that answer in it
            return self._language(session, incoming, sender, turn.known)

        match event:
            case AsksChatId():
                return Outcome.said(
                    sender.chat, team_texts.chat_ids(sender.chat, sender.account, language())
                )
            case Ignored(why=why):
                log.debug("%s event ignored: %s", incoming.channel, why)
                return IGNORED
            case TooLong(length=length):
                most = self._config.limits.max_message_chars
                text = limits.too_long(length, most, language())
                # Typed, never pressed: no note at a button.
                return Outcome([Notice(sender.chat, Reply(text))], Handled(accepted=False))
            case Blocking(command=command):
                assert sender.staff is not None
                outcome = blocking.act(
                    session, self._config, sender.staff, sender.chat, command, now
                )
                turn.known.blocks_changed(session)
                return outcome
            case ReturnDayPlanning(command=command):
                assert sender.staff is not None
                return organiser.act(
                    self._return_days, session, sender.staff, sender.chat, command, now
                )
            case ContactCommand(action=action):
                return self._desk.act(session, sender.staff, sender.chat, action, now)
            case ReturnDayAnswer(rsvp=rsvp):
                return answering.answer(self._return_days, session, incoming, rsvp, language(), now)
            case ReturnDaySignUp(code=code):
                return self._sign_up(turn, code, language())
            case SignUpInGroup(code=code):
                text = audience_texts.sign_up_in_private(code, language())
                return Outcome([Notice(sender.chat, Reply(text))], Handled(accepted=False))
            case FollowUpReply(answer=answer):
                return self._followups.answer(session, incoming, answer, now)
            case CheckInPreference(change=change):
                return self._followups.change(session, incoming, change, language(), now)
            case ExampleAnswer(answer=answer):
                return examples.answer(self._names, session, incoming, answer, language(), now)
            case ExampleListing(asked=asked):
                return Outcome.said(
                    sender.chat, examples.listing(self._names, session, asked, language())
                )
            case Connecting(command=command):
                return self._connections.act(session, incoming, command, language(), now)
            case ResidentCommand(action=action):
                return self._resident_desk.act(session, incoming, action, language(), now)
            case OnBehalfIntake(staff=staff):
                # The contact's own conversation runs it, told who answers for a resident.
                start = on_behalf.start_payload(staff.account, staff.name)
                return self._resident_turn(turn, replace(incoming, text="", payload=start))
            case ResidentTurn():
                return self._resident_turn(turn, incoming)

    def _sign_up(self, turn: Turn, code: str, locale: str) -> Outcome:
        """A sign-up for a return day. Typed words that only look like one (no day has
        that code) answer an intake under way; otherwise they are told it cannot be."""
        session, incoming, now = turn.session, turn.incoming, turn.now
        outcome = roster.sign_up(self._return_days, session, incoming, code, locale, now)
        if outcome is None and not incoming.payload and self._in_intake(turn):
            return self._resident_turn(turn, incoming)
        if outcome is None:
            return Outcome.refused(turn.sender.chat, audience_texts.unknown_code(locale))
        if outcome.handled.accepted:
            self._residents.leave_untouched_intake(session, incoming, turn.known, now)
        return outcome

    def _resident_turn(self, turn: Turn, incoming: Incoming) -> Outcome:
        # An erasure, or "mijn gegevens", reads the resident's data back from the
        # database: what the batch said and changed so far goes in first.
        return self._residents.turn(
            turn.session,
            incoming,
            turn.now,
            turn.known,
            lambda: self._finish(turn.session, turn.known, turn.pending),
        )

    def _language(
        self, session: Session, incoming: Incoming, sender: Sender, known: Prefetched
    ) -> str:
        """The language to answer the sender in: a contact's or team chat's own, or the
        one of the resident's conversation."""
        if sender.staff is not None or sender.in_team_chat:
            return chat_language(self._config, sender.chat, sender.staff)
        return self._residents.state(session, incoming, known).locale

    def _in_intake(self, turn: Turn) -> bool:
        return self._residents.state(turn.session, turn.incoming, turn.known).step is not None

    def _answering(self, turn: Turn) -> bool:
        """In an intake the person has said something in (not only opened by the chat's
        start)."""
        state = self._residents.state(turn.session, turn.incoming, turn.known)
        return state.step is not None and not state.untouched
