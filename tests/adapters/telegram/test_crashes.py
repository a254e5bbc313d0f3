"""`initiatiefbot run` killed with SIGKILL at random moments while 200 residents hand
in initiatives over Telegram, on SQLite and PostgreSQL. Afterwards every intake
exists once, every answer and team notification arrived, messages sent twice are
counted (only the window between Telegram accepting a message and its outbox row
being marked may cause them), and every conversation goes on."""

import asyncio
import os
import random
import signal
import sys
from pathlib import Path

from sqlalchemy import func, select

from bot.app import open_database
from bot.config.settings import TELEGRAM_TOKEN_ENV, load_config
from storage.models import Initiative
from tests.adapters.telegram.crowd import (
    EVERY_STEP_IN_ORDER,
    EXPECTED,
    RECEIPT,
    resident,
    steps_shown,
    without_repeats,
)
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import TEAM_WEST, telegram_config, texts
from tests.configs import set_key, without_return_days, without_similar

PROGRAM = str(Path(sys.executable).parent / "initiatiefbot")
RESIDENTS = 200
KILLS = 4
FIRST_USER = 10_000
ANSWER_WAIT = 120.0


class Bot:
    """`initiatiefbot run` as a process that can be killed and started again."""

    def __init__(self, config: Path, token: str, cwd: Path) -> None:
        self._args = [PROGRAM, "run", "--config", str(config)]
        self._env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
        self._env[TELEGRAM_TOKEN_ENV] = token
        self._cwd = cwd
        self.process: asyncio.subprocess.Process | None = None
        self.kills = 0

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            *self._args, env=self._env, cwd=self._cwd, stderr=asyncio.subprocess.DEVNULL
        )

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        self.kills += 1

    async def stop(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(self.process.wait(), 60) == 0


async def crash_now_and_then(bot: Bot, done: asyncio.Future[None], chance: random.Random) -> None:
    while bot.kills < KILLS and not done.done():
        await asyncio.sleep(chance.uniform(2.0, 15.0))  # spread over the burst
        if done.done():
            return
        await bot.kill()
        await asyncio.sleep(chance.uniform(0.0, 1.0))  # down a while: updates pile up
        await bot.start()


def run_and_crash(tmp_path: Path, database_url: str, seed: int) -> tuple[Path, dict[str, int], str]:
    chance = random.Random(seed)
    users = range(FIRST_USER, FIRST_USER + RESIDENTS)

    async def scenario() -> tuple[Path, dict[str, int], str]:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, database_url)
            # Two hundred residents at once are no flood to the bot. No return day and no
            # similar initiatives: what each resident is sent is counted, and one day for
            # all would invite them too, and each of them hands in the same idea.
            text = without_similar(without_return_days(path.read_text()))
            path.write_text(set_key(text, "[limits]", "messages_per_minute", "600"))
            bot = Bot(path, api.token, tmp_path)
            await bot.start()
            everyone = asyncio.ensure_future(
                asyncio.gather(*(resident(api, user, ANSWER_WAIT) for user in users))
            )
            crashing = asyncio.create_task(crash_now_and_then(bot, everyone, chance))
            try:
                await asyncio.wait_for(asyncio.shield(everyone), 600)
                await crashing
                # Every conversation goes on after it all.
                for user in users:
                    api.user_says(user, "mijn")
                await api.wait_until(
                    lambda: all("Je initiatieven" in texts(api, u)[-1] for u in users), 120
                )
            finally:
                everyone.cancel()
                await bot.stop()
            seen, team_chat = _seen(api, users)
            seen["kills"] = bot.kills
            return path, seen, team_chat

    return asyncio.run(scenario())


def _seen(api: FakeBotApi, users: range) -> tuple[dict[str, int], str]:
    """What the residents and the team saw: counts, and the team chat as one text."""
    receipts = {text for user in users for text in texts(api, user) if RECEIPT in text}
    per_resident = sum(len(texts(api, user)) for user in users)
    wanted = RESIDENTS * (EXPECTED[-1] + 1)  # and the answer to "mijn"
    team = texts(api, TEAM_WEST)
    out_of_order = sum(
        without_repeats(steps_shown(api, user))[0] != EVERY_STEP_IN_ORDER for user in users
    )
    counts = {
        "out_of_order": out_of_order,
        "receipts": len(receipts),
        "resident_messages_twice": per_resident - wanted,
        "team_notifications": len(team),
        "team_notified_twice": len(team) - len(set(team)),
    }
    return counts, "\n".join(team)


def references(path: Path) -> list[str]:
    db = open_database(load_config(path))
    try:
        with db.transaction() as session:
            return list(session.scalars(select(Initiative.reference)))
    finally:
        db.engine.dispose()


def duplicates_per_reference(path: Path) -> int:
    db = open_database(load_config(path))
    try:
        with db.transaction() as session:
            rows = session.execute(
                select(Initiative.sender_id, func.count()).group_by(Initiative.sender_id)
            )
            return sum(count - 1 for _, count in rows)
    finally:
        db.engine.dispose()


def test_sigkill_at_random_moments_loses_nothing_and_doubles_little(
    tmp_path: Path, database_url: str
) -> None:
    path, seen, team_chat = run_and_crash(tmp_path, database_url, seed=8)

    stored = references(path)
    assert len(stored) == RESIDENTS  # every confirmed intake, once
    assert duplicates_per_reference(path) == 0
    assert seen["kills"] == KILLS
    assert seen["receipts"] == RESIDENTS  # each resident got their own reference
    assert seen["out_of_order"] == 0  # every chat shows every step, in order
    assert all(reference in team_chat for reference in stored)  # and the team heard of it
    assert seen["team_notifications"] - seen["team_notified_twice"] == RESIDENTS
    # Sent twice: only a message Telegram took just before a kill, before its row was
    # marked; one at most per kill (the outbox sends one message at a time).
    twice = seen["resident_messages_twice"] + seen["team_notified_twice"]
    print(f"\nkills: {seen['kills']}, messages sent twice: {twice}")
    assert 0 <= twice <= KILLS
    assert seen["resident_messages_twice"] >= 0
