"""A turn of a resident's conversation, carried out.

The conversation core (`intake.conversation.respond`) decides what to say and what
should happen; here that happens, inside the transaction of the message: the
intake handed in, their initiatives or data shown, their words taken as the answer
to a satisfaction question or a return day, or relayed to their contact, or
everything about them forgotten. Then the conversation is saved.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.alike import search
from bot.alike import texts as alike_texts
from bot.cases import examples, on_behalf, receipts
from bot.cases.handing_in import hand_in, relay_to_contact
from bot.cases.readers import follow_language
from bot.cases.timerules import time_rules
from bot.config.names import Names
from bot.connections import texts as connection_texts
from bot.followups import satisfaction
from bot.inbox.prefetch import Prefetched, key_of
from bot.intake.conversation import Turn, respond, unrelayed
from bot.intake.state import Setting, State
from bot.intake.turns import (
    Effect,
    LookAlike,
    OfferExamples,
    Relay,
    ShowMine,
    ShowMyData,
    Submission,
)
from bot.messages import Incoming
from bot.notices import Notice, Outcome, Reply
from bot.privacy import erasure, my_data
from bot.privacy import texts as privacy_texts
from bot.returndays import roster
from bot.returndays import typed as return_days
from bot.returndays.desk import ReturnDays
from bot.texts import limits
from storage import conversations, queries


class ResidentTurns:
    """Owns the resident's side of the inbox: runs their conversation and carries out
    what it asks for, within the limits of the config."""

    def __init__(self, names: Names, setting: Setting) -> None:
        self._names = names
        self._config = names.config
        self._setting = setting
        self._return_days = ReturnDays(names, time_rules(names.config))

    def state(self, session: Session, incoming: Incoming, known: Prefetched) -> State:
        """Where the resident is, in the language their app hints until they choose one."""
        row = known.conversation(session, incoming)
        return State.of(row.state if row else None, self._setting.default_locale).hinted(
            incoming.language
        )

    def turn(
        self,
        session: Session,
        incoming: Incoming,
        now: datetime,
        known: Prefetched,
        write_batch: Callable[[], None],
    ) -> Outcome:
        """Run the conversation one turn and carry out what it asks. `write_batch` puts
        what the batch said and changed so far in the database; it is called before
        anything reads the resident's data back (an erasure, "mijn gegevens")."""
        before = self.state(session, incoming, known)
        turn = respond(
            self._setting,
            before,
            incoming.text,
            now,
            incoming.payload,
            location=incoming.location,
            photo=incoming.photo,
        )
        chat = address(incoming.channel, incoming.chat_id)
        if self._language_changed(session, incoming, known, turn.state.locale):
            follow_language(session, incoming.channel, incoming.sender_id, turn.state.locale)
        relay = next((effect for effect in turn.effects if isinstance(effect, Relay)), None)
        if relay is not None:
            # A score or a comment for an open satisfaction question of theirs, an answer
            # to (or a question about) a return day open to them; else their words go to
            # their contact, or without one to the organiser of a day they are invited
            # to. Only free text outside an intake is looked up.
            relayed = (
                satisfaction.typed(session, incoming, relay.text, now)
                or return_days.typed(session, self._names, incoming, relay.text, relay.locale, now)
                or return_days.to_organiser(
                    session, self._names, self._setting, incoming, relay.text, relay.locale, now
                )
                or relay_to_contact(session, self._names, incoming, relay.text, relay.locale, now)
            )
            if relayed is not None:
                self._save(session, incoming, known, turn.state.to_json(), now)
                return relayed
            # Nobody to pass it to: a question is answered if it can be, an idea is
            # the start of an initiative.
            turn = unrelayed(self._setting, turn.state, relay.text, now)
        if turn.forget:
            write_batch()
            known.forget_sender(incoming.channel, incoming.sender_id)
            return self._forget(session, incoming, chat, turn.state.locale, now)
        if self._over_the_limit(session, incoming, turn, now):
            # The intake stays at its summary, answers kept, to send another day.
            most = self._config.limits.initiatives_per_day
            return Outcome.refused(chat, limits.enough_today(most, turn.state.locale))
        if any(isinstance(effect, ShowMyData) for effect in turn.effects):
            write_batch()
        notices: list[Notice] = []
        replan: list[str] = []
        for effect in turn.effects:
            done = self._carry_out(session, incoming, chat, effect, now)
            notices.extend(done.notices)
            replan.extend(done.replan)
        notices.extend(Notice(chat, reply) for reply in turn.replies)
        erasure.discard_photos(session, turn.discarded)
        self._save(session, incoming, known, turn.state.to_json(), now)
        return Outcome(notices, turn.handled, tuple(replan))

    def leave_untouched_intake(
        self, session: Session, incoming: Incoming, known: Prefetched, now: datetime
    ) -> None:
        """After a sign-up for a return day: an intake the chat's start opened, with
        nothing in it, is left, so that "ik kom" answers the day instead of an intake
        the person never asked for."""
        state = self.state(session, incoming, known)
        if state.untouched:
            self._save(session, incoming, known, replace(state.idle(), known=True).to_json(), now)

    def _language_changed(
        self, session: Session, incoming: Incoming, known: Prefetched, locale: str
    ) -> bool:
        """The resident now speaks another language than their stored conversation: their
        initiatives' messages follow (`readers.follow_language`)."""
        row = known.conversation(session, incoming)
        return row is not None and row.state.get("locale") != locale

    def _save(
        self,
        session: Session,
        incoming: Incoming,
        known: Prefetched,
        state: dict[str, Any],
        now: datetime,
    ) -> None:
        row = known.conversation(session, incoming)
        if row is None:
            created = conversations.create(session, *key_of(incoming), state, now)
            known.remember(incoming, created)
        else:
            known.change(incoming, row, state)  # written with the group

    def _carry_out(
        self, session: Session, incoming: Incoming, chat: str, effect: Effect, now: datetime
    ) -> Outcome:
        match effect:
            case ShowMine(locale=locale):
                mine = queries.initiatives_of(session, incoming.channel, incoming.sender_id)
                text = receipts.where_it_stands(session, self._config, mine, locale, now)
                return Outcome.said(chat, text)
            case ShowMyData(locale=locale):
                data = my_data.gather(session, incoming.channel, incoming.sender_id)
                report = my_data.report(data, self._config.bot.zone, locale, now)
                return Outcome([Notice(chat, report)])
            case Relay():  # carried out in `turn`, before the rest
                return Outcome([])
            case OfferExamples(area=area, theme=theme, locale=locale):
                offered = examples.for_intake(self._names, session, area, theme, locale)
                return Outcome.said(chat, offered) if offered else Outcome([])
            case LookAlike(locale=locale):
                asked_by = (incoming.channel, incoming.sender_id)
                subject = search.Subject(
                    effect.title, effect.description, effect.area, effect.theme, asked_by=asked_by
                )
                found = search.alike(session, self._config, subject, locale, now)
                if not found:
                    return Outcome([])
                return Outcome.said(chat, alike_texts.for_resident(self._names, found, locale))
            case Submission():
                handed_in = hand_in(session, self._names, incoming, effect, now)
                # Now an initiator: invited to the return days for them that invited before.
                invitations = roster.new_initiator(self._return_days, session, incoming, now)
                offer = self._meet_or_join(session, incoming, chat, effect, now)
                return replace(handed_in, notices=[*handed_in.notices, *invitations, *offer])

    def _meet_or_join(
        self,
        session: Session,
        incoming: Incoming,
        chat: str,
        handed_in: Submission,
        now: datetime,
    ) -> list[Notice]:
        """After a hand-in, the similar initiatives of others, to meet their initiators or
        join them (nothing when there are none, or a contact handed it in for someone)."""
        if on_behalf.recorded(handed_in.answers) is not None:
            return []
        asked_by = (incoming.channel, incoming.sender_id)
        subject = search.Subject(
            handed_in.title,
            handed_in.description,
            handed_in.area,
            handed_in.theme,
            asked_by=asked_by,
        )
        found = search.alike(session, self._config, subject, handed_in.locale, now)
        if not found:
            return []
        offered = [
            connection_texts.Offered(each.reference, alike_texts.shown_title(self._names, each))
            for each in found
        ]
        return [Notice(chat, connection_texts.offer(offered, handed_in.locale))]

    def _forget(
        self, session: Session, incoming: Incoming, chat: str, locale: str, now: datetime
    ) -> Outcome:
        """ "vergeet mij", confirmed: erase, tell the teams, and say goodbye in a message
        the outbox forgets once it is sent."""
        places_given_up = roster.leaving(
            self._return_days, session, incoming.channel, incoming.sender_id, now
        )
        erased = erasure.forget_person(
            session, self._config, incoming.channel, incoming.sender_id, now
        )
        goodbye = Reply(privacy_texts.forgotten(erased.withdrawn, locale), forget_once_sent=True)
        notices = [*erased.notices, *places_given_up(), Notice(chat, goodbye)]
        return Outcome(notices, replan=tuple(erased.references))

    def _over_the_limit(
        self, session: Session, incoming: Incoming, turn: Turn, now: datetime
    ) -> bool:
        """A hand-in past the number of initiatives one person may hand in a day."""
        handed_in = [effect for effect in turn.effects if isinstance(effect, Submission)]
        # A contact handing in for residents they met (on a market day, say) is no flood.
        if all(on_behalf.recorded(effect.answers) is not None for effect in handed_in):
            return False
        since = now - timedelta(days=1)
        today = queries.initiatives_since(session, incoming.channel, incoming.sender_id, since)
        return today >= self._config.limits.initiatives_per_day
