"""(a) Turns per second and latency: residents hand in initiatives concurrently
through the real app (core, storage, outbox, dispatcher) with a null platform.

Latency is from handing the `Incoming` to the app to the platform receiving the
last message of its answer (the next question). Beside it, the floor: the same
writes per turn in one bare transaction through the database driver alone.

Two ways to run the crowd. Flat out, every resident answers the moment the bot
has: that measures capacity, but its latency is the length of the queue, for with
N residents always waiting, each waits N / throughput on average (Little's law:
200 residents at 1,000 turns/s wait 200 ms, whatever the bot does). At a pace,
each resident writes a turn every `N / rate` seconds, the crowd spread evenly over
that interval, so the bot is offered `rate` turns/s: that is the latency a
resident sees while the bot carries that load.
"""

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field

from bot.app import App
from bot.config.flows import Flow
from bot.config.settings import Config
from bot.messages import Incoming, Outgoing, PageHandler
from storage.db import Database, make_engine
from tests.intake.chatting import DUTCH_INTAKE

SCRIPT = ["nieuw", *DUTCH_INTAKE, "ja"]
# How many messages answer each turn: the welcome and the first question, then the
# next question each time, and at the end the receipt. Counted from the script, so a
# question added to the intake cannot break the bench again (the group question did).
# (Where similar initiatives come first, the wait ends at that message.)
ANSWERS = [2, *[1] * (len(SCRIPT) - 1)]
# With 2,000 residents at once, a turn waits long in line; more than this is a hang.
ANSWER_WAIT = 900.0


@dataclass
class NullPlatform:
    """Takes every message at once and wakes the resident waiting for it."""

    channel: str = "console"
    chats: frozenset[str] | None = None
    received: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    waiting: dict[str, tuple[int, asyncio.Future[float]]] = field(default_factory=dict)

    async def start(self, handler: PageHandler) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def send(self, message: Outgoing) -> None:
        self.received[message.chat_id] += 1
        wanted = self.waiting.get(message.chat_id)
        if wanted is not None and self.received[message.chat_id] >= wanted[0]:
            del self.waiting[message.chat_id]
            if not wanted[1].done():
                wanted[1].set_result(time.perf_counter())

    def expect(self, chat: str, count: int) -> "asyncio.Future[float]":
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat] = (self.received[chat] + count, future)
        return future


@dataclass(frozen=True)
class Run:
    turns: int
    seconds: float
    # Per turn of SCRIPT, the latency of each resident's answer, in seconds.
    by_turn: list[list[float]]

    @property
    def per_second(self) -> float:
        return self.turns / self.seconds

    def percentile(self, share: float, turns: slice = slice(None)) -> float:
        """In ms, over the answers to `turns` (by default all of them)."""
        ordered = sorted(latency for taken in self.by_turn[turns] for latency in taken)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def _residents(
    app: App, platform: NullPlatform, count: int, label: str, rate: float | None
) -> Run:
    """`rate`: turns/s offered by the whole crowd; None: as fast as the bot answers."""
    by_turn: list[list[float]] = [[] for _ in SCRIPT]
    every = count / rate if rate else 0.0
    begin = time.perf_counter()

    async def resident(number: int) -> None:
        chat = f"{label}-{number}"
        start = begin + every * number / count
        for turn, (text, answers) in enumerate(zip(SCRIPT, ANSWERS, strict=True)):
            # The next turn is due at its time; one answered late goes at once.
            await asyncio.sleep(max(0.0, start + turn * every - time.perf_counter()))
            answered = platform.expect(chat, answers)
            started = time.perf_counter()
            await app.handle_page([Incoming("console", chat, chat, f"{chat}-{turn}", text)])
            by_turn[turn].append(await asyncio.wait_for(answered, ANSWER_WAIT) - started)

    await asyncio.gather(*(resident(number) for number in range(count)))
    return Run(count * len(SCRIPT), time.perf_counter() - begin, by_turn)


async def _measure(
    config: Config, flow: Flow, db: Database, count: int, label: str, rate: float | None
) -> Run:
    platform = NullPlatform()
    app = App(config, flow, db, {platform.channel: platform})
    await app.followups.start()
    dispatching = asyncio.create_task(app.dispatcher.run())
    try:
        return await _residents(app, platform, count, label, rate)
    finally:
        await app.settle()  # the follow-ups still being planned, as a stop would
        app.dispatcher.close()
        await asyncio.wait({dispatching}, timeout=10)
        await app.followups.stop()


def residents(
    config: Config, flow: Flow, url: str, count: int, label: str, rate: float | None = None
) -> Run:
    """`count` residents, each handing in one initiative, on the migrated `url`; at
    `rate` turns/s in all, or flat out."""
    engine = make_engine(url)
    try:
        return asyncio.run(_measure(config, flow, Database(engine), count, label, rate))
    finally:
        engine.dispose()
