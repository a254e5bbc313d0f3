"""(b) Reminder fan-out: check-ins due with 1,000 initiators, each in a private chat,
sent by `initiatiefbot run` (in this process) through its Telegram adapter to the
Bot API test server, which holds the bot to Telegram's limits and answers 429 with
retry_after beyond them."""

import asyncio
import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import seed
from bench.bot_api import telegram_config
from bench.databases import sqlite
from bot.app import serve
from bot.config.flows import load_flow
from bot.config.settings import TELEGRAM_TOKEN_ENV, load_config
from storage.db import Database, make_engine
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.configs import set_key

FIRST_CHAT = 7_000_000
WAIT_SECONDS = 600


@dataclass(frozen=True)
class FanOut:
    seconds: float
    per_second: float
    too_many: int
    lost: int
    duplicates: int


def measure(count: int) -> FanOut:
    with sqlite() as url, tempfile.TemporaryDirectory(prefix="bench-") as folder:
        engine = make_engine(url)
        claimed = datetime.now(UTC) - timedelta(days=11)
        seed.claimed_on_telegram(Database(engine), count, FIRST_CHAT, claimed)
        engine.dispose()
        return asyncio.run(_send(url, Path(folder), count))


async def _send(url: str, folder: Path, count: int) -> FanOut:
    async with FakeBotApi(flood_limits=True) as api:
        path = telegram_config(api, folder)
        text = set_key(path.read_text(), "[schedule]", "quiet_hours", '"00:00-00:00"')  # any hour
        path.write_text(set_key(text, "[database]", "url", json.dumps(url)), encoding="utf-8")
        config = load_config(path)
        stop = asyncio.Event()
        running = asyncio.create_task(
            serve(config, load_flow(config.intake.flow), stop, {TELEGRAM_TOKEN_ENV: api.token})
        )
        chats = range(FIRST_CHAT, FIRST_CHAT + count)
        try:
            await api.wait_until(
                lambda: all(api.count(chat) for chat in chats) or running.done(),
                WAIT_SECONDS,
            )
            await asyncio.sleep(2)  # anything sent twice arrives now
        finally:
            stop.set()
            await asyncio.wait_for(running, 60)
        sends = [
            call
            for call in api.calls
            if call.method == "sendMessage" and call.params.get("chat_id") in chats
        ]
        accepted = [call for call in sends if call.status == 200]
        delivered = sum(bool(api.count(chat)) for chat in chats)
        seconds = accepted[-1].at - accepted[0].at if len(accepted) > 1 else 0.0
        return FanOut(
            seconds=seconds,
            per_second=len(accepted) / seconds if seconds else 0.0,
            too_many=sum(call.status == 429 for call in sends),
            lost=count - delivered,
            duplicates=len(accepted) - delivered,
        )
