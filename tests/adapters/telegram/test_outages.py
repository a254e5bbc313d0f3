"""Outages mid-burst: the Bot API answering 502 for 20 s, and the bot's own PostgreSQL
stopped for 10 s. The bot keeps running; afterwards every resident's intake is
there once, nothing was lost, and each chat shows its messages in order."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy import func, select

from bot.app import open_database
from bot.config.settings import load_config
from storage.models import Initiative
from tests.adapters.telegram.crowd import (
    EVERY_STEP_IN_ORDER,
    resident,
    steps_shown,
    without_repeats,
)
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import running_bot, telegram_config, texts
from tests.configs import set_key, without_similar
from tests.pg_cluster import own_cluster

RESIDENTS = 30
FIRST_USER = 20_000
ANSWER_WAIT = 120.0
SLOW = "Het is even druk"
OUTAGE_SECONDS = 10.0
# Writes only while the database is away.
LATE_USER = FIRST_USER + RESIDENTS

Outage = Callable[[FakeBotApi], Awaitable[None]]


def burst_through(tmp_path: Path, database_url: str, outage: Outage) -> FakeBotApi:
    """Residents hand in initiatives while `outage` happens once they are under way."""
    users = range(FIRST_USER, FIRST_USER + RESIDENTS)

    async def scenario() -> FakeBotApi:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, database_url)
            # Each resident hands in the same idea: no similar ones, to count the rest.
            text = without_similar(path.read_text())
            path.write_text(set_key(text, "[limits]", "messages_per_minute", "600"))
            async with running_bot(path, api):
                everyone = asyncio.gather(*(resident(api, user, ANSWER_WAIT) for user in users))
                await api.wait_until(lambda: sum(api.count(u) for u in users) >= 3 * RESIDENTS)
                await outage(api)
                await asyncio.wait_for(everyone, 300)
            return api

    api = asyncio.run(scenario())
    twice = 0
    for user in users:
        steps, repeated = without_repeats(steps_shown(api, user))
        assert steps == EVERY_STEP_IN_ORDER, texts(api, user)  # none lost, none out of order
        twice += repeated
    # A message the platform took just as the outage began may go out once more after
    # it (its row could not be marked sent): the outbox sends one message at a time.
    print(f"\nmessages sent twice: {twice}")
    assert twice <= 1
    return api


def stored_once(tmp_path: Path) -> None:
    """Each resident's initiative is in the database the config names, once."""
    db = open_database(load_config(tmp_path / "config.toml"))
    try:
        with db.transaction() as session:
            counts = dict(
                session.execute(
                    select(Initiative.sender_id, func.count()).group_by(Initiative.sender_id)
                ).all()
            )
    finally:
        db.engine.dispose()
    assert len(counts) == RESIDENTS
    assert set(counts.values()) == {1}


def test_twenty_seconds_of_502_from_the_bot_api_lose_nothing(
    tmp_path: Path, database_url: str
) -> None:
    async def bad_gateway(api: FakeBotApi) -> None:
        api.outage(20)
        await asyncio.sleep(20)

    burst_through(tmp_path, database_url, bad_gateway)
    stored_once(tmp_path)


def test_ten_seconds_without_the_database_lose_nothing_and_residents_hear_why(
    tmp_path: Path,
) -> None:
    with own_cluster() as cluster:

        async def database_down(api: FakeBotApi) -> None:
            began = time.monotonic()
            await asyncio.to_thread(cluster.stop)
            # The crowd may all be waiting for answers the outbox cannot send now: one
            # more resident writes meanwhile, so that someone has to hear it is slow.
            api.user_says(LATE_USER, "hallo")
            await asyncio.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - began)))
            await asyncio.to_thread(cluster.start)
            # Their message was kept, and is answered now.
            await api.wait_until(
                lambda: any(SLOW not in text for text in texts(api, LATE_USER)), ANSWER_WAIT
            )

        api = burst_through(tmp_path, cluster.url, database_down)
        stored_once(tmp_path)
    slow_notes = {
        user: sum(SLOW in text for text in texts(api, user))
        for user in range(FIRST_USER, LATE_USER + 1)
    }
    # Updates are handled in order, so the first that waits for the database is the one
    # whose sender is told: someone is, and nobody twice, however often it is tried.
    assert max(slow_notes.values()) == 1
