"""Telegram's limits and outages, and the bot's own restarts: nothing lost, nothing twice."""

import asyncio
import itertools
import logging
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from adapters.telegram.adapter import TelegramAdapter
from adapters.telegram.options import TelegramOptions
from bot.app import open_database
from bot.config.settings import load_config
from bot.messages import Choice, CoreUnavailable, Handled, Incoming, Outgoing, SendLater
from storage.models import OutboxMessage
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    RESIDENT,
    buttons,
    running_bot,
    see,
    telegram_config,
    texts,
)


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


def test_an_update_is_confirmed_only_after_the_core_committed_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            database = tmp_path / "data" / "initiatiefbot.sqlite3"
            holder: sqlite3.Connection | None = None
            try:
                async with running_bot(path, api):
                    # Another program holds the database: the core cannot commit.
                    holder = sqlite3.connect(database, isolation_level=None)
                    holder.execute("BEGIN EXCLUSIVE")
                    update_id = api.user_says(RESIDENT, "/start")
                    await api.wait_until(
                        lambda: any(u["update_id"] == update_id for u in api.handed_out())
                    )
                    await asyncio.sleep(1.0)
                    assert not texts(api, RESIDENT)
                    assert api.confirmed_offset <= update_id  # Telegram keeps it for us
            finally:
                if holder is not None:
                    holder.close()  # ends the transaction: the database is free again
            async with running_bot(path, api):  # a restart: Telegram hands it out again
                await see(api, RESIDENT, "Ga je daarmee akkoord?")
                await api.wait_until(lambda: api.confirmed_offset > update_id)
            assert sum("Welkom" in text for text in texts(api, RESIDENT)) == 1

    asyncio.run(scenario())


def test_an_update_the_core_cannot_handle_is_skipped_and_the_rest_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.telegram.adapter")
    tries: dict[str, int] = {}
    committed: set[str] = set()
    heard: list[str] = []
    pages: list[list[str]] = []

    async def core(page: Sequence[Incoming]) -> list[Handled | Exception]:
        # A stand-in for the core at the adapter's boundary, as the real one behaves: a
        # page meeting the database away fails whole, twice; one poison message fails
        # on its own; a repeat of what committed is ignored.
        pages.append([incoming.text for incoming in page])
        for incoming in page:
            tries[incoming.text] = tries.get(incoming.text, 0) + 1
        if any(incoming.text == "database away" for incoming in page) and len(pages) <= 2:
            return [CoreUnavailable("the database did not answer") for _ in page]
        results: list[Handled | Exception] = []
        for incoming in page:
            if incoming.text == "poison":
                results.append(ValueError("a bug in handling this one"))
            elif incoming.event_id in committed:
                results.append(Handled(accepted=False))
            else:
                committed.add(incoming.event_id)
                heard.append(incoming.text)
                results.append(Handled())
        return results

    async def scenario() -> None:
        async with FakeBotApi() as api:
            options = TelegramOptions(
                token=api.token,
                base_url=api.base_url,
                base_file_url=api.base_file_url,
                poll_timeout_seconds=1,
                first_retry_seconds=0.05,
            )
            adapter = TelegramAdapter(options)
            api.user_says(RESIDENT, "poison")
            api.user_says(RESIDENT, "database away")
            last = api.user_says(RESIDENT, "hallo")
            await adapter.start(core)
            try:
                await api.wait_until(lambda: heard == ["database away", "hallo"])
                await api.wait_until(lambda: api.confirmed_offset > last)
            finally:
                await adapter.stop()

    asyncio.run(scenario())
    # The page came whole three times (twice the database was away), then the poison
    # message alone twice more: three tries once the core could answer, then skipped.
    assert pages[:3] == [["poison", "database away", "hallo"]] * 3
    assert pages[3:] == [["poison"], ["poison"]]
    assert tries == {"poison": 5, "database away": 3, "hallo": 3}
    skipped = [r for r in caplog.records if "skipped" in r.getMessage()]
    assert [r.levelno for r in skipped] == [logging.ERROR]
    assert "poison" not in caplog.text  # the log names the update, never its text


def test_a_page_handed_over_again_is_not_read_again_so_a_tick_stays_one_tick() -> None:
    """A page with a ticked option meets the database away twice. The page is handed
    over again, but read once: read again, the option would be ticked three times."""
    pages = 0

    async def core(page: Sequence[Incoming]) -> list[Handled | Exception]:
        nonlocal pages
        pages += 1
        if pages <= 2:
            return [CoreUnavailable("the database did not answer") for _ in page]
        return [Handled() for _ in page]

    async def scenario() -> list[str]:
        async with FakeBotApi() as api:
            options = TelegramOptions(
                token=api.token,
                base_url=api.base_url,
                base_file_url=api.base_file_url,
                poll_timeout_seconds=1,
                first_retry_seconds=0.05,
            )
            adapter = TelegramAdapter(options)
            await adapter.start(core)
            try:
                choices = (Choice("money", "Geld"), Choice("permit", "Vergunning"))
                question = Outgoing("telegram", str(RESIDENT), "Waarmee?", choices, True, "Klaar")
                await until_sent(adapter, question)
                shown = api.messages(RESIDENT)[-1]
                [money] = [data for label, data in buttons(shown) if label == "Geld"]
                api.user_presses(RESIDENT, RESIDENT, shown["message_id"], money)
                last = api.user_says(RESIDENT, "database away")
                await api.wait_until(lambda: api.confirmed_offset > last)
            finally:
                await adapter.stop()
            edits = [call for call in api.calls if call.method == "editMessageReplyMarkup"]
            assert len(edits) == 1
            return [label for label, _ in buttons(api.messages(RESIDENT)[-1])]

    labels = asyncio.run(scenario())
    assert pages == 3
    assert [label.startswith("\u2705") for label in labels[:2]] == [True, False]


async def until_sent(adapter: TelegramAdapter, message: Outgoing) -> None:
    """Send as the dispatcher would: a SendLater (not connected yet) means try again."""
    for _ in range(200):
        try:
            await adapter.send(message)
            return
        except SendLater:
            await asyncio.sleep(0.05)
    raise AssertionError("the adapter never connected")


def test_telegram_unreachable_is_waited_out_not_counted_as_failed_tries(tmp_path: Path) -> None:
    async def scenario() -> Path:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            # One try only: were an outage counted as failed tries, this would park at once.
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("max_attempts = 8", "max_attempts = 1"), encoding="utf-8")
            async with running_bot(path, api):
                api.fail_next("sendMessage", status=502, times=2)  # Bad Gateway, twice
                api.user_says(RESIDENT, "/start")
                await see(api, RESIDENT, "Ga je daarmee akkoord?", within=15)
                failed = [c for c in api.calls if c.method == "sendMessage" and c.status == 502]
                assert len(failed) == 2
            return path

    path = asyncio.run(scenario())
    db = open_database(load_config(path))
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage)).all()
        assert [(row.state, row.attempts) for row in rows] == [("sent", 0), ("sent", 0)]
    db.engine.dispose()
