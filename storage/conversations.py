"""A resident's conversation row: read and written once in nearly every turn.

This is the hot path, so it speaks SQLAlchemy Core to the table and hands back a
plain row. An ORM instance would cost a third of a turn to build, track and
flush (see `make bench`). The optimistic lock is the same as the ORM's: an update
names the version it read, and finding no such row means another writer got in
first.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from storage.models import Conversation, table_of

TABLE = table_of(Conversation)
# Built once, values bound at execution: building a statement costs more than running it.
_FIND = (
    select(TABLE.c.id, TABLE.c.state, TABLE.c.version)
    .where(
        TABLE.c.channel == bindparam("channel"),
        TABLE.c.chat_id == bindparam("chat_id"),
        TABLE.c.sender_id == bindparam("sender_id"),
    )
    .with_for_update()
)
_CREATE = insert(TABLE).values(
    channel=bindparam("channel"),
    chat_id=bindparam("chat_id"),
    sender_id=bindparam("sender_id"),
    state=bindparam("state"),
    version=1,
    updated_at=bindparam("at"),
)
_SAVE = (
    update(TABLE)
    .where(TABLE.c.id == bindparam("row_id"), TABLE.c.version == bindparam("read_version"))
    .values(
        state=bindparam("state"),
        version=bindparam("new_version"),
        updated_at=bindparam("at"),
        erasure_warned_at=None,
    )
)


@dataclass(frozen=True)
class ConversationRow:
    id: int
    state: dict[str, Any]
    version: int


def find(session: Session, channel: str, chat_id: str, sender_id: str) -> ConversationRow | None:
    """The conversation, locked until commit where the database can lock rows.

    The lock queues a second message of the same resident behind the first
    instead of letting it fail its version check and start over.
    """
    key = {"channel": channel, "chat_id": chat_id, "sender_id": sender_id}
    found = session.execute(_FIND, key).one_or_none()
    return None if found is None else ConversationRow(found.id, found.state, found.version)


def create(
    session: Session,
    channel: str,
    chat_id: str,
    sender_id: str,
    state: dict[str, Any],
    now: datetime,
) -> None:
    """A first conversation; a second writer creating the same one meanwhile makes this
    fail with IntegrityError at once or at commit, and the turn is run again."""
    session.execute(
        _CREATE,
        {"channel": channel, "chat_id": chat_id, "sender_id": sender_id, "state": state, "at": now},
    )


def save(session: Session, row: ConversationRow, state: dict[str, Any], now: datetime) -> None:
    """Store the new state of `row`, as read; raises StaleDataError when it changed since.

    Being heard from again also clears the warning that the conversation would be
    deleted for being untouched: the retention clock starts over.
    """
    values = {
        "row_id": row.id,
        "read_version": row.version,
        "state": state,
        "new_version": row.version + 1,
        "at": now,
    }
    done = session.execute(_SAVE, values)
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleDataError(f"conversation {row.id} changed since version {row.version}")
