"""How adapters keep going when a platform or the core is away, shared by all of them.

Only what failed and how is logged (the error's type), never message text.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.messages import CoreUnavailable, PlatformRefused

log = logging.getLogger(__name__)
T = TypeVar("T")
# An event the core refuses for another reason than its database being away is a bug
# or poison: after this many tries it is skipped, so it cannot stall every chat.
HANDLING_TRIES = 3


class Backoff:
    """Waits that double from `first` up to `most`, and start over after a success."""

    def __init__(self, first: float, most: float) -> None:
        self._first, self._most = first, most
        self._next = first

    def wait(self) -> float:
        wait = self._next
        self._next = min(wait * 2, self._most)
        return wait

    def reset(self) -> None:
        self._next = self._first


async def until_done(
    what: str,
    call: Callable[[], Awaitable[T]],
    first_wait: float,
    max_wait: float,
    asked_wait: Callable[[Exception], float | None] = lambda _error: None,
) -> T:
    """Try `call` until it succeeds, waiting longer each time (or as long as asked).

    A `PlatformRefused` is not tried again: no amount of waiting cures it.
    """
    backoff = Backoff(first_wait, max_wait)
    while True:
        try:
            return await call()
        except PlatformRefused:
            raise
        except Exception as error:
            scheduled = backoff.wait()
            pause = asked_wait(error)
            if pause is None:
                log.warning("%s failed (%s), trying again", what, type(error).__name__)
                pause = scheduled
        await asyncio.sleep(pause)


async def quietly(
    what: str,
    call: Awaitable[object],
    errors: type[Exception] | tuple[type[Exception], ...] = Exception,
) -> None:
    """A call that makes things nicer but matters little: a failure is only logged."""
    try:
        await call
    except errors as error:
        log.info("%s failed (%s)", what, type(error).__name__)


def report_end(loop: str) -> Callable[["asyncio.Task[None]"], None]:
    """For a task that runs until stopped: if it ends otherwise, say so loudly."""

    def ended(task: "asyncio.Task[None]") -> None:
        if not task.cancelled() and task.exception() is not None:
            failure = type(task.exception()).__name__
            log.critical("%s stopped (%s); restart the bot", loop, failure)

    return ended


async def handle_or_skip(call: Callable[[], Awaitable[None]], label: str, pause: float) -> None:
    """Hand one event to the core; raises only `CoreUnavailable` (deliver it again).

    Any other failure is retried a few times, then the event is skipped with an
    error naming `label` (an event id, never its text).
    """
    for attempt in range(1, HANDLING_TRIES + 1):
        try:
            await call()
            return
        except CoreUnavailable:
            raise
        except Exception as error:
            log.debug("%s failed", label, exc_info=True)
            if attempt == HANDLING_TRIES:
                log.error("%s skipped after %d tries (%s)", label, attempt, type(error).__name__)
                return
            await asyncio.sleep(pause)
