"""Events wait in line for the core, and whatever waits goes in together.

The core runs in a worker thread, one batch at a time, so events are handled in
the order they arrived and a resident's messages never overtake each other. A
batch is handed over in one hop to the thread and, when all goes well, written
in one transaction: one commit for many events ("group commit"), where one
commit each would make the database's flush to disk, or SQLite's write lock, the
limit. Each event still commits all or nothing, and no adapter confirms an event
before the commit that holds it.
"""

import asyncio
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Event = TypeVar("Event")
Result = TypeVar("Result")
# Events in one transaction at most: a longer one would hold up the rest (the
# dispatcher, the scheduler) for too long.
MOST_PER_BATCH = 100


class GroupCommit(Generic[Event, Result]):
    """`handle` one event through `run_batch`, which gets the events waiting together
    and returns, per event in order, its result or the exception it raised."""

    def __init__(
        self,
        run_batch: Callable[[Sequence[Event]], Sequence[Result | Exception]],
        most: int = MOST_PER_BATCH,
    ) -> None:
        self._run_batch = run_batch
        self._most = most
        self._waiting: list[tuple[Event, asyncio.Future[Result]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def handle(self, event: Event) -> Result:
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((event, future))
        if self._draining is None:
            self._draining = asyncio.create_task(self._drain(), name="core")
        return await future

    async def _drain(self) -> None:
        try:
            while self._waiting:
                batch = self._waiting[: self._most]
                del self._waiting[: self._most]
                try:
                    results = await asyncio.to_thread(self._run_batch, [e for e, _ in batch])
                except BaseException as error:  # the hop itself failed: so did each event
                    for _, future in batch:
                        _settle(future, error)
                    raise
                for (_, future), result in zip(batch, results, strict=True):
                    _settle(future, result)
        except BaseException as error:
            # Cancelled with the event loop, or worse: nobody may wait on forever.
            for _, future in self._waiting:
                _settle(future, error)
            self._waiting.clear()
            raise
        finally:
            self._draining = None


def _settle(future: "asyncio.Future[Result]", outcome: "Result | BaseException") -> None:
    if future.done():  # its waiter gave up; the event was still handled
        return
    if isinstance(outcome, asyncio.CancelledError):
        future.cancel()
    elif isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
