"""The contacts' desk: claim, release, forward, involve, comment, close, reply, open, show.

Runs inside the transaction of the incoming message. The initiative is read
locked, the rules (`cases.rules`) decide, and every consequence is a notice for
the outbox: to the acting chat, the team chats (and those of the teams involved
in it), the contact, the resident, the coordinators.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.accounts import (
    Staff,
    address,
    chat_language,
    initiator_chat,
    language_of,
    on_team,
    team_chat_owner,
)
from bot.alike import filing, search
from bot.alike import texts as alike_texts
from bot.cases import between_teams, examples, on_behalf, pictures, receipts, texts
from bot.cases.commands import Action, Malformed, Verb
from bot.cases.routing import team_of
from bot.cases.rules import Case, goes_to_coordinators, refusal
from bot.cases.trail import consulted_teams, forwards, who
from bot.config.names import Names
from bot.config.settings import Team
from bot.matching import Named, match
from bot.notices import Notice, Outcome, Reply
from bot.texts.formatting import in_the_past, moment_in_words, span_text
from bot.vocabulary import OPEN, CloseReason, Status, TrailKind
from storage import connections, queries
from storage.models import Initiative, InitiativeEvent

EVENTS = {
    Verb.CLAIM: TrailKind.CLAIMED,
    Verb.RELEASE: TrailKind.RELEASED,
    Verb.FORWARD: TrailKind.FORWARDED,
    Verb.INVOLVE: TrailKind.TEAM_INVOLVED,
    Verb.COMMENT: TrailKind.COMMENTED,
    Verb.CLOSE: TrailKind.CLOSED,
    Verb.REPLY: TrailKind.RELAYED_TO_RESIDENT,
    Verb.ASK: TrailKind.ASKED,
    Verb.APPOINTMENT: TrailKind.APPOINTMENT_PLANNED,
    Verb.TITLE: TrailKind.RETITLED,
    Verb.EXAMPLE: TrailKind.EXAMPLE_ASKED,
}
# After these the initiative's follow-ups are planned again; a note, a title or another
# team involved changes none.
REPLANNING = frozenset(EVENTS) - {Verb.COMMENT, Verb.TITLE, Verb.INVOLVE, Verb.EXAMPLE}
# These leave the initiative as it was: its last change (which retention counts from,
# and "finished recently") stays.
UNCHANGING = frozenset({Verb.EXAMPLE})


@dataclass
class Move:
    """One change being made; handlers fill `data` for the trail."""

    session: Session
    initiative: Initiative
    staff: Staff
    chat: str
    action: Action
    target: str
    trail: Sequence[InitiativeEvent]
    consulted: frozenset[str]  # the teams involved beside the one that has it
    refer: bool  # a forward that waits for the coordinators instead
    at: datetime
    data: dict[str, str] = field(default_factory=dict)


class Desk:
    """Carries out what contacts and coordinators type or press about initiatives: it
    owns the rules' verdict, the initiative's changes and trail, and who is told."""

    def __init__(self, names: Names) -> None:
        self._names = names
        self._config = names.config

    def act(
        self,
        session: Session,
        staff: Staff | None,
        chat: str,
        action: Action | Malformed,
        now: datetime,
    ) -> Outcome:
        """What to send for `action`, and whether it was done or refused."""
        locale = chat_language(self._config, chat, staff)
        answer, refuse = partial(Outcome.said, chat), partial(Outcome.refused, chat)
        if staff is None:
            return refuse(texts.not_staff(locale))
        if isinstance(action, Malformed):
            return refuse(
                texts.usage(action.verb, locale, now.astimezone(self._config.bot.zone).date())
            )
        if action.verb is Verb.HELP:
            today = now.astimezone(self._config.bot.zone).date()
            return answer(texts.contact_help(locale, staff.coordinator, today))
        if action.verb is Verb.OPEN:
            owner = team_chat_owner(self._config, chat)
            if owner is not None and not staff.may_act_for(owner):
                return refuse(texts.not_your_team_list(self._names.team(owner), locale))
            found = queries.initiatives_in(session, OPEN, self._teams_in_view(chat, staff))
            return answer(texts.open_list(self._names, found, now, locale))
        initiative = queries.find_initiative(session, action.reference)
        if initiative is None:
            return refuse(texts.unknown_reference(action.reference, locale))
        target = None
        if action.verb in (Verb.FORWARD, Verb.INVOLVE):
            target = self._team_key(action.target)
            if target is None:
                return refuse(texts.unknown_team(action.target, self._names, locale))
        trail = queries.trail(session, initiative.id)
        case = self._case(initiative, trail)
        if action.verb is Verb.APPOINTMENT and self._local(action.target) <= now:
            return refuse(in_the_past(locale))
        why = refusal(action, case, staff, target)
        if why is not None:
            team, other = self._names.team(case.team), self._names.team(target)
            return refuse(texts.refusal(why, case, team, locale, other))
        if action.verb is Verb.EXAMPLE and examples.personal(initiative, action.text):
            return refuse(texts.story_personal(locale))
        if action.verb is Verb.EXAMPLE and examples.said_no(session, initiative):
            return refuse(texts.example_declined(initiative.reference, locale))
        if action.verb is Verb.SHOW:
            # Only team chats are groups here: the inbox ignores any other group. A team
            # involved reads no more than a team chat would.
            private = team_chat_owner(self._config, chat) is None and staff.may_act_for(case.team)
            consulted = sorted(case.consulted)
            alike = self._alike(session, initiative, locale, now)
            shown = texts.details(self._names, initiative, trail, consulted, locale, private, alike)
            sent_along = pictures.shown_to(initiative, chat, locale) if private else []
            return Outcome([Notice(chat, Reply(shown)), *sent_along])
        # With no coordinators there is nobody else to decide: the forward goes through.
        refer = goes_to_coordinators(action, case, staff) and bool(
            self._config.routing.coordinators
        )
        move = Move(
            session,
            initiative,
            staff,
            chat,
            action,
            target or "",
            trail,
            case.consulted,
            refer,
            now,
        )
        notices = self._change(move, now)
        replan = (initiative.reference,) if action.verb in REPLANNING else ()
        return Outcome(notices, replan=replan)

    def _alike(
        self, session: Session, initiative: Initiative, locale: str, now: datetime
    ) -> list[str]:
        """ "Lijkt op": the initiatives like it, as they stand now."""
        if initiative.erased_at is not None:
            return []
        subject = search.Subject.of(initiative)
        found = search.alike(session, self._config, subject, locale, now)
        return alike_texts.for_team(self._names, found, locale)

    def _case(self, initiative: Initiative, trail: Sequence[InitiativeEvent]) -> Case:
        """What the rules need to know of `initiative`, its trail read for the teams."""
        owner = team_of(self._config, initiative.team).key
        # A contact who left the team holds nothing: a running or closed initiative of
        # theirs is given back only when its initiator writes, and the team may act on it
        # before that.
        holder = initiative.claimed_by
        if holder is not None and not on_team(self._config, holder, owner):
            holder = None
        return Case(
            initiative.reference,
            owner,
            initiative.status,
            holder,
            initiative.claimed_by_name,
            erased=initiative.erased_at is not None,
            reachable=on_behalf.initiator_has_a_chat(initiative),
            consulted=consulted_teams(self._config, trail, owner),
            forwards=len(forwards(trail)),
        )

    def _change(self, move: Move, now: datetime) -> list[Notice]:
        handlers = {
            Verb.CLAIM: self._claim,
            Verb.RELEASE: self._release,
            Verb.FORWARD: self._refer if move.refer else self._forward,
            Verb.INVOLVE: self._involve,
            Verb.COMMENT: self._comment,
            Verb.CLOSE: self._close,
            Verb.REPLY: self._reply,
            Verb.ASK: self._ask,
            Verb.APPOINTMENT: self._appointment,
            Verb.TITLE: self._title,
            Verb.EXAMPLE: self._example,
        }
        verb = move.action.verb
        notices = handlers[verb](move)
        if verb not in UNCHANGING:
            move.initiative.updated_at = now
        kind = TrailKind.FORWARD_REFERRED if move.refer else EVENTS[verb]
        queries.add_event(move.session, move.initiative, kind, move.staff.account, now, move.data)
        return notices

    def _claim(self, move: Move) -> list[Notice]:
        initiative, staff = move.initiative, move.staff
        initiative.status = Status.CLAIMED
        initiative.claimed_by, initiative.claimed_by_name = staff.account, staff.name
        ref, team = initiative.reference, self._team_of(initiative)
        reads = language_of(self._config, staff.account)
        details = texts.contact_details(initiative, reads)
        return [
            *self._to_team(team.key, move, lambda lo: texts.claimed(ref, staff.name, lo)),
            Notice(staff.account, Reply(details)),
            *pictures.shown_to(initiative, staff.account, reads),
            *self._news(
                move.session,
                initiative,
                lambda lo: receipts.claimed(ref, staff.name, team.name, lo),
            ),
        ]

    def _release(self, move: Move) -> list[Notice]:
        initiative, name = move.initiative, move.staff.name
        initiative.status = Status.SUBMITTED
        initiative.claimed_by = initiative.claimed_by_name = None
        ref, team = initiative.reference, self._team_of(initiative)
        return self._to_team(team.key, move, lambda lo: texts.released(ref, name, lo))

    def _forward(self, move: Move) -> list[Notice]:
        initiative, name = move.initiative, move.staff.name
        ref, old, new = (
            initiative.reference,
            self._team_of(initiative),
            self._config.team(move.target),
        )
        reason = move.action.text
        move.data.update({"from": old.key, "to": new.key, "reason": reason})
        initiative.team, initiative.status = new.key, Status.SUBMITTED
        initiative.claimed_by = initiative.claimed_by_name = None
        by = who(self._config, move.staff.account, old.key, new.language)
        said = texts.Said.of(move.trail)
        notification = texts.forwarded_notification(
            self._names, initiative, by, reason, new.language, said
        )
        move.consulted -= {new.key}  # the new team has it now: it hears as its owner
        notices = [
            *self._to_team(old.key, move, lambda lo: texts.forwarded(ref, name, new.name, lo)),
            *(Notice(chat, notification) for chat in new.notify),
        ]
        if not forwards(move.trail):  # the initiator hears of the first move only
            notices.extend(
                self._news(
                    move.session,
                    initiative,
                    lambda lo: between_teams.forwarded_to_resident(ref, new.name, lo),
                )
            )
        return notices

    def _refer(self, move: Move) -> list[Notice]:
        """A forward of one forwarded before: the coordinators decide where it goes."""
        initiative, team = move.initiative, self._team_of(move.initiative)
        move.data.update({"from": team.key, "to": move.target, "reason": move.action.text})
        earlier, by = forwards(move.trail), move.staff.account
        ref, reason = initiative.reference, move.action.text

        def referral(locale: str) -> Reply:
            return between_teams.referral(
                self._names, initiative, earlier, by, move.target, reason, locale
            )

        told = self._to_team(team.key, move, lambda lo: between_teams.referred(ref, team.name, lo))
        # Each privately, as escalations reach them.
        coordinators = self._config.routing.coordinators
        asked = [
            Notice(person.account, referral(language_of(self._config, person.account)))
            for person in coordinators
        ]
        return [*told, *asked]

    def _involve(self, move: Move) -> list[Notice]:
        initiative, name = move.initiative, move.staff.name
        ref, team, other = (
            initiative.reference,
            self._team_of(initiative),
            self._config.team(move.target),
        )
        move.data.update({"team": other.key, "reason": move.action.text})
        by = who(self._config, move.staff.account, team.key, other.language)
        asked = between_teams.involvement(
            initiative, by, team.name, move.action.text, other.language
        )
        return [
            *self._to_team(
                team.key, move, lambda lo: between_teams.involved(ref, name, other.name, lo)
            ),
            *(Notice(chat, asked) for chat in other.notify),
        ]

    def _comment(self, move: Move) -> list[Notice]:
        """A note on the trail; from a team involved, the team that has it reads it too."""
        text, ref = move.action.text, move.initiative.reference
        move.data["text"] = text
        locale = chat_language(self._config, move.chat, move.staff)
        notices = [Notice(move.chat, Reply(texts.commented(ref, locale)))]
        team = self._team_of(move.initiative)
        if not move.staff.may_act_for(team.key):
            by = who(self._config, move.staff.account, team.key, team.language)
            note = between_teams.note_from_involved(ref, by, text, team.language)
            notices.extend(Notice(chat, Reply(note)) for chat in team.notify)
        return notices

    def _close(self, move: Move) -> list[Notice]:
        initiative, name = move.initiative, move.staff.name
        outcome, message = move.action.target, move.action.text
        move.data.update({"outcome": outcome, "text": message})
        initiative.status = outcome
        if outcome == CloseReason.WITHDRAWN:
            filing.unfile(move.session, initiative)  # never shown as similar again
        ref, team = initiative.reference, self._team_of(initiative)

        # Asked once a year whether it still runs: its initiator alone.
        yearly = outcome == CloseReason.RUNNING and on_behalf.recorded(initiative.answers) is None
        to_initiator = receipts.closed(ref, outcome, name, message, initiative.locale)
        if yearly:
            to_initiator += "\n" + receipts.asked_every_year(initiative.locale)

        example = outcome == CloseReason.DONE and on_behalf.initiator_has_a_chat(initiative)
        hint = partial(examples.done_hint, ref) if example else None
        return [
            *self._to_team(team.key, move, lambda lo: texts.closed(ref, name, outcome, lo), hint),
            *self._to_resident(initiative, to_initiator),
            # Those who joined hear the outcome, not the contact's words to the initiator.
            *self._to_co_initiators(
                move.session, initiative, lambda lo: receipts.closed_for_joined(ref, outcome, lo)
            ),
        ]

    def _reply(self, move: Move) -> list[Notice]:
        initiative, text = move.initiative, move.action.text
        move.data["text"] = text
        ref, team = initiative.reference, self._team_of(initiative)
        locale = chat_language(self._config, move.chat, move.staff)
        message = receipts.message_from_contact(
            ref, move.staff.name, team.name, text, initiative.locale
        )
        return [
            *self._to_resident(initiative, message),
            Notice(move.chat, Reply(texts.reply_sent(ref, locale))),
        ]

    def _ask(self, move: Move) -> list[Notice]:
        initiative, text = move.initiative, move.action.text
        move.data["text"] = text
        ref, team = initiative.reference, self._team_of(initiative)
        locale = chat_language(self._config, move.chat, move.staff)
        timeout = span_text(self._config.schedule.span("question_timeout"), locale)
        question = texts.question_from_contact(
            ref, move.staff.name, team.name, text, initiative.locale
        )
        return [
            *self._to_resident(initiative, question),
            Notice(move.chat, Reply(texts.question_sent(ref, timeout, locale))),
        ]

    def _appointment(self, move: Move) -> list[Notice]:
        initiative, place = move.initiative, move.action.text
        moment = self._local(move.action.target)
        zone = self._config.bot.zone
        move.data.update({"at": moment.isoformat(), "place": place, "name": move.staff.name})
        ref, team = initiative.reference, self._team_of(initiative)
        locale = chat_language(self._config, move.chat, move.staff)

        # Each reads the moment in their own language.
        def to_resident(reads: str) -> str:
            when = moment_in_words(moment, zone, reads)
            return texts.appointment_for_resident(
                ref, move.staff.name, team.name, when, place, reads
            )

        when = moment_in_words(moment, zone, locale)
        return [
            # A meeting with the initiator: theirs alone, as its place may be their home.
            *self._to_resident(initiative, to_resident(initiative.locale)),
            Notice(move.chat, Reply(texts.appointment_planned(ref, when, place, locale))),
        ]

    def _title(self, move: Move) -> list[Notice]:
        initiative, name, new = move.initiative, move.staff.name, move.action.text
        move.data.update({"old": initiative.title, "new": new})
        initiative.title = new
        filing.file(move.session, initiative)  # found by its new words
        ref, team = initiative.reference, self._team_of(initiative)
        return [
            *self._to_team(team.key, move, lambda lo: texts.retitled(ref, name, new, lo)),
            *self._news(move.session, initiative, lambda lo: receipts.retitled(ref, new, lo)),
        ]

    def _example(self, move: Move) -> list[Notice]:
        initiative, story = move.initiative, move.action.text
        move.data["text"] = story
        ref, team = initiative.reference, self._team_of(initiative)
        asked = examples.mark(
            self._names, move.session, initiative, story, move.staff.account, move.at
        )
        return [*self._to_team(team.key, move, lambda lo: texts.example_asked(ref, lo)), *asked]

    def _local(self, wall_clock: str) -> datetime:
        """A local "YYYY-MM-DDTHH:MM" as an aware moment in the municipality's zone."""
        return datetime.fromisoformat(wall_clock).replace(tzinfo=self._config.bot.zone)

    def _to_team(
        self,
        team_key: str,
        move: Move,
        text: Callable[[str], str],
        owners_note: Callable[[str], str] | None = None,
    ) -> list[Notice]:
        """A text for every notify chat of the team and of the teams involved in it, and
        for the acting chat if elsewhere; `owners_note` added for the team's own chats and
        the acting chat (what only they may do next)."""
        teams = [self._config.team(key) for key in (team_key, *sorted(move.consulted))]
        chats: dict[str, str] = {chat: team.language for team in teams for chat in team.notify}
        if move.chat not in chats:
            chats[move.chat] = chat_language(self._config, move.chat, move.staff)
        owners = {move.chat, *self._config.team(team_key).notify}

        def said(chat: str, locale: str) -> str:
            if owners_note is None or chat not in owners:
                return text(locale)
            return f"{text(locale)}\n{owners_note(locale)}"

        return [Notice(chat, Reply(said(chat, locale))) for chat, locale in chats.items()]

    def _to_resident(self, initiative: Initiative, text: str) -> list[Notice]:
        """To the initiator's chat; for one handed in on a resident's behalf, that is the
        chat of the contact who did, while they are staff: none once they left."""
        if on_behalf.passed_on_by_someone_who_left(self._config, initiative):
            return []
        return [Notice(initiator_chat(initiative), Reply(text))]

    def _news(
        self, session: Session, initiative: Initiative, news: Callable[[str], str]
    ) -> list[Notice]:
        """News of the initiative (taken up, forwarded, a new title): for its initiator
        and for those who joined it, each in their language. A message, a question or
        an appointment of the contact is for the initiator alone; of a close, those who
        joined hear only the outcome."""
        return [
            *self._to_resident(initiative, news(initiative.locale)),
            *self._to_co_initiators(session, initiative, news),
        ]

    def _to_co_initiators(
        self, session: Session, initiative: Initiative, news: Callable[[str], str]
    ) -> list[Notice]:
        return [
            Notice(address(joined.channel, joined.chat_id), Reply(news(joined.locale)))
            for joined in connections.co_initiators(session, [initiative.id])
        ]

    def _team_of(self, initiative: Initiative) -> Team:
        return team_of(self._config, initiative.team)

    def _team_key(self, typed: str) -> str | None:
        found = match(typed, [Named(team.key, team.names()) for team in self._config.teams])
        return found if isinstance(found, str) else None

    def _teams_in_view(self, chat: str, staff: Staff) -> list[str] | None:
        """`open` in a team chat lists that team; privately, the contact's teams (all for
        coordinators)."""
        owner = team_chat_owner(self._config, chat)
        if owner is not None:
            return [owner]
        return None if staff.coordinator else sorted(staff.teams)
