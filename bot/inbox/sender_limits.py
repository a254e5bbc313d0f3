"""How much one sender may send: a sliding minute per account, kept in memory.

Checked before any database work, so a flood costs next to nothing and does not
hold up anyone else. The first message over the limit gets one friendly answer;
the rest of the flood is ignored until the minute has passed.

Only the minute matters, so an account quiet for a minute is forgotten: the
accounts are kept in the order they were last heard from, and each check drops
the quiet ones at the front (each account once, so a check costs O(1) on
average). A crowd of more than `most_senders` accounts within one minute makes
the least recently heard from be forgotten early; the flooder sending right now
is the last to go.
"""

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

WINDOW = timedelta(minutes=1)
# About 1 KB each at most: a bound of about 10 MB, far above the senders of a
# municipality in one minute.
MOST_SENDERS = 10_000


class Verdict(Enum):
    ALLOWED = "allowed"
    WARN = "warn"  # over the limit: say so, once
    IGNORE = "ignore"  # over the limit and told already


@dataclass(slots=True)
class _Sender:
    heard: datetime  # the last check, whatever its verdict
    times: deque[datetime] = field(default_factory=deque)  # allowed within the window
    warned: datetime | None = None


@dataclass
class SenderLimits:
    per_minute: int
    most_senders: int = MOST_SENDERS
    # Least recently heard from first.
    _senders: OrderedDict[str, _Sender] = field(default_factory=OrderedDict)

    def __len__(self) -> int:
        """How many accounts are remembered."""
        return len(self._senders)

    def check(self, account: str, now: datetime) -> Verdict:
        self._forget_quiet(now)
        sender = self._senders.get(account)
        if sender is None:
            sender = self._senders[account] = _Sender(now)
        else:
            self._senders.move_to_end(account)
            sender.heard = now
        times = sender.times
        while times and now - times[0] >= WINDOW:
            times.popleft()
        if len(times) < self.per_minute:
            times.append(now)
            sender.warned = None
            return Verdict.ALLOWED
        if sender.warned is not None and now - sender.warned < WINDOW:
            return Verdict.IGNORE
        sender.warned = now
        return Verdict.WARN

    def _forget_quiet(self, now: datetime) -> None:
        """Drop the accounts not heard from for a minute (nothing of theirs still
        counts), and the least recent beyond `most_senders`, making room for one."""
        while self._senders:
            sender = next(iter(self._senders.values()))
            if now - sender.heard < WINDOW and len(self._senders) < self.most_senders:
                return
            self._senders.popitem(last=False)
