"""(a) One event at a time, as a quiet bot sees it: residents write one after another,
never two at once, through the app as the adapters feed it (a page of one event,
`App.handle_page`), with a platform that takes every message at once. A turn comes
when everything of the one before is done (its answer sent and marked, its
follow-ups planned) and a moment has passed, as on a bot that is not busy.

Per turn two figures: committed (from handing the event over until the core's
answer comes back: committed, and the adapter may confirm it to the platform) and
answered (until the last message of the bot's answer has reached the platform).
Beside them the floor, in the same rhythm: one bare transaction per turn with the
same writes through the database driver alone (`floor`).
"""

import asyncio
import time
from dataclasses import dataclass

from bench.turns import ANSWERS, SCRIPT, NullPlatform
from bot.app import App
from bot.config.flows import Flow
from bot.config.settings import Config
from bot.messages import Incoming
from storage.db import Database, make_engine

# Residents first served and left out of the figures: the first statements of a kind
# are compiled and cached, once per process.
WARM_UP = 5
ANSWER_WAIT = 60.0
# Between a turn's answer and the next turn: the bot is idle meanwhile, as between the
# messages of residents who read and type (what an idle machine does to the next
# turn's speed, the floor shows too).
PAUSE_SECONDS = 0.02


@dataclass(frozen=True)
class Quiet:
    committed: list[float]  # per turn, in seconds
    answered: list[float]

    @staticmethod
    def percentile(latencies: list[float], share: float) -> float:
        """In ms."""
        ordered = sorted(latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def _one_by_one(app: App, platform: NullPlatform, residents: int) -> Quiet:
    committed: list[float] = []
    answered: list[float] = []
    for number in range(WARM_UP + residents):
        chat = f"quiet-{number}"
        for turn, (text, answers) in enumerate(zip(SCRIPT, ANSWERS, strict=True)):
            arrived = platform.expect(chat, answers)
            started = time.perf_counter()
            [handled] = await app.handle_page(
                [Incoming("console", chat, chat, f"{chat}-{turn}", text)]
            )
            done = time.perf_counter()
            assert not isinstance(handled, Exception), handled
            reached = await asyncio.wait_for(arrived, ANSWER_WAIT)
            if number >= WARM_UP:
                committed.append(done - started)
                answered.append(reached - started)
            await app.settle()
            await asyncio.sleep(PAUSE_SECONDS)
    return Quiet(committed, answered)


async def _measure(config: Config, flow: Flow, db: Database, residents: int) -> Quiet:
    platform = NullPlatform()
    app = App(config, flow, db, {platform.channel: platform})
    await app.followups.start()
    dispatching = asyncio.create_task(app.dispatcher.run())
    try:
        return await _one_by_one(app, platform, residents)
    finally:
        await app.settle()
        app.dispatcher.close()
        await asyncio.wait({dispatching}, timeout=10)
        await app.followups.stop()


def residents_one_by_one(config: Config, flow: Flow, url: str, residents: int) -> Quiet:
    """`residents` hand in an initiative each, one turn at a time, on the migrated `url`."""
    engine = make_engine(url)
    try:
        return asyncio.run(_measure(config, flow, Database(engine), residents))
    finally:
        engine.dispose()
