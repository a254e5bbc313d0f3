"""(b) A burst through the real Telegram adapter: `initiatiefbot run`, in a process of its
own, drains residents' messages that wait at the Bot API test server (in this
process, as Telegram is elsewhere) as getUpdates pages, on SQLite.

Every resident's turns are waiting at once, interleaved as residents typing side by
side would send them: the first turn of each, then the second of each, and so on (a
backlog after an outage, or a poster campaign). The figures are read off the calls
the server received, as Telegram would see them:

- turns/s: updates confirmed, from the getUpdates call that handed out the first to
  the one whose offset confirmed the last;
- latency per update: from the getUpdates call that handed it out to the one that
  confirmed it, that is until it was committed and the platform may forget it.

Beside them two floors of the same run: the same backlog drained by a bare poller
(python-telegram-bot's get_updates alone, no core), and one bare transaction per turn
through the database driver (`floor`).
"""

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

from bench import bot_api
from bench.turns import SCRIPT
from bot.config.settings import DATABASE_URL_ENV, TELEGRAM_TOKEN_ENV
from tests.adapters.telegram.fake_bot_api import FakeBotApi

FIRST_RESIDENT = 5_000_000
DRAIN_SECONDS = 600.0
PAGE = 100  # what getUpdates hands out at most


@dataclass(frozen=True)
class Burst:
    updates: int
    seconds: float
    latencies: list[float]  # per update, in seconds

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds

    def percentile(self, share: float) -> float:
        """In ms."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def measure(residents: int, database_url: str, program: Sequence[str] | None = None) -> Burst:
    """`residents` each with every turn of SCRIPT waiting, drained by `program` (by
    default `python -m bot`, the installed program) on the migrated `database_url`."""
    command = list(program or [sys.executable, "-m", "bot"])
    with bot_api.serving() as served, tempfile.TemporaryDirectory(prefix="bench-") as folder:
        api = served.api
        last = _queue(served, residents)
        config = bot_api.telegram_config(api, Path(folder))
        env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
        env |= {DATABASE_URL_ENV: database_url, TELEGRAM_TOKEN_ENV: api.token}
        process = subprocess.Popen(
            [*command, "--log-level", "WARNING", "run", "--config", str(config)], env=env
        )
        try:
            _wait(lambda: api.confirmed_offset > last or process.poll() is not None)
            if process.poll() is not None:
                raise RuntimeError(f"the bot ended with {process.returncode}")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(60)
        return _read_off(api, last)


def bare_poller(residents: int) -> Burst:
    """The floor of the platform's side: the same backlog, drained by get_updates alone."""
    with bot_api.serving() as served:
        api = served.api
        last = _queue(served, residents)

        async def drain() -> None:
            bot = Bot(api.token, base_url=api.base_url, get_updates_request=HTTPXRequest())
            async with bot:
                offset = 0
                while offset <= last:
                    updates = await bot.get_updates(offset=offset, timeout=1)
                    if updates:
                        offset = updates[-1].update_id + 1
                await bot.get_updates(offset=offset, timeout=0)  # confirms the last page

        asyncio.run(drain())
        return _read_off(api, last)


def _queue(served: bot_api.Served, residents: int) -> int:
    """Every resident's turns, waiting at the server; the last update's id."""

    async def typed() -> int:
        last = 0
        for text in SCRIPT:
            for number in range(residents):
                last = served.api.user_says(FIRST_RESIDENT + number, text)
        return last

    return served.run(typed())


def _wait(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DRAIN_SECONDS
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the backlog was not drained in {DRAIN_SECONDS:g} s")
        time.sleep(0.02)


def _read_off(api: FakeBotApi, last: int) -> Burst:
    """Per update, the getUpdates call that handed it out and the one that confirmed it.

    Every update waits from the start, so a call hands out the PAGE from its offset on.
    """
    # Every call counts, answered or not: the server confirms an offset when it is asked
    # (the last call is a long poll still waiting when the bot is stopped).
    polls = [
        (call.at, int(call.params.get("offset") or 0))
        for call in api.calls
        if call.method == "getUpdates"
    ]
    first = next(n for n, (_, offset) in enumerate(polls) if offset <= 1) if polls else 0
    handed: dict[int, float] = {}
    confirmed: dict[int, float] = {}
    for at, offset in polls[first:]:
        for update in range(max(offset, 1), min(max(offset, 1) + PAGE, last + 1)):
            handed.setdefault(update, at)
        for update in range(1, min(offset, last + 1)):
            confirmed.setdefault(update, at)
    latencies = [confirmed[update] - handed[update] for update in range(1, last + 1)]
    seconds = confirmed[last] - handed[1]
    return Burst(last, seconds, latencies)
