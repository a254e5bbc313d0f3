"""What `run` tells its operator about Telegram: connected and stopped, one warning
per retry that names where and why (never the token, never a page of HTML), and a
wrong `base_url` named as such rather than as a refused token."""

import asyncio
import logging
from pathlib import Path

import pytest

from bot.app import serve
from bot.config.flows import load_flow
from bot.config.settings import TELEGRAM_TOKEN_ENV, load_config
from bot.messages import PlatformRefused
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import RESIDENT, running_bot, see, telegram_config

BOT_NAME = "@initiatief_test_bot"


def test_a_proxy_page_gives_one_warning_per_retry_that_names_the_cause(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)

    async def scenario() -> tuple[str, str, int]:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            api.user_says(RESIDENT, "/start")
            await see(api, RESIDENT, "Ga je daarmee akkoord?")
            api.outage(2.5)  # every request gets an nginx "502 Bad Gateway" page
            api.user_says(RESIDENT, "ja")
            await see(api, RESIDENT, "Wat is je idee?", within=30)
            polls = [c for c in api.calls if c.method == "getUpdates" and c.status == 502]
            return api.token, api.base_url, len(polls)

    token, base_url, failed_polls = asyncio.run(scenario())
    retries = [r for r in caplog.records if "getting updates" in r.getMessage()]
    assert failed_polls >= 1
    assert len(retries) == failed_polls  # one line per retry
    for record in retries:
        assert record.levelno == logging.WARNING
        assert record.exc_info is None  # no traceback
        assert record.getMessage() == (
            f"telegram: getting updates at {base_url}<token> failed "
            "(Telegram answered 502 Bad Gateway), trying again"
        )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "<html" not in logged.lower()
    assert token not in logged
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_connecting_and_stopping_are_each_one_info_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters")

    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            pass

    asyncio.run(scenario())
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("adapters.telegram")]
    assert lines == [
        f"telegram: connected as {BOT_NAME} (polling mode)",
        f"telegram: stopped ({BOT_NAME})",
    ]


def test_a_wrong_base_url_is_named_and_not_taken_for_a_refused_token(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            # "bot" left out: every request gets the web server's 404 page.
            wrong = api.base_url.removesuffix("bot")
            config = load_config(telegram_config(tmp_path, api, base_url=f'"{wrong}"'))
            environ = {TELEGRAM_TOKEN_ENV: api.token}
            with pytest.raises(PlatformRefused) as refused:
                await asyncio.wait_for(
                    serve(config, load_flow(config.intake.flow), asyncio.Event(), environ), 15
                )
            message = str(refused.value)
            assert message.startswith(f"Telegram answered 404 Not Found at {wrong}<token>")
            assert "telegram.base_url" in message
            assert "refused" not in message
            assert api.token not in message

    asyncio.run(scenario())
