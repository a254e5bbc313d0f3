"""Inzage: everything stored about a resident, as a message and a JSON file (AVG art. 15).

A resident is their platform account (channel and sender id). What is kept
about them: their initiatives with every answer, the trail of those
initiatives (their messages to the contact included), their conversation
state, their answers to return days, their wishes to meet or join another's
initiative (and the name they gave for it), and the bot's messages to their chats.
"""

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases import on_behalf
from bot.messages import Attachment
from bot.notices import Reply
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations
from storage import connections, queries
from storage.models import (
    Conversation,
    Example,
    Initiative,
    OutboxMessage,
    ReturnDayAnswer,
    ReturnDayPerson,
)

FILE_NAME = "mijn-gegevens.json"


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def gather(session: Session, channel: str, sender_id: str) -> dict[str, Any]:
    """All of it, as plain data."""
    initiatives = on_behalf.own(queries.initiatives_of(session, channel, sender_id))
    trails = queries.trails(session, [initiative.id for initiative in initiatives])
    conversations = session.scalars(
        select(Conversation).where(
            Conversation.channel == channel, Conversation.sender_id == sender_id
        )
    ).all()
    chats = {conversation.chat_id for conversation in conversations} | {
        initiative.chat_id for initiative in initiatives
    }
    messages = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.channel == channel, OutboxMessage.chat_id.in_(chats))
        .order_by(OutboxMessage.id)
    ).all()
    answers = session.scalars(
        select(ReturnDayAnswer).where(
            ReturnDayAnswer.channel == channel, ReturnDayAnswer.sender_id == sender_id
        )
    ).all()
    listed = session.scalars(
        select(ReturnDayPerson).where(
            ReturnDayPerson.channel == channel, ReturnDayPerson.sender_id == sender_id
        )
    ).all()
    wishes = connections.of_person(session, channel, sender_id)
    return {
        "account": f"{channel}:{sender_id}",
        "initiatives": [
            {
                "reference": initiative.reference,
                "title": initiative.title,
                "description": initiative.description,
                "area": initiative.area,
                "theme": initiative.theme,
                "help_wanted": initiative.help_wanted,
                "name": initiative.name,
                "contact_kind": initiative.contact_kind,
                "contact": initiative.contact,
                "answers": initiative.answers,
                "photos": initiative.photos,
                "status": initiative.status,
                "team": initiative.team,
                "claimed_by": initiative.claimed_by_name,
                "consented_at": _moment(initiative.consented_at),
                "privacy_version": initiative.privacy_version,
                "created_at": _moment(initiative.created_at),
                "example": _example(session, initiative.id),
                "trail": [
                    {"event": e.kind, "at": _moment(e.at), "by": e.actor, "data": e.data}
                    for e in trails.get(initiative.id, [])
                ],
            }
            for initiative in initiatives
        ],
        "conversations": [
            {"chat": c.chat_id, "state": c.state, "updated_at": _moment(c.updated_at)}
            for c in conversations
        ],
        "return_day_answers": [
            {
                "return_day": a.return_day_id,
                "answer": a.answer,
                "guests": a.guests,
                "how_was_it": a.feedback,
                "at": _moment(a.answered_at),
            }
            for a in answers
        ],
        "return_day_invitations": [
            {
                "return_day": p.return_day_id,
                "name": p.name,
                "how": p.source,
                "at": _moment(p.added_at),
            }
            for p in listed
        ],
        "meet_and_join": [
            {
                "kind": w.kind,
                "initiative": _reference(session, w.initiative_id),
                "name_given": w.asker_name,
                "shares": w.asker_shares,
                "status": w.status,
                "asked_at": _moment(w.asked_at),
            }
            for w in wishes
        ],
        "messages_to_you": [
            {
                "text": m.payload.get("text", ""),
                "state": m.state,
                "written_at": _moment(m.created_at),
                "sent_at": _moment(m.sent_at),
            }
            for m in messages
        ],
    }


def _example(session: Session, initiative_id: int) -> dict[str, Any] | None:
    """Whether it is (asked to be) shown as an example, and with which story."""
    example = session.get(Example, initiative_id)
    if example is None:
        return None
    return {"story": example.story, "shown": example.status, "asked_at": _moment(example.asked_at)}


def _reference(session: Session, initiative_id: int) -> str:
    initiative = session.get(Initiative, initiative_id)
    return initiative.reference if initiative is not None else ""


def report(data: dict[str, Any], zone: ZoneInfo, locale: str, now: datetime) -> Reply:
    """A readable summary, and the whole of it as a JSON file where files can be sent."""
    _ = translations(locale).gettext
    ngettext = translations(locale).ngettext
    lines = [_("This is what we keep about you:")]
    for initiative in data["initiatives"]:
        consented = datetime.fromisoformat(initiative["consented_at"])
        lines.append(
            _(
                "\u2022 {reference} \u201c{title}\u201d: name {name}, contact {contact}, "
                "consent given on {date} (privacy statement {version})"
            ).format(
                reference=initiative["reference"],
                title=initiative["title"],
                name=initiative["name"] or "-",
                contact=initiative["contact"] or "-",
                date=date_in_words(consented, zone, locale, now.astimezone(zone).date()),
                version=initiative["privacy_version"] or "-",
            )
        )
    counts = (
        (len(data["conversations"]), "conversations"),
        (len(data["return_day_answers"]), "answers"),
        (len(data["messages_to_you"]), "messages"),
        (len(data["return_day_invitations"]), "lists"),
    )
    texts = {
        "conversations": ngettext(
            "\u2022 {count} conversation with the bot (where you are in it)",
            "\u2022 {count} conversations with the bot (where you are in them)",
            counts[0][0],
        ),
        "answers": ngettext(
            "\u2022 {count} answer to a return day",
            "\u2022 {count} answers to return days",
            counts[1][0],
        ),
        "messages": ngettext(
            "\u2022 {count} message from the bot to you",
            "\u2022 {count} messages from the bot to you",
            counts[2][0],
        ),
        "lists": ngettext(
            "\u2022 your name on the list of {count} return day",
            "\u2022 your name on the lists of {count} return days",
            counts[3][0],
        ),
    }
    lines += [texts[what].format(count=count) for count, what in counts if count]
    if len(lines) == 1:
        lines.append(_("\u2022 nothing yet"))
    lines.append(
        _("Everything, with every answer and date, is in the file {file}.").format(file=FILE_NAME)
    )
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return Reply("\n".join(lines), attachment=Attachment(FILE_NAME, "application/json", content))
