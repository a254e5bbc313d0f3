"""What every event of a group needs first, read for the whole group at once.

Each message needs its event id recorded, its sender's block looked up and its
conversation read. Done per event that is three statements each, and on
PostgreSQL three round trips each; done for the group it is three in all. The
answers stay true while the group is handled: the conversations are kept as
each event changes them, and the group's own block commands and erasures are
looked up again.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.accounts import address
from bot.messages import Incoming
from storage import conversations, queries
from storage.conversations import ConversationRow, Key


def key_of(incoming: Incoming) -> Key:
    return (incoming.channel, incoming.chat_id, incoming.sender_id)


@dataclass
class Prefetched:
    fresh: set[tuple[str, str]]  # (channel, event id) not handled before
    blocked: set[str]  # of the group's accounts
    known: dict[Key, ConversationRow | None]  # None: not started yet
    accounts: frozenset[str]

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
        self.known[key_of(incoming)] = row

    def forget_sender(self, channel: str, sender_id: str) -> None:
        """Their conversations were erased: what was read of them no longer holds."""
        for key in [key for key in self.known if key[0] == channel and key[2] == sender_id]:
            del self.known[key]

    def blocks_changed(self, session: Session) -> None:
        self.blocked = queries.blocked_among(session, self.accounts)
