"""For the dispatcher tests: rows in the outbox, and a clock that stands still until moved."""

from datetime import UTC, datetime

from storage import queries
from storage.db import Database

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def write(db: Database, chat_id: str, *texts: str, channel: str = "console") -> None:
    """Outbox rows for one chat, due at START, in this order."""
    with db.transaction() as session:
        for text in texts:
            queries.enqueue_many(session, [(channel, chat_id, {"text": text})], START)
