"""Erasing a resident's personal data: on their "vergeet mij", and when a
retention period ends.

Runs inside the caller's transaction; once that commits, the database's own old
copies of the erased rows are wiped (`storage.traces`). What counts as personal: the initiator's
name, contact details, platform account and chat, everything typed in their
conversation and intake (answers with the place detail, title, description, photos,
the questions and notes they wrote), the texts passed between them and a contact (and
what they added), titles old and new, appointment places, their return-day answers, and
the bot's messages to them or about their initiatives. What is kept of an
anonymised initiative serves statistics only: reference, area, theme, help
wanted, team, status, dates and the kinds of its trail entries.
"""

import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from bot.accounts import language_of
from bot.alike import filing
from bot.cases import on_behalf
from bot.cases.routing import team_of
from bot.config.settings import Config
from bot.notices import Notice, Reply
from bot.privacy import texts as privacy_texts
from bot.vocabulary import UNFINISHED, Actor, Status, TrailKind
from storage import connections, examples, queries, traces
from storage.db import after_commit
from storage.models import (
    Connection,
    Conversation,
    Example,
    Initiative,
    InitiativeEvent,
    OutboxMessage,
    ReturnDayAnswer,
    ReturnDayPerson,
    SimilarCount,
    SimilarTerm,
    table_of,
)

log = logging.getLogger(__name__)

REQUEST = "request"  # a cause in the deletion log: the resident asked
# Trail data anyone typed, or that says where someone will be: a relayed or added text,
# a question or note of the intake, a close message, an appointment's place, a
# forward's reason, a title before and after it changed.
TYPED_KEYS = ("text", "place", "reason", "old", "new")
# The tables an erasure deletes from or changes.
TOUCHED = tuple(
    table_of(model).name
    for model in (
        Connection,
        Conversation,
        Example,
        Initiative,
        InitiativeEvent,
        OutboxMessage,
        ReturnDayAnswer,
        ReturnDayPerson,
        SimilarCount,
        SimilarTerm,
    )
)


@dataclass
class Erased:
    """What an erasure took (kind: how many), and whom to tell about it."""

    counts: Counter[str] = field(default_factory=Counter)
    notices: list[Notice] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    withdrawn: int = 0


def forget_person(
    session: Session, config: Config, channel: str, sender_id: str, now: datetime
) -> Erased:
    """Everything about one platform account, on their request: open initiatives are
    withdrawn (their team and contact told), then all of it goes. What a contact handed
    in for residents stays: it is theirs (`on_behalf.own`)."""
    erased = Erased()
    initiatives = on_behalf.own(queries.initiatives_of(session, channel, sender_id))
    # Someone who only signed up for a return day has no initiative nor conversation.
    chats = {initiative.chat_id for initiative in initiatives}
    chats |= queries.return_day_chats_of(session, channel, sender_id)
    for initiative in initiatives:
        if initiative.status in UNFINISHED:
            erased.notices += _withdraw(session, config, initiative, now)
            erased.withdrawn += 1
        erased.references.append(initiative.reference)
    for conversation in queries.conversations_of(session, channel, sender_id):
        chats.add(conversation.chat_id)
        delete_conversation(session, conversation, erased.counts)
    erased.counts["return_day_answer"] += queries.delete_return_day_answers(
        session, channel, sender_id
    )
    erased.counts["return_day_person"] += queries.delete_return_day_people(
        session, channel, sender_id
    )
    for wish in connections.of_person(session, channel, sender_id):
        chats.add(wish.chat_id)  # asked, or joined, from a chat of its own (a Matrix room)
        if wish.status == connections.YES:  # the other side was told their name
            target = session.get(Initiative, wish.initiative_id)
            if target is not None:
                to = (target.channel, target.chat_id)
                erased.counts["message"] += _delete_messages_about(
                    session, [wish.asker_name or ""], to
                )
    erased.counts["connection"] += connections.delete_of_person(session, channel, sender_id)
    erased.counts["message"] += queries.delete_messages_to(session, channel, sorted(chats))
    erased.counts["message"] += _delete_messages_about(
        session, [*erased.references, sender_id, *chats]
    )
    delete = config.retention.erased_initiatives == "delete"
    for initiative in initiatives:
        _erase_initiative(session, initiative, now, erased.counts, delete)
    _on_request(session, erased, now)
    return erased


def forget_initiative(
    session: Session, config: Config, initiative: Initiative, now: datetime
) -> Erased:
    """One initiative's personal data, on a request made outside the chat: by phone or
    at the desk, or by a resident a contact handed it in for (who has no chat to say
    `vergeet mij` in). Withdrawn first while unfinished (its team and contact told),
    then erased as `forget_person` erases an initiative."""
    erased = Erased(references=[initiative.reference])
    if initiative.status in UNFINISHED:
        erased.notices += _withdraw(session, config, initiative, now)
        erased.withdrawn += 1
    delete = config.retention.erased_initiatives == "delete"
    erase_initiative(session, initiative, now, erased.counts, delete)
    _on_request(session, erased, now)
    return erased


def _on_request(session: Session, erased: Erased, now: datetime) -> None:
    """An erasure someone asked for: in the deletion log, and gone from the files."""
    log_counts(session, REQUEST, erased.counts, now)
    traces.wipe_after_commit(session, TOUCHED)
    log.info("personal data was erased on request: %s", summary(erased.counts))


def erase_initiative(
    session: Session, initiative: Initiative, now: datetime, counts: Counter[str], delete: bool
) -> None:
    """One initiative's personal data, with the messages that held it: anonymised, or
    deleted with its trail."""
    counts["message"] += _delete_messages_about(session, [initiative.reference])
    _erase_initiative(session, initiative, now, counts, delete)


def delete_conversation(session: Session, conversation: Conversation, counts: Counter[str]) -> None:
    """A conversation, with our copies of the photos sent in it."""
    remove_photos(session, conversation.state.get("photos") or (), counts)
    session.delete(conversation)
    counts["conversation"] += 1


def discard_photos(session: Session, photos: Iterable[Mapping[str, str]]) -> None:
    """Our copies of the photos of an intake that ended without a hand-in (stopped,
    expired): the resident is told nothing is kept."""
    remove_photos(session, photos, Counter())


def log_counts(session: Session, cause: str, counts: Mapping[str, int], now: datetime) -> None:
    """The deletion log: kinds and numbers, never whose."""
    for kind, count in sorted(counts.items()):
        if count:
            queries.log_deletion(session, cause, kind, count, now)


def summary(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()) if count)


def _withdraw(
    session: Session, config: Config, initiative: Initiative, now: datetime
) -> list[Notice]:
    """An open initiative whose initiator asked to be forgotten: its team and contact
    hear that it is withdrawn, and why there is nothing more to do."""
    team = team_of(config, initiative.team)
    reference = initiative.reference
    notices = [
        Notice(chat, Reply(privacy_texts.withdrawn_on_request(reference, team.language)))
        for chat in team.notify
    ]
    if initiative.claimed_by and initiative.claimed_by not in team.notify:
        locale = language_of(config, initiative.claimed_by)
        text = privacy_texts.withdrawn_on_request(reference, locale)
        notices.append(Notice(initiative.claimed_by, Reply(text)))
    initiative.status = Status.WITHDRAWN
    initiative.updated_at = now
    cause = {"cause": "erasure"}
    queries.add_event(session, initiative, TrailKind.WITHDRAWN, Actor.RESIDENT, now, cause)
    return notices


def _erase_initiative(
    session: Session, initiative: Initiative, now: datetime, counts: Counter[str], delete: bool
) -> None:
    remove_photos(session, initiative.photos, counts)
    filing.unfile(session, initiative)  # its words' stems are its words too
    counts["message"] += _delete_introductions_of(session, initiative)
    # Wishes to meet its initiator or join it, and theirs; its co-initiators' place too.
    counts["connection"] += connections.delete_about(session, initiative.id)
    counts["example"] += examples.delete_of(session, initiative.id)  # its title and story
    if delete:
        queries.delete_initiative(session, initiative)
        counts["initiative_deleted"] += 1
        return
    initiative.name = initiative.contact_kind = initiative.contact = None
    initiative.chat_id = initiative.sender_id = ""
    initiative.title, initiative.description = "", None
    initiative.answers, initiative.photos = {}, []
    initiative.erased_at = now
    for event in queries.trail(session, initiative.id):
        if any(key in event.data for key in TYPED_KEYS):
            event.data = {k: v for k, v in event.data.items() if k not in TYPED_KEYS}
    counts["initiative_anonymised"] += 1


def _delete_introductions_of(session: Session, initiative: Initiative) -> int:
    """The messages that introduced its initiator to another resident (meeting, or one
    who joined): they name them, and maybe give their contact, by no reference."""
    deleted = 0
    for wish in connections.about(session, initiative.id):
        if wish.status != connections.YES:
            continue
        if wish.initiative_id == initiative.id:  # the asker was told of this initiator
            to = (wish.channel, wish.chat_id)
            deleted += _delete_messages_about(session, [initiative.name or ""], to)
        elif (target := session.get(Initiative, wish.initiative_id)) is not None:
            to = (target.channel, target.chat_id)
            deleted += _delete_messages_about(session, [wish.asker_name or ""], to)
    return deleted


def _delete_messages_about(
    session: Session, needles: Iterable[str], to: tuple[str, str] | None = None
) -> int:
    """Outbox rows, to anyone (or only to the chat `to`: channel and id), that name one
    of `needles` (a reference, an account, a chat, a name) as a whole word: the team's
    notification, the contact's copy of the contact details, relayed texts, an
    introduction."""
    deleted: set[int] = set()
    for needle in filter(None, set(needles)):
        whole_word = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])")
        for message in queries.messages_mentioning(session, needle):
            if to is not None and (message.channel, message.chat_id) != to:
                continue
            if message.id not in deleted and whole_word.search(repr(message.payload)):
                queries.delete_messages(session, [message.id])
                deleted.add(message.id)
    return len(deleted)


def remove_photos(
    session: Session, photos: Iterable[Mapping[str, str]], counts: Counter[str]
) -> None:
    """Our copies of the photos on disk (the platform's copy is the platform's), once
    `session` has committed: a rolled-back turn must find its photos still there."""
    for photo in photos:
        path = photo.get("path", "")
        if path:
            after_commit(session, partial(Path(path).unlink, missing_ok=True))
            counts["photo"] += 1
