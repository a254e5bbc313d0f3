"""A stop that is obeyed within seconds, whatever hangs.

A database that does not answer, a platform that does not let go of its
connection, a follow-up stuck in its job: none may keep the program running after
Ctrl-C or SIGTERM. So each step of a stop gets a few seconds; one that has not
finished by then is cancelled and left behind, with a warning that names it, and
the stop goes on with the next. What is left behind may still hold a thread (a
database call cannot be cancelled), which the program must then not wait for.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Stopping:
    """The steps of one stop, in order; `left_behind` names those that did not finish."""

    def __init__(self) -> None:
        self.left_behind: list[str] = []

    async def step(self, name: str, seconds: float, work: Callable[[], Awaitable[object]]) -> None:
        """Run `work` for at most `seconds`. Its failure is logged, not raised: the
        steps after it must still be taken."""
        task = asyncio.ensure_future(work())
        await asyncio.wait({task}, timeout=seconds)
        if not task.done():
            self.leave(name, task)
            log.warning("stopping: %s did not finish within %g s; left behind", name, seconds)
        elif not task.cancelled() and (error := task.exception()) is not None:
            log.warning("stopping: %s failed (%s)", name, type(error).__name__)

    def leave(self, name: str, task: "asyncio.Future[T]") -> None:
        """Cancel `task` and go on without it: awaiting its end could take as long as
        what it waits for."""
        task.cancel()
        task.add_done_callback(_ended_quietly)
        self.left_behind.append(name)


async def finished_before(task: "asyncio.Future[T]", stop: asyncio.Event) -> bool:
    """Wait for `task` unless `stop` is set first; False then, and the task still runs
    (cancel or `leave` it). Cancelled while waiting, the task is cancelled too."""
    stopped = asyncio.ensure_future(stop.wait())
    either: set[asyncio.Future[Any]] = {task, stopped}
    try:
        await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        task.cancel()
        raise
    finally:
        stopped.cancel()
    return task.done()


def _ended_quietly(task: "asyncio.Future[Any]") -> None:
    """What a task left behind ends with is of no interest any more (and would
    otherwise be logged as never retrieved)."""
    if not task.cancelled():
        task.exception()
