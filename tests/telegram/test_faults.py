"""Telegram's limits and outages, and the bot's own restarts: nothing lost, nothing twice."""

import asyncio
import itertools
import time
from pathlib import Path

from sqlalchemy import select

from bot.app import open_database
from bot.config import load_config
from storage.models import OutboxMessage
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.harness import RESIDENT, running_bot, see, telegram_config, texts


def test_retry_after_is_honoured_and_the_messages_come_later_in_order(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):
                api.fail_next("sendMessage", status=429, retry_after=2)
                started = time.monotonic()
                api.user_says(RESIDENT, "/start")
                await see(api, RESIDENT, "Ga je daarmee akkoord?", within=15)
                waited = time.monotonic() - started
                refused = [c for c in api.calls if c.method == "sendMessage" and c.status == 429]
                assert len(refused) == 1
                assert waited >= 1.5  # not sent again before Telegram allowed it
                shown = texts(api, RESIDENT)
                assert shown[0].startswith("Welkom")
                assert "akkoord" in shown[1]
            db = open_database(load_config(path))
            with db.transaction() as session:
                rows = session.scalars(select(OutboxMessage)).all()
                assert {row.state for row in rows} == {"sent"}
                assert all(row.attempts == 0 for row in rows)  # a wait is not a failure
            db.engine.dispose()

    asyncio.run(scenario())


def test_an_outage_of_several_seconds_loses_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            api.user_says(RESIDENT, "/start")
            await see(api, RESIDENT, "Ga je daarmee akkoord?")
            api.outage(3.0)
            api.user_says(RESIDENT, "ja")
            api.user_says(RESIDENT, "Bankje bij de haven")
            await asyncio.sleep(1.0)
            assert "Wat is je idee?" not in "".join(texts(api, RESIDENT))
            await see(api, RESIDENT, "Vertel wat meer", within=30)
            shown = texts(api, RESIDENT)
            assert sum("Wat is je idee?" in text for text in shown) == 1
            assert shown.index(next(t for t in shown if "Wat is je idee?" in t)) < shown.index(
                next(t for t in shown if "Vertel wat meer" in t)
            )

    asyncio.run(scenario())


def test_a_restart_with_pending_updates_handles_each_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):
                first = api.user_says(RESIDENT, "/start")
                await see(api, RESIDENT, "Ga je daarmee akkoord?")
            # While the bot is down: Telegram redelivers an update whose confirmation was
            # lost, and the resident goes on writing.
            repeat = next(u for u in api.handed_out() if u["update_id"] == first)
            api.queue_raw_update(repeat)
            api.user_says(RESIDENT, "ja")
            api.user_says(RESIDENT, "Bankje bij de haven")
            async with running_bot(path, api):
                await see(api, RESIDENT, "Vertel wat meer", within=15)
                await asyncio.sleep(0.5)
            shown = texts(api, RESIDENT)
            assert sum("Ga je daarmee akkoord?" in text for text in shown) == 1
            assert sum("Wat is je idee?" in text for text in shown) == 1
            assert sum("Vertel wat meer" in text for text in shown) == 1
            assert not api.pending_updates()

    asyncio.run(scenario())


def test_one_chat_gets_at_most_its_rate(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, messages_per_chat_per_second="2.0")
            async with running_bot(path, api):
                api.user_says(RESIDENT, "/start")  # two messages: welcome and consent
                api.user_says(RESIDENT, "help")  # two more: help and the question again
                await api.wait_until(lambda: len(api.sent(RESIDENT)) >= 4, timeout=15)
                times = [c.at for c in api.calls if c.method == "sendMessage" and c.status == 200]
                gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
                assert min(gaps) >= 0.4  # 2 a second, with a little slack for timers

    asyncio.run(scenario())
