"""How adapters keep going when a platform or the core is away, shared by all of them.

Only what failed and how is logged (the error's type, or a cause the adapter words
without secrets), never message text.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from bot.messages import CoreUnavailable, Handled, Incoming, PageHandler, PlatformRefused

log = logging.getLogger(__name__)
T = TypeVar("T")
# An event the core refuses for another reason than its database being away is a bug
# or poison: after this many tries it is skipped, so it cannot stall every chat.
HANDLING_TRIES = 3
# At most this much of an error's own text goes into a log line.
CAUSE_CHARS = 200
# How a secret (a token) reads where an error's text held it.
SECRET_SHOWN = "<token>"


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
    describe: Callable[[Exception], str] = lambda error: type(error).__name__,
) -> T:
    """Try `call` until it succeeds, waiting longer each time (or as long as asked).

    Each failure is one warning, with what `describe` says of it (by default its type:
    an error's text may hold a URL with a secret or a resident's words).
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
                log.warning("%s failed (%s), trying again", what, describe(error))
                pause = scheduled
        await asyncio.sleep(pause)


def worded(error: Exception, secrets: Sequence[str] = ()) -> str:
    """An error in one short line for the log, each of `secrets` in it blanked out; for
    errors of a platform's client, whose texts hold no message text (a URL at most)."""
    text = " ".join(str(error).split())[:CAUSE_CHARS]
    for secret in filter(None, secrets):
        text = text.replace(secret, SECRET_SHOWN)
    return text or type(error).__name__


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


async def hand_over(
    handler: PageHandler, page: Sequence[Incoming], labels: Sequence[str], pause: float
) -> list[Handled | None]:
    """Hand a page of events to the core; per event what became of it, or None for one
    skipped. Raises only `CoreUnavailable`: nothing of the page may be confirmed, and
    the platform delivers it again (what did commit is then a repeat, ignored).

    An event whose handling failed otherwise (a bug it trips, poison) is handed over
    again on its own a few times, then skipped with an error naming its `label` (an
    event id, never its text), so that it cannot stall every chat.
    """
    results: list[Handled | Exception] = list(await handler(page)) if page else []
    for _ in range(1, HANDLING_TRIES):
        _raise_if_unavailable(results)
        failures = {n: result for n, result in enumerate(results) if isinstance(result, Exception)}
        if not failures:
            break
        for index, failure in failures.items():
            log.debug("%s failed", labels[index], exc_info=failure)
        failed = list(failures)
        await asyncio.sleep(pause)
        again = await handler([page[index] for index in failed])
        for index, result in zip(failed, again, strict=True):
            results[index] = result
    _raise_if_unavailable(results)
    handled: list[Handled | None] = []
    for label, result in zip(labels, results, strict=True):
        if isinstance(result, Exception):
            kind = type(result).__name__
            log.error("%s skipped after %d tries (%s)", label, HANDLING_TRIES, kind)
            handled.append(None)
        else:
            handled.append(result)
    return handled


def _raise_if_unavailable(results: Sequence[Handled | Exception]) -> None:
    unavailable = next((r for r in results if isinstance(r, CoreUnavailable)), None)
    if unavailable is not None:
        raise unavailable
