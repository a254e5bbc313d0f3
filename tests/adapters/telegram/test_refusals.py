"""What Telegram refuses: a blocked bot, a group that moved, a wrong token, a busy
port, and a photo the core did not keep. Each ends clearly, and nothing waits in vain."""

import asyncio
import logging
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import open_database, serve
from bot.config.flows import load_flow
from bot.config.settings import TELEGRAM_TOKEN_ENV, TELEGRAM_WEBHOOK_SECRET_ENV, load_config
from bot.messages import PlatformRefused
from storage.models import OutboxMessage
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    press,
    running_bot,
    see,
    telegram_config,
)


def outbox(path: Path) -> list[OutboxMessage]:
    db = open_database(load_config(path))
    try:
        with db.transaction() as session:
            return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    finally:
        db.engine.dispose()


def test_a_resident_who_blocked_the_bot_is_not_tried_again(tmp_path: Path) -> None:
    async def scenario() -> Path:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):
                api.user_says(RESIDENT, "/start")
                await see(api, RESIDENT, "Ga je daarmee akkoord?")
                # The resident answers, and blocks the bot before the reply goes out.
                api.fail_next(
                    "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
                )
                api.user_says(RESIDENT, "ja")
                await api.wait_until(
                    lambda: any(c.status == 403 for c in api.calls if c.method == "sendMessage")
                )
                await asyncio.sleep(0.5)
                refused = [c for c in api.calls if c.method == "sendMessage" and c.status == 403]
                assert len(refused) == 1  # no second try
            return path

    path = asyncio.run(scenario())
    parked = [row for row in outbox(path) if row.state == "failed"]
    assert [row.attempts for row in parked] == [1]
    assert "blocked" in (parked[0].last_error or "")


def test_a_group_that_became_a_supergroup_is_named_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    async def scenario() -> Path:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):
                api.fail_next("sendMessage", migrate_to_chat_id=-1002)
                api.user_says(ANNA, "/chatid", chat_id=TEAM_WEST, chat_type="group")
                await api.wait_until(lambda: "-1002" in caplog.text)
            return path

    path = asyncio.run(scenario())
    [moved] = [r for r in caplog.records if "-1002" in r.getMessage()]
    assert moved.levelno == logging.ERROR
    assert "telegram:-1002" in moved.getMessage()  # as the config writes it
    assert [row.state for row in outbox(path)] == ["failed"]


def test_a_token_telegram_refuses_stops_the_start_with_a_clear_message(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            config = load_config(telegram_config(tmp_path, api))
            environ = {TELEGRAM_TOKEN_ENV: "123456:WRONG"}
            with pytest.raises(PlatformRefused, match="INITIATIEFBOT_TELEGRAM_TOKEN"):
                await asyncio.wait_for(
                    serve(config, load_flow(config.intake.flow), asyncio.Event(), environ), 15
                )

    asyncio.run(scenario())


def test_a_webhook_port_in_use_stops_the_start_and_names_the_key(tmp_path: Path) -> None:
    async def scenario() -> None:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            async with FakeBotApi() as api:
                path = telegram_config(
                    tmp_path,
                    api,
                    mode='"webhook"',
                    webhook_url='"https://bot.gemeente.example/hook"',
                    webhook_port=str(port),
                )
                config = load_config(path)
                environ = {TELEGRAM_TOKEN_ENV: api.token, TELEGRAM_WEBHOOK_SECRET_ENV: "s3cret"}
                with pytest.raises(PlatformRefused, match=r"telegram\.webhook_port"):
                    await asyncio.wait_for(
                        serve(config, load_flow(config.intake.flow), asyncio.Event(), environ), 15
                    )

    asyncio.run(scenario())


def test_a_photo_the_core_did_not_keep_leaves_no_copy(tmp_path: Path) -> None:
    photos = tmp_path / "data" / "photos"

    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            api.user_says(RESIDENT, "/start")
            consent = await see(api, RESIDENT, "Ga je daarmee akkoord?")
            api.user_sends_photo(RESIDENT, b"\xff\xd8 before consent " * 50)
            await see(api, RESIDENT, "Beantwoord eerst deze vraag")
            # Nothing kept before the resident agreed (the copy goes once the core said so).
            await api.wait_until(lambda: not list(photos.glob("*")))
            await press(api, RESIDENT, RESIDENT, consent, "Ja")
            await see(api, RESIDENT, "Wat is je idee?")
            api.user_sends_photo(RESIDENT, b"\xff\xd8 after consent " * 50)
            await see(api, RESIDENT, "Foto toegevoegd")
            assert len(list(photos.glob("*.jpg"))) == 1

    asyncio.run(scenario())
