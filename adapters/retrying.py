"""How adapters keep going when a platform or the core is away, shared by all of them.

Only what failed and how is logged (the error's type), never message text.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.messages import CoreUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")
# An event the core refuses for another reason than its database being away is a bug
# or poison: after this many tries it is skipped, so it cannot stall every chat.
HANDLING_TRIES = 3


async def until_done(
    what: str,
    call: Callable[[], Awaitable[T]],
    first_wait: float,
    max_wait: float,
    asked_wait: Callable[[Exception], float | None] = lambda _error: None,
) -> T:
    """Try `call` until it succeeds, waiting longer each time (or as long as asked)."""
    wait = first_wait
    while True:
        try:
            return await call()
        except Exception as error:
            pause = asked_wait(error)
            if pause is None:
                log.warning("%s failed (%s), trying again", what, type(error).__name__)
                pause = wait
        await asyncio.sleep(pause)
        wait = min(wait * 2, max_wait)


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
