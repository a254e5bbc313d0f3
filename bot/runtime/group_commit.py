"""Events wait in line for the core, and whatever waits goes in together.

Events go into lanes by a key (a conversation), and each lane runs in a worker
thread one batch at a time, so that a resident's messages are handled in the
order they arrived and never overtake each other. A batch is handed over in one
hop to the thread and, when all goes well, written in one transaction: one
commit for many events ("group commit"), where one commit each would make the
database's flush to disk, or SQLite's write lock, the limit. Each event still
commits all or nothing, and no adapter confirms an event before the commit that
holds it. More than one lane lets a server database work on one batch while the
next one's statements travel.
"""

import asyncio
import logging
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
Event = TypeVar("Event")
Result = TypeVar("Result")
# Events in one transaction at most: a longer one would hold up the rest (the
# dispatcher, the scheduler) for too long.
MOST_PER_BATCH = 100


@dataclass
class _Lane(Generic[Event, Result]):
    waiting: list[tuple[Event, "asyncio.Future[Result]"]] = field(default_factory=list)
    draining: "asyncio.Task[None] | None" = None


class GroupCommit(Generic[Event, Result]):
    """`handle` one event through `run_batch`, which gets the events waiting together
    in its lane and returns, per event in order, its result or the exception it raised.

    `lane_of` names an event's key; events with the same key share a lane. `then`
    gets the results of each batch once their waiters have them, in the event loop,
    before the lane's next batch: quick bookkeeping only, such as handing on work
    that need not delay them.
    """

    def __init__(
        self,
        run_batch: Callable[[Sequence[Event]], Sequence[Result | Exception]],
        most: int = MOST_PER_BATCH,
        lanes: int = 1,
        lane_of: Callable[[Event], str] = lambda _: "",
        then: Callable[[Sequence[Result | Exception]], None] | None = None,
    ) -> None:
        self._run_batch = run_batch
        self._then = then
        self._most = most
        self._lane_of = lane_of
        self._lanes: list[_Lane[Event, Result]] = [_Lane() for _ in range(lanes)]

    async def handle(self, event: Event) -> Result:
        return await self.submit(event)

    def submit(self, event: Event) -> "asyncio.Future[Result]":
        """Put `event` in its lane now, behind what its lane holds; its result comes in the
        future. Events submitted one after another are handled in that order per lane."""
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        # crc32, not hash(): the same key takes the same lane in every run.
        lane = self._lanes[zlib.crc32(self._lane_of(event).encode()) % len(self._lanes)]
        lane.waiting.append((event, future))
        if lane.draining is None:
            lane.draining = asyncio.create_task(self._drain(lane), name="core")
        return future

    async def idle(self) -> None:
        """Wait until every lane has handled what it was given (before a stop)."""
        draining = [lane.draining for lane in self._lanes if lane.draining is not None]
        await asyncio.gather(*draining, return_exceptions=True)

    async def _drain(self, lane: _Lane[Event, Result]) -> None:
        try:
            while lane.waiting:
                batch = lane.waiting[: self._most]
                del lane.waiting[: self._most]
                try:
                    results = await asyncio.to_thread(self._run_batch, [e for e, _ in batch])
                except Exception as error:  # the batch broke as a whole: so did each event
                    for _, future in batch:
                        _settle(future, error)
                    continue
                except BaseException as error:  # cancelled: nobody waits for this batch
                    for _, future in batch:
                        _settle(future, error)
                    raise
                for (_, future), result in zip(batch, results, strict=True):
                    _settle(future, result)
                if self._then is not None:
                    try:
                        self._then(results)
                    except Exception as error:  # the batch itself is done: keep going
                        log.warning("after a batch: %s", type(error).__name__)
        except BaseException as error:
            # Cancelled with the event loop, or worse: nobody may wait on forever.
            for _, future in lane.waiting:
                _settle(future, error)
            lane.waiting.clear()
            raise
        finally:
            lane.draining = None


def _settle(future: "asyncio.Future[Result]", outcome: "Result | BaseException") -> None:
    if future.done():  # its waiter gave up; the event was still handled
        return
    if isinstance(outcome, asyncio.CancelledError):
        future.cancel()
    elif isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
