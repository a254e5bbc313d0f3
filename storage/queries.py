"""Small named queries. Each runs inside the caller's transaction."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.models import (
    Conversation,
    Initiative,
    InitiativeEvent,
    OutboxMessage,
    ProcessedEvent,
    ReferenceCounter,
)


def _insert(session: Session, table: Any) -> Any:
    """An INSERT that knows ON CONFLICT, for the dialect in use."""
    dialect = session.get_bind().dialect.name
    return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table)


def mark_processed(session: Session, channel: str, event_id: str, now: datetime) -> bool:
    """Record a platform event id; False if it was handled before."""
    statement = (
        _insert(session, ProcessedEvent)
        .values(channel=channel, event_id=event_id, processed_at=now)
        .on_conflict_do_nothing()
        .returning(ProcessedEvent.event_id)
    )
    return session.execute(statement).scalar_one_or_none() is not None


def find_conversation(
    session: Session, channel: str, chat_id: str, sender_id: str
) -> Conversation | None:
    """The conversation, locked until commit where the database can lock rows.

    The lock queues a second message of the same resident behind the first
    instead of letting it fail its version check and start over.
    """
    return session.scalars(
        select(Conversation)
        .where(
            Conversation.channel == channel,
            Conversation.chat_id == chat_id,
            Conversation.sender_id == sender_id,
        )
        .with_for_update()
    ).one_or_none()


def next_reference_number(session: Session, year: int) -> int:
    """The next number of `year`. The row lock makes it unique under concurrency."""
    session.execute(
        _insert(session, ReferenceCounter).values(year=year, last=0).on_conflict_do_nothing()
    )
    return session.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.year == year)
        .values(last=ReferenceCounter.last + 1)
        .returning(ReferenceCounter.last)
    ).scalar_one()


def add_event(
    session: Session,
    initiative: Initiative,
    kind: str,
    actor: str,
    at: datetime,
    data: dict[str, Any] | None = None,
) -> None:
    session.add(
        InitiativeEvent(initiative_id=initiative.id, kind=kind, actor=actor, at=at, data=data or {})
    )


def initiatives_of(session: Session, channel: str, sender_id: str) -> Sequence[Initiative]:
    """A resident's initiatives, newest first."""
    return session.scalars(
        select(Initiative)
        .where(Initiative.channel == channel, Initiative.sender_id == sender_id)
        .order_by(Initiative.created_at.desc(), Initiative.id.desc())
    ).all()


def all_initiatives(session: Session) -> Sequence[Initiative]:
    return session.scalars(select(Initiative).order_by(Initiative.id)).all()


def enqueue(
    session: Session, channel: str, chat_id: str, payload: dict[str, Any], now: datetime
) -> None:
    session.add(
        OutboxMessage(
            channel=channel,
            chat_id=chat_id,
            payload=payload,
            state="pending",
            attempts=0,
            next_try_at=now,
            created_at=now,
        )
    )


def pending_messages(
    session: Session, channels: Sequence[str], limit: int
) -> Sequence[OutboxMessage]:
    """Unsent rows of these channels in the order they were written."""
    return session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.state == "pending", OutboxMessage.channel.in_(channels))
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()


def mark_sent(session: Session, message_id: int, now: datetime) -> None:
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(state="sent", sent_at=now, last_error=None)
    )


def mark_attempt_failed(
    session: Session, message_id: int, error: str, retry_at: datetime | None
) -> None:
    """Count a failed try; without `retry_at` the row is parked as failed."""
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            attempts=OutboxMessage.attempts + 1,
            last_error=error[:1000],
            state="pending" if retry_at else "failed",
            **({"next_try_at": retry_at} if retry_at else {}),
        )
    )
