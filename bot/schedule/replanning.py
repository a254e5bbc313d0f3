"""Follow-ups planned again after the events that changed them, in the background.

Planning an initiative's follow-ups reads its trail and rewrites its jobs: work a
resident need not wait for. So the references are gathered here as the core hands
events back, and planned in a worker thread, one pass at a time, each pass taking all
that gathered meanwhile: in a burst (a crowd handing in at once) one pass plans what
dozens of batches changed, and no batch waits for its own. Each pass first gathers
for a moment: the follow-ups are days away, and what a wave of residents changes is
then planned after the wave rather than taking turns with it for the processor
(a stop does not wait the moment out). A pass that fails loses nothing for good:
the scheduler plans everything again at each start and every `REPLAN_EVERY`.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence

log = logging.getLogger(__name__)
# References in one pass at most: one transaction reads their trails.
MOST_PER_PASS = 500
# How long a pass gathers before it plans.
GATHER_SECONDS = 1.0


class Replanning:
    """`add` references from the event loop; `plan` gets them in a worker thread."""

    def __init__(
        self, plan: Callable[[Sequence[str]], None], gather_seconds: float = GATHER_SECONDS
    ) -> None:
        self._plan = plan
        self._gather_seconds = gather_seconds
        self._waiting: dict[str, None] = {}  # a set that keeps the order of arrival
        self._passes: asyncio.Task[None] | None = None
        self._hurry = asyncio.Event()

    def add(self, references: Iterable[str]) -> None:
        self._waiting.update(dict.fromkeys(references))
        if self._waiting and self._passes is None:
            self._passes = asyncio.create_task(self._run(), name="replanning")

    async def idle(self) -> None:
        """Plan every reference added so far, without gathering first (before a stop)."""
        self._hurry.set()
        try:
            while self._passes is not None:
                await asyncio.gather(self._passes, return_exceptions=True)
        finally:
            self._hurry.clear()

    async def _run(self) -> None:
        try:
            while self._waiting:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._hurry.wait(), self._gather_seconds)
                references = list(self._waiting)[:MOST_PER_PASS]
                for reference in references:
                    del self._waiting[reference]
                try:
                    await asyncio.to_thread(self._plan, references)
                except Exception as error:  # the events are committed: only the plan waits
                    log.warning("follow-ups not planned yet (%s)", type(error).__name__)
        finally:
            self._passes = None
