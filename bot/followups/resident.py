"""A resident answering a follow-up, or pausing or stopping their check-ins.

Runs inside the transaction of the incoming message. Every answer and change
goes on the initiative's trail, which is where the follow-up rules read it.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address, initiator_chat, language_of, on_team
from bot.cases import readers
from bot.cases.readers import Holder
from bot.cases.routing import team_of
from bot.cases.timerules import TimeRules
from bot.config.settings import Config
from bot.followups import running, satisfaction, texts
from bot.followups.answers import FollowUpAnswer, Preference, PreferenceChange, Question
from bot.followups.rules import AFTER
from bot.messages import Handled, Incoming
from bot.notices import Notice, Outcome, Reply
from bot.texts.formatting import date_in_words, moment_in_words, span_text
from bot.vocabulary import OPEN, UNFINISHED, Actor, Status, TrailKind
from storage import queries
from storage.models import Initiative, InitiativeEvent

# Per question: the trail entry that asks it, and the one that records the answer.
ASKED_AND_ANSWERED = {
    Question.CHECKIN: (TrailKind.CHECKIN_SENT, TrailKind.CHECKIN_ANSWERED),
    Question.STALE: (TrailKind.STALE_SENT, TrailKind.STALE_ANSWERED),
    Question.AGAIN: (TrailKind.STALE_ANSWERED, TrailKind.ASK_AGAIN),
    Question.APPOINTMENT: (TrailKind.APPOINTMENT_REMINDED, TrailKind.APPOINTMENT_ANSWERED),
    Question.YEARLY: (TrailKind.YEARLY_SENT, TrailKind.YEARLY_ANSWERED),
}
# The statuses in which each question may be answered (the satisfaction question is
# `satisfaction`'s own: it is asked after the close, and open for a while).
ASKED_WHILE = {
    **{question: OPEN for question in ASKED_AND_ANSWERED},
    Question.YEARLY: frozenset({Status.RUNNING}),
}
PREFERENCE_EVENTS = {
    Preference.PAUSE: TrailKind.PAUSED,
    Preference.OFF: TrailKind.REMINDERS_OFF,
    Preference.ON: TrailKind.REMINDERS_ON,
}


class ResidentFollowUps:
    """A resident's side of the follow-ups: their answers to check-ins, long-open
    questions, appointment reminders, the yearly question of a running initiative and
    the satisfaction question, and pausing or stopping their check-ins."""

    def __init__(self, config: Config, rules: TimeRules) -> None:
        self._config = config
        self._rules = rules
        self._zone = config.bot.zone

    def answer(
        self, session: Session, incoming: Incoming, answer: FollowUpAnswer, now: datetime
    ) -> Outcome:
        initiative = queries.find_initiative(session, answer.reference)
        if initiative is None or not _theirs(initiative, incoming):
            note = texts.no_longer_open(self._config.bot.default_language)
            return Outcome(handled=Handled(accepted=False, note=note))
        locale = initiative.locale
        # In the order written: what was asked last, and whether it was answered since.
        trail = sorted(queries.trail(session, initiative.id), key=lambda event: event.id)
        if answer.question is Question.RATING:
            if not satisfaction.Standing.of(trail).open_for_score(now):
                return Outcome(handled=Handled(accepted=False, note=texts.no_longer_open(locale)))
            return satisfaction.rate(session, initiative, int(answer.answer), now)
        if initiative.status not in ASKED_WHILE[answer.question] or not _waiting_for(
            answer.question, trail
        ):
            return Outcome(handled=Handled(accepted=False, note=texts.no_longer_open(locale)))
        _, answered_kind = ASKED_AND_ANSWERED[answer.question]
        queries.add_event(
            session, initiative, answered_kind, Actor.RESIDENT, now, {"answer": answer.answer}
        )
        initiative.updated_at = now
        # Answers that call for someone go to whoever holds it now: never a contact who
        # left the team, who would otherwise have it still.
        held = readers.holder(session, self._config, initiative, now)
        handlers = {
            Question.CHECKIN: self._checkin,
            Question.STALE: self._stale,
            Question.AGAIN: self._again,
            Question.APPOINTMENT: self._appointment,
        }
        if answer.question is Question.YEARLY:
            notices = running.answered(session, initiative, answer.answer, held, now)
        else:
            notices = handlers[answer.question](initiative, answer.answer, trail, held)
        return Outcome([*held.news, *notices], replan=(initiative.reference,))

    def _checkin(
        self, initiative: Initiative, answer: str, trail: Sequence[InitiativeEvent], held: Holder
    ) -> list[Notice]:
        locale = initiative.locale
        if answer == "yes":
            return [self._to_resident(initiative, texts.thanks_all_good(locale))]
        # The check-in answered: one worded after an appointment or a message asked
        # whether the resident knows what happens next, not whether anyone was in touch.
        asked = next(event for event in reversed(trail) if event.kind == TrailKind.CHECKIN_SENT)
        after = str(asked.data.get(AFTER, ""))
        return [
            self._to_resident(initiative, texts.contact_asked_to_call(held.name, answer, locale)),
            *held.tell(lambda lo: Reply(texts.worried_answer(initiative, answer, lo, after))),
        ]

    def _stale(
        self, initiative: Initiative, answer: str, trail: Sequence[InitiativeEvent], held: Holder
    ) -> list[Notice]:
        locale = initiative.locale
        if answer == "yes":
            return [self._to_resident(initiative, texts.thanks_all_good(locale))]
        span = span_text(self._config.schedule.span("stale_after"), locale)
        offer = texts.ask_again_offer(initiative.reference, span, locale)
        zone = self._zone
        return [
            self._to_resident(initiative, offer),
            *held.tell(lambda lo: Reply(texts.stale_answer(initiative, answer, zone, lo))),
        ]

    def _again(
        self, initiative: Initiative, answer: str, trail: Sequence[InitiativeEvent], held: Holder
    ) -> list[Notice]:
        return [self._to_resident(initiative, texts.ask_again_answer(answer, initiative.locale))]

    def _appointment(
        self, initiative: Initiative, answer: str, trail: Sequence[InitiativeEvent], held: Holder
    ) -> list[Notice]:
        """The answer goes to who planned the appointment; when they have left the team,
        to whoever holds the initiative now."""
        planned = next(
            event for event in reversed(trail) if event.kind == TrailKind.APPOINTMENT_PLANNED
        )
        at = datetime.fromisoformat(str(planned.data["at"]))
        ref = initiative.reference

        def to_planner(locale: str) -> Reply:
            when = moment_in_words(at, self._zone, locale)
            return Reply(texts.appointment_answer(ref, answer, when, locale))

        team = team_of(self._config, initiative.team).key
        if on_team(self._config, planned.actor, team):
            name = str(planned.data.get("name", ""))
            told = [Notice(planned.actor, to_planner(language_of(self._config, planned.actor)))]
        else:
            name, told = held.name, held.tell(to_planner)
        return [
            self._to_resident(
                initiative, texts.appointment_answered(name, answer, initiative.locale)
            ),
            *told,
        ]

    def change(
        self,
        session: Session,
        incoming: Incoming,
        change: PreferenceChange,
        locale: str,
        now: datetime,
    ) -> Outcome:
        """Pause, stop or restart check-ins: the resident is told, and their follow-ups
        planned again."""
        chat = address(incoming.channel, incoming.chat_id)
        mine = [
            initiative
            for initiative in queries.initiatives_of(session, incoming.channel, incoming.sender_id)
            if initiative.status in UNFINISHED  # a running one's yearly question too
        ]
        if change.reference:
            mine = [initiative for initiative in mine if initiative.reference == change.reference]
            if not mine:
                return Outcome.said(chat, texts.not_among_yours(change.reference, locale))
        if not mine:
            return Outcome.said(chat, texts.no_open_initiatives(locale))
        until = self._rules.after(now, self._config.schedule.span("pause_for"))
        data = {"until": until.isoformat()} if change.preference is Preference.PAUSE else {}
        for initiative in mine:
            event = PREFERENCE_EVENTS[change.preference]
            queries.add_event(session, initiative, event, Actor.RESIDENT, now, data)
        references = sorted(initiative.reference for initiative in mine)
        reply = texts.preference_set(
            change.preference.value, references, date_in_words(until, self._zone, locale), locale
        )
        return Outcome.said(chat, reply, replan=tuple(references))

    @staticmethod
    def _to_resident(initiative: Initiative, reply: str | Reply) -> Notice:
        message = reply if isinstance(reply, Reply) else Reply(reply)
        return Notice(initiator_chat(initiative), message)


def _theirs(initiative: Initiative, incoming: Incoming) -> bool:
    return (initiative.channel, initiative.sender_id) == (incoming.channel, incoming.sender_id)


def _waiting_for(question: Question, trail: Sequence[InitiativeEvent]) -> bool:
    """Whether `question` was put and not answered since (a second press changes nothing)."""
    asked, answered = ASKED_AND_ANSWERED[question]
    last = next((event for event in reversed(trail) if event.kind in (asked, answered)), None)
    if last is None or last.kind != asked:
        return False
    # "Ask again?" is only offered after a worried answer to the long-open check-in.
    return question is not Question.AGAIN or last.data.get("answer") != "yes"
