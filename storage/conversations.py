"""A resident's conversation row: read and written once in nearly every turn.

This is the hot path, so it speaks SQLAlchemy Core to the table and hands back a
plain row. An ORM instance would cost a third of a turn to build, track and
flush (see `make bench`). The optimistic lock is the same as the ORM's: an update
names the version it read, and finding no such row means another writer got in
first.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, tuple_, update
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
_CREATE = (
    insert(TABLE)
    .values(
        channel=bindparam("channel"),
        chat_id=bindparam("chat_id"),
        sender_id=bindparam("sender_id"),
        state=bindparam("state"),
        version=1,
        updated_at=bindparam("at"),
    )
    .returning(TABLE.c.id)
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


# (channel, chat_id, sender_id): what a conversation is found by.
Key = tuple[str, str, str]
_KEY = tuple_(TABLE.c.channel, TABLE.c.chat_id, TABLE.c.sender_id)
_FIND_MANY = (
    select(
        TABLE.c.channel,
        TABLE.c.chat_id,
        TABLE.c.sender_id,
        TABLE.c.id,
        TABLE.c.state,
        TABLE.c.version,
    )
    .where(_KEY.in_(bindparam("keys", expanding=True)))
    .with_for_update()
)


def find(session: Session, channel: str, chat_id: str, sender_id: str) -> ConversationRow | None:
    """The conversation, locked until commit where the database can lock rows.

    The lock queues a second message of the same resident behind the first
    instead of letting it fail its version check and start over.
    """
    key = {"channel": channel, "chat_id": chat_id, "sender_id": sender_id}
    found = session.execute(_FIND, key).one_or_none()
    return None if found is None else ConversationRow(found.id, found.state, found.version)


def find_many(session: Session, keys: Iterable[Key]) -> dict[Key, ConversationRow]:
    """`find` for several conversations in one statement; those that do not exist yet
    are missing from the answer."""
    found = session.execute(_FIND_MANY, {"keys": sorted(keys)})
    return {
        (channel, chat_id, sender_id): ConversationRow(row_id, state, version)
        for channel, chat_id, sender_id, row_id, state, version in found
    }


def create(
    session: Session,
    channel: str,
    chat_id: str,
    sender_id: str,
    state: dict[str, Any],
    now: datetime,
) -> ConversationRow:
    """A first conversation; a second writer creating the same one meanwhile makes this
    fail with IntegrityError at once or at commit, and the turn is run again."""
    row_id: int = session.execute(
        _CREATE,
        {"channel": channel, "chat_id": chat_id, "sender_id": sender_id, "state": state, "at": now},
    ).scalar_one()
    return ConversationRow(row_id, state, 1)


def save_many(
    session: Session, changes: Sequence[tuple[ConversationRow, dict[str, Any]]], now: datetime
) -> None:
    """Store each row's new state, as read, in one statement; raises StaleDataError when
    any of them changed since.

    Being heard from again also clears the warning that the conversation would be
    deleted for being untouched: the retention clock starts over.
    """
    if not changes:
        return
    values = [
        {
            "row_id": row.id,
            "read_version": row.version,
            "state": state,
            "new_version": row.version + 1,
            "at": now,
        }
        for row, state in changes
    ]
    done = session.execute(_SAVE, values)
    if done.rowcount != len(values):  # type: ignore[attr-defined]
        versions = ", ".join(f"{row.id} (version {row.version})" for row, _ in changes)
        raise StaleDataError(f"conversations changed since they were read: one of {versions}")
