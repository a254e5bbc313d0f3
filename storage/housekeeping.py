"""Keeping tables that only grow within bounds."""

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, tuple_
from sqlalchemy.orm import Session

from storage.models import ProcessedEvent


def prune_processed(session: Session, before: datetime) -> int:
    """Forget the event ids handled before `before`, how many went, but keep each
    channel's greatest: the daily jobs read theirs as the last day they ran."""
    newest = select(ProcessedEvent.channel, func.max(ProcessedEvent.event_id)).group_by(
        ProcessedEvent.channel
    )
    statement = delete(ProcessedEvent).where(
        ProcessedEvent.processed_at < before,
        tuple_(ProcessedEvent.channel, ProcessedEvent.event_id).not_in(newest),
    )
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return result.rowcount
