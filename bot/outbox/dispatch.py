"""The one way out: outbox rows handed to the adapter of their channel.

Rows of one chat go out in the order they were written; a failed send holds
back the rest of its chat and is tried again later with exponential backoff and
jitter, until it is parked as failed after the configured number of tries. A
platform asking to wait (flood control: a chat's turn, Telegram's retry_after)
holds its chat back in memory, without a write: in a burst that is most sends,
and each write would take SQLite's lock from the residents' messages. After a
restart the platform simply says so again.
"""

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy.exc import InterfaceError, OperationalError

from bot.config.settings import OutboxSettings
from bot.messages import Adapter, SendLater, Undeliverable
from bot.outbox.rows import to_outgoing
from bot.runtime.group_commit import GroupCommit
from bot.runtime.metrics import Metrics
from storage import queries, traces
from storage.db import Database
from storage.models import OutboxMessage, table_of
from storage.queries import PendingMessage

log = logging.getLogger(__name__)
BATCH = 500
IDLE_POLL_SECONDS = 30.0
# How soon to look again after the database did not answer.
DATABASE_RETRY_SECONDS = 2.0


class Dispatcher:
    """Owns the way out: reads the pending outbox rows, hands them to the adapters in
    order per chat, and records each as sent, waiting or failed."""

    def __init__(
        self,
        db: Database,
        adapters: Mapping[str, Adapter],
        settings: OutboxSettings,
        clock: Callable[[], datetime],
        jitter: Callable[[], float] = random.random,
        metrics: Metrics | None = None,
    ) -> None:
        self._db = db
        self._metrics = metrics or Metrics()
        # Per platform: did its last send go through? (Unknown counts as yes.)
        self._reachable: dict[str, bool] = dict.fromkeys(adapters, True)
        self._adapters = adapters
        self._settings = settings
        self._clock = clock
        self._jitter = jitter
        self._woken = asyncio.Event()
        self._marks = GroupCommit(self._mark)
        # Sent, but the database did not take their marks: marked before anything else.
        self._unmarked: list[PendingMessage] = []
        self._lock = asyncio.Lock()
        self._closing = False
        # Chats a platform asked to wait, by (channel, chat id): not before then.
        self._waiting: dict[tuple[str, str], datetime] = {}

    def reachable(self) -> dict[str, bool]:
        """Each platform, and whether its last send went through."""
        return dict(self._reachable)

    def wake(self) -> None:
        """Ask for a pass soon: new rows were committed."""
        self._woken.set()

    def close(self) -> None:
        """Let `run` return once the message in hand is sent and recorded as sent.

        Cancelling instead could stop between the platform's "ok" and our commit,
        and the next start would send that message a second time.
        """
        self._closing = True
        self._woken.set()

    async def run(self) -> None:
        """Send until closed, woken by new rows or by the next retry falling due."""
        while not self._closing:
            try:
                await self.dispatch_due()
                if self._closing:
                    return
                # Wait time first: a wait() coroutine made before a cancellation is never
                # awaited. Woken meanwhile, there is no wait to work out.
                timeout = 0.0 if self._woken.is_set() else await self._seconds_to_next_try()
            except (OperationalError, InterfaceError) as error:
                # The database is away: the rows wait in it, and so does this loop.
                log.warning("outbox: the database did not answer (%s)", type(error).__name__)
                timeout = DATABASE_RETRY_SECONDS
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), timeout)
            self._woken.clear()

    async def _seconds_to_next_try(self) -> float:
        """Until the earliest retry or wait falls due, at most IDLE_POLL_SECONDS."""
        stored = await asyncio.to_thread(self._next_try)
        due = min(filter(None, (stored, *self._waiting.values())), default=None)
        if due is None:
            return IDLE_POLL_SECONDS
        return min(IDLE_POLL_SECONDS, max(0.0, (due - self._clock()).total_seconds()))

    async def dispatch_due(self) -> int:
        """One pass over the pending rows; returns how many were sent.

        A sent row is marked sent in the background, together with the rows sent
        meanwhile, while the next one goes out: one commit for many instead of one
        wait for the database per message. The pass ends when every mark is in.
        """
        async with self._lock:
            if self._unmarked:  # sent before the database went away: never send them again
                await asyncio.to_thread(self._mark, self._unmarked)
                self._unmarked = []
            rows = await asyncio.to_thread(self._pending)
            now = self._clock()
            self._waiting = {chat: until for chat, until in self._waiting.items() if until > now}
            held_back: set[tuple[str, str]] = set(self._waiting)
            marking: dict[asyncio.Task[None], PendingMessage] = {}
            for row in rows:
                if self._closing or any(_failed(task) for task in marking):
                    break  # closing, or the database stopped taking marks
                chat = (row.channel, row.chat_id)
                if chat in held_back:
                    continue
                if row.next_try_at > now:
                    held_back.add(chat)
                    continue
                try:
                    await self._adapters[row.channel].send(
                        to_outgoing(row.channel, row.chat_id, row.payload, row.id)
                    )
                except SendLater as wait:
                    # Flood control: the same message later, this chat held back till then.
                    held_back.add(chat)
                    if wait.away:
                        self._reachable[row.channel] = False
                        self._metrics.send_failures.labels(row.channel).inc()
                    self._waiting[chat] = self._clock() + timedelta(seconds=wait.retry_after)
                    continue
                except Undeliverable as error:
                    held_back.add(chat)
                    await asyncio.to_thread(self._failed, row, error, True)
                    continue
                except Exception as error:  # any failure of a platform: keep the row
                    held_back.add(chat)
                    self._reachable[row.channel] = False
                    await asyncio.to_thread(self._failed, row, error)
                    continue
                self._reachable[row.channel] = True
                self._metrics.messages_out.labels(row.channel).inc()
                marking[asyncio.create_task(self._marks.handle(row))] = row
            if marking:
                await asyncio.wait(marking)
            self._unmarked = [row for task, row in marking.items() if _failed(task)]
            failure = next((task.exception() for task in marking if _failed(task)), None)
            if failure is not None:
                raise failure  # the database is away; the marks go in when it is back
            return len(marking)

    def _pending(self) -> list[PendingMessage]:
        with self._db.relaxed_transaction() as session:
            return list(queries.pending_messages(session, self._reach(), BATCH))

    def _next_try(self) -> datetime | None:
        with self._db.relaxed_transaction() as session:
            return queries.next_try(session, self._reach())

    def _reach(self) -> dict[str, frozenset[str] | None]:
        return {channel: adapter.chats for channel, adapter in self._adapters.items()}

    def _mark(self, rows: Sequence[PendingMessage]) -> list[None]:
        """Record these rows as sent, in one transaction."""
        with self._db.transaction() as session:
            now = self._clock()
            forget = [row.id for row in rows if row.payload.get("forget_once_sent")]
            queries.delete_messages(session, forget)  # an erased resident's goodbye
            if forget:
                traces.wipe_after_commit(session, [table_of(OutboxMessage).name])
            queries.mark_sent(session, [row.id for row in rows if row.id not in forget], now)
        return [None] * len(rows)

    def _failed(self, row: PendingMessage, error: Exception, last_try: bool = False) -> None:
        self._metrics.send_failures.labels(row.channel).inc()
        attempts = row.attempts + 1
        retry_at = None
        if attempts < self._settings.max_attempts and not last_try:
            retry_at = self._clock() + self.backoff(attempts)
        log.warning(
            "outbox row %d on %s failed (try %d of %d): %s",
            row.id,
            row.channel,
            attempts,
            self._settings.max_attempts,
            type(error).__name__,
        )
        with self._db.transaction() as session:
            if retry_at is None and row.payload.get("forget_once_sent"):
                # Undeliverable, and the resident asked to be forgotten: keep nothing.
                queries.delete_messages(session, [row.id])
                traces.wipe_after_commit(session, [table_of(OutboxMessage).name])
            else:
                queries.mark_attempt_failed(session, row.id, repr(error), retry_at)

    def backoff(self, attempts: int) -> timedelta:
        """Doubling waits, capped, each shortened by up to half at random."""
        first, cap = self._settings.first_retry_seconds, self._settings.max_retry_seconds
        seconds = min(cap, first * 2 ** (attempts - 1))
        return timedelta(seconds=seconds * (1 - self._jitter() / 2))


def _failed(task: "asyncio.Task[None]") -> bool:
    return task.done() and not task.cancelled() and task.exception() is not None
