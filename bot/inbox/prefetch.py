"""What every event of a group needs first, read for the whole group at once, and
the conversations it changes, written for the whole group at its end.

Each message needs its event id recorded, its sender's block looked up and its
conversation read. Done per event that is three statements each, and on
PostgreSQL three round trips each; done for the group it is three in all. The
answers stay true while the group is handled: the conversations are kept as
each event changes them, and the group's own block commands and erasures are
looked up again. The changed conversations go in with one statement at the end
(`save_changed`), or before anything reads them from the database.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.messages import Incoming
from storage import conversations, queries
from storage.conversations import ConversationRow, Key


def key_of(incoming: Incoming) -> Key:
    return (incoming.channel, incoming.chat_id, incoming.sender_id)


@dataclass
class Prefetched:
    """A batch's knowledge of its events: which are new, whose senders are blocked,
    their conversations as the batch changes them (see the module)."""

    fresh: set[tuple[str, str]]  # (channel, event id) not handled before
    blocked: set[str]  # of the group's accounts
    known: dict[Key, ConversationRow | None]  # None: not started yet
    accounts: frozenset[str]
    # Conversations changed by the group: `known` holds their new state, with the version
    # they were read at.
    changed: set[Key] = field(default_factory=set)

    @classmethod
    def read(cls, session: Session, events: Sequence[Incoming], now: datetime) -> "Prefetched":
        """Record the events' ids and read what they need, in the caller's transaction."""
        fresh = queries.mark_processed_many(
            session, [(event.channel, event.event_id) for event in events], now
        )
        accounts = frozenset(address(event.channel, event.sender_id) for event in events)
        keys = {key_of(event) for event in events}
        found = conversations.find_many(session, keys)
        known = {key: found.get(key) for key in keys}
        return cls(fresh, queries.blocked_among(session, accounts), known, accounts)

    def first_time(self, incoming: Incoming) -> bool:
        """True once per new event id: a repeat within the group is a repeat too."""
        seen = (incoming.channel, incoming.event_id)
        if seen not in self.fresh:
            return False
        self.fresh.discard(seen)
        return True

    def conversation(self, session: Session, incoming: Incoming) -> ConversationRow | None:
        key = key_of(incoming)
        if key not in self.known:  # forgotten since: read it again
            self.known[key] = conversations.find(session, *key)
        return self.known[key]

    def remember(self, incoming: Incoming, row: ConversationRow) -> None:
        """A conversation the group created: stored already."""
        self.known[key_of(incoming)] = row

    def change(self, incoming: Incoming, row: ConversationRow, state: dict[str, Any]) -> None:
        """The conversation's new state; written by `save_changed`."""
        key = key_of(incoming)
        self.known[key] = ConversationRow(row.id, state, row.version)
        self.changed.add(key)

    def save_changed(self, session: Session, now: datetime) -> None:
        """Write the changed conversations, each once; raises StaleDataError when one
        changed since it was read (the group is then handled again, one by one)."""
        rows = {key: row for key in self.changed if (row := self.known[key]) is not None}
        conversations.save_many(session, [(row, row.state) for row in rows.values()], now)
        for key, row in rows.items():
            self.known[key] = ConversationRow(row.id, row.state, row.version + 1)
        self.changed.clear()

    def forget_sender(self, channel: str, sender_id: str) -> None:
        """Their conversations were erased: what was read of them no longer holds, and
        what the group changed of them is not written."""
        for key in [key for key in self.known if key[0] == channel and key[2] == sender_id]:
            del self.known[key]
            self.changed.discard(key)

    def blocks_changed(self, session: Session) -> None:
        self.blocked = queries.blocked_among(session, self.accounts)
