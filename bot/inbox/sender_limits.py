"""How much one sender may send: a sliding minute per account, kept in memory.

Checked before any database work, so a flood costs next to nothing and does not
hold up anyone else. The first message over the limit gets one friendly answer;
the rest of the flood is ignored until the minute has passed.
"""

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

WINDOW = timedelta(minutes=1)


class Verdict(Enum):
    ALLOWED = "allowed"
    WARN = "warn"  # over the limit: say so, once
    IGNORE = "ignore"  # over the limit and told already


@dataclass
class SenderLimits:
    per_minute: int
    _seen: dict[str, deque[datetime]] = field(default_factory=dict)
    _warned: dict[str, datetime] = field(default_factory=dict)

    def check(self, account: str, now: datetime) -> Verdict:
        times = self._seen.setdefault(account, deque())
        while times and now - times[0] >= WINDOW:
            times.popleft()
        if len(times) < self.per_minute:
            times.append(now)
            self._warned.pop(account, None)
            return Verdict.ALLOWED
        warned = self._warned.get(account)
        if warned is not None and now - warned < WINDOW:
            return Verdict.IGNORE
        self._warned[account] = now
        return Verdict.WARN
