"""Meeting and joining, carried out: a resident's wish, what they let pass on, and the
initiator's answer, each inside the transaction of the message that brought it.

Only a yes from both sides passes anything on. A no, and a question left unanswered
for 14 days, end it quietly: the asker is told nothing more (they were told at the
start that silence means no). A yes to join makes the asker a co-initiator, who gets
the initiative's news (`cases.desk`). Both trails say who was introduced to which
initiative, by reference only.
"""

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.alike import filing
from bot.alike import texts as alike_texts
from bot.cases import on_behalf
from bot.cases.texts import contact_in_words
from bot.config.names import Names
from bot.connections import texts
from bot.connections.commands import (
    CONTACT,
    JOIN,
    MEET,
    NAME,
    NO,
    STOP,
    Ask,
    Choose,
    ConnectionCommand,
    Step,
)
from bot.connections.texts import Side
from bot.messages import Incoming
from bot.notices import Notice, Outcome, Reply
from bot.vocabulary import UNFINISHED, WISH_DAYS, Actor, Status, TrailKind
from storage import connections, queries
from storage.models import Connection, Initiative

ANSWER_WITHIN = timedelta(days=WISH_DAYS)
# How many initiators one person may ask in that time: enough for the similar ideas of
# a few ideas of their own, too few to ask every initiative in the municipality.
MOST_ASKED = 6


class ConnectionDesk:
    """Owns the rules of who may meet or join whom, and what each side is told."""

    def __init__(self, names: Names) -> None:
        self._names = names
        self._config = names.config

    def act(
        self,
        session: Session,
        incoming: Incoming,
        command: ConnectionCommand,
        locale: str,
        now: datetime,
    ) -> Outcome:
        chat = address(incoming.channel, incoming.chat_id)
        match command:
            case Ask():
                return self._ask(session, incoming, chat, command, locale, now)
            case Choose(step=Step.SHARE):
                return self._share(session, incoming, chat, command, locale, now)
            case Choose():
                return self._answer(session, incoming, chat, command, locale, now)

    def _ask(
        self,
        session: Session,
        incoming: Incoming,
        chat: str,
        ask: Ask,
        locale: str,
        now: datetime,
    ) -> Outcome:
        if not ask.reference:
            return Outcome.said(chat, texts.usage(ask.kind, locale))
        target = queries.find_initiative(session, ask.reference)
        if target is None or not self._open_to_others(target, now):
            return Outcome.refused(chat, texts.not_found(ask.reference, locale))
        if (target.channel, target.sender_id) == (incoming.channel, incoming.sender_id):
            return Outcome.refused(chat, texts.own_idea(ask.reference, locale))
        shown = self._shown_title(target)
        earlier = connections.between(
            session, ask.kind, incoming.channel, incoming.sender_id, target.id
        )
        if earlier is not None and earlier.status != connections.DRAFT:
            if earlier.status == connections.YES:
                done = texts.already_met if ask.kind == MEET else texts.already_joined
                return Outcome.refused(chat, done(shown, locale))
            if earlier.asked_at > now - ANSWER_WITHIN:  # a no stays as quiet as silence
                return Outcome.refused(chat, texts.already_asked(shown, locale))
        asked = connections.asked_since(
            session, incoming.channel, incoming.sender_id, now - ANSWER_WITHIN
        )
        if asked >= MOST_ASKED:  # initiators are not there to be asked by the dozen
            return Outcome.refused(chat, texts.enough_asked(MOST_ASKED, locale))
        mine = _own_ideas(session, incoming)
        if ask.kind == MEET and not mine:
            return Outcome.refused(chat, texts.needs_an_idea(ask.reference, locale))
        name = ask.name or (mine[0].name if mine else "") or incoming.sender_name
        if not name:
            return Outcome.said(chat, texts.which_name(ask.reference, locale))
        if earlier is not None:
            session.delete(earlier)  # asked again: one wish at a time
        wish = Connection(
            kind=ask.kind,
            initiative_id=target.id,
            asker_initiative_id=mine[0].id if mine else None,
            channel=incoming.channel,
            chat_id=incoming.chat_id,
            sender_id=incoming.sender_id,
            locale=locale,
            asker_name=name,
            asker_shares=connections.DRAFT,
            status=connections.DRAFT,
            asked_at=now,
        )
        session.add(wish)
        session.flush()
        you = Side(name, _contact_of(mine[0]) if mine else "")
        return Outcome([Notice(chat, texts.what_to_share(ask.kind, wish.id, shown, you, locale))])

    def _share(
        self,
        session: Session,
        incoming: Incoming,
        chat: str,
        choose: Choose,
        locale: str,
        now: datetime,
    ) -> Outcome:
        wish = connections.get(session, choose.connection_id)
        if (
            wish is None
            or (wish.channel, wish.sender_id) != (incoming.channel, incoming.sender_id)
            or wish.status != connections.DRAFT
        ):
            return Outcome.refused(chat, texts.ended(locale))
        target = session.get(Initiative, wish.initiative_id)
        if choose.choice == STOP or target is None or not self._open_to_others(target, now):
            session.delete(wish)
            if choose.choice == STOP:
                return Outcome.said(chat, texts.stopped(locale))
            reference = target.reference if target is not None else ""
            return Outcome.refused(chat, texts.not_found(reference, locale))
        brought = self._brought(session, wish)
        shares = CONTACT if choose.choice == CONTACT and _contact_of(brought) else NAME
        wish.asker_shares, wish.status, wish.asked_at = shares, connections.ASKED, now
        other_idea, other_area = "", ""
        if wish.kind == MEET and brought is not None:
            other_idea = self._shown_title(brought)
            other_area = self._names.area(brought.area)
        question = texts.question(
            wish.kind,
            wish.id,
            target.title,
            other_idea,
            other_area,
            _contact_of(target),
            target.locale,
        )
        return Outcome(
            [
                Notice(address(target.channel, target.chat_id), question),
                Notice(chat, Reply(texts.asked(locale))),
            ]
        )

    def _answer(
        self,
        session: Session,
        incoming: Incoming,
        chat: str,
        choose: Choose,
        locale: str,
        now: datetime,
    ) -> Outcome:
        wish = connections.get(session, choose.connection_id)
        target = session.get(Initiative, wish.initiative_id) if wish is not None else None
        if (
            wish is None
            or target is None
            or (target.channel, target.sender_id) != (incoming.channel, incoming.sender_id)
            or wish.status != connections.ASKED
            or wish.asked_at <= now - ANSWER_WITHIN
            or not self._open_to_others(target, now)
        ):
            return Outcome.refused(chat, texts.ended(locale))
        wish.answered_at = now
        if choose.choice == NO:
            wish.status = connections.NO
            return Outcome.said(chat, texts.declined(locale))
        wish.status, wish.answer_shares = connections.YES, choose.choice
        brought = self._brought(session, wish)
        asker = Side(
            wish.asker_name or "",
            _contact_of(brought) if wish.asker_shares == CONTACT else "",
        )
        initiator = Side(target.name or "", _contact_of(target) if choose.choice == CONTACT else "")
        if wish.kind == MEET and brought is not None:
            for one, other in ((target, brought), (brought, target)):
                met = {"with": other.reference}
                queries.add_event(session, one, TrailKind.INTRODUCED, Actor.RESIDENT, now, met)
        if wish.kind == JOIN:
            queries.add_event(session, target, TrailKind.JOINED, Actor.RESIDENT, now)
            wish.asker_initiative_id = None  # what it lent (a contact) is passed on now
        shown = self._shown_title(target)  # a title that may name someone stays unsaid
        to_asker = texts.introduced_to_asker(wish.kind, shown, initiator, asker, wish.locale)
        to_initiator = texts.introduced_to_initiator(
            wish.kind, target.title, asker, initiator, target.locale
        )
        return Outcome(
            [
                Notice(address(wish.channel, wish.chat_id), Reply(to_asker)),
                Notice(chat, Reply(to_initiator)),
            ]
        )

    def _open_to_others(self, initiative: Initiative, now: datetime) -> bool:
        """Whether residents may ask to meet its initiator or join it: someone reachable
        in a chat of their own, about an initiative that still goes on or finished
        lately (as similar initiatives are shown)."""
        if not on_behalf.initiator_has_a_chat(initiative):
            return False
        if initiative.status in UNFINISHED:
            return True
        recent = initiative.updated_at >= filing.finished_since(self._config, now)
        return initiative.status in filing.FINISHED and recent

    def _shown_title(self, initiative: Initiative) -> str:
        return alike_texts.shown_to_residents(self._names, initiative)

    def _brought(self, session: Session, wish: Connection) -> Initiative | None:
        """The asker's own initiative, as they brought it along."""
        if wish.asker_initiative_id is None:
            return None
        return session.get(Initiative, wish.asker_initiative_id)


def _own_ideas(session: Session, incoming: Incoming) -> list[Initiative]:
    """The asker's own initiatives that are still theirs to bring, newest first."""
    return [
        initiative
        for initiative in on_behalf.own(
            queries.initiatives_of(session, incoming.channel, incoming.sender_id)
        )
        if initiative.erased_at is None and initiative.status != Status.WITHDRAWN
    ]


def _contact_of(initiative: Initiative | None) -> str:
    """The phone number or e-mail address of an initiative, in words ("" if none)."""
    return contact_in_words(initiative) if initiative is not None else ""
