"""Webhook mode, the command menus, and what residents send besides text."""

import asyncio
import logging
import socket
from pathlib import Path

import aiohttp
import pytest

from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    RESIDENT,
    agreed,
    press,
    running_bot,
    see,
    telegram_config,
    texts,
)

SECRET = "geheim-token_123"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_webhook_mode_answers_only_telegram_and_handles_updates(tmp_path: Path) -> None:
    port = free_port()

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(
                tmp_path,
                api,
                mode='"webhook"',
                webhook_url='"https://bot.gemeente.example/telegram/hook"',
                webhook_port=str(port),
            )
            async with running_bot(path, api, webhook_secret=SECRET):
                [hooked] = [c for c in api.calls if c.method == "setWebhook"]
                assert hooked.params["url"] == "https://bot.gemeente.example/telegram/hook"
                assert hooked.params["secret_token"] == SECRET
                api.user_says(RESIDENT, "/start")
                [update] = api.pending_updates()
                url = f"http://127.0.0.1:{port}/telegram/hook"
                async with aiohttp.ClientSession() as client:
                    forged = await client.post(url, json=update)
                    assert forged.status == 403
                    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
                    delivered = await client.post(url, json=update, headers=headers)
                    assert delivered.status == 200
                    await see(api, RESIDENT, "Ga je daarmee akkoord?")
                    again = await client.post(url, json=update, headers=headers)
                    assert again.status == 200
                    await asyncio.sleep(0.5)
                assert sum("akkoord" in text for text in texts(api, RESIDENT)) == 1

    asyncio.run(scenario())


def test_menus_in_both_languages_and_a_failing_menu_call_does_not_stop_the_bot(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.retrying")  # it logs the failure

    async def scenario() -> None:
        async with FakeBotApi() as api:
            api.fail_next("setMyCommands", status=500, times=1)
            async with running_bot(telegram_config(tmp_path, api), api):
                api.user_says(RESIDENT, "/start")
                await see(api, RESIDENT, "Ga je daarmee akkoord?")
                # What Telegram now shows, by (scope, app language); "" is any language.
                # The first call (the Dutch private menu) was refused; the rest went on.
                shown = {key: {c["command"] for c in menu} for key, menu in api.menus.items()}
                assert {"new", "mine", "taal"} <= shown[("all_private_chats", "en")]
                assert {"oppakken", "chatid"} <= shown[("all_group_chats", "nl")]
                assert {"claim", "chatid"} <= shown[("all_group_chats", "en")]
                # Dutch is also the menu of every other app language.
                assert shown[("all_group_chats", "")] == shown[("all_group_chats", "nl")]
                assert {"nieuw", "mijn", "language"} <= shown[("all_private_chats", "")]
        failed = [
            record
            for record in caplog.records
            if record.name == "adapters.retrying"
            and record.getMessage().startswith("telegram: setting the command menu failed")
        ]
        assert len(failed) == 1, [record.getMessage() for record in caplog.records]
        assert failed[0].levelno == logging.INFO

    asyncio.run(scenario())


def test_location_photo_and_sticker(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            await agreed(api)
            api.user_sends_sticker(RESIDENT)
            await see(api, RESIDENT, "Ik kan tekst, locaties en foto's lezen.")
            api.user_sends_photo(RESIDENT, b"\xff\xd8 a small photo \xff\xd9")
            await see(api, RESIDENT, "Foto toegevoegd (1 van hoogstens 5)")
            api.user_says(RESIDENT, "Bankje bij de haven")
            api.user_says(RESIDENT, "Een bankje bij de haven, voor wie even wil zitten.")
            await see(api, RESIDENT, "In welk dorp of welke wijk")
            api.user_shares_location(RESIDENT, 51.8125, 3.9310)  # in Ouddorp
            await see(api, RESIDENT, "Bij welk thema")
        kept = list((tmp_path / "data" / "photos").iterdir())
        assert [path.read_bytes() for path in kept] == [b"\xff\xd8 a small photo \xff\xd9"]

    asyncio.run(scenario())


def test_the_app_language_is_followed_and_html_arrives_escaped(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            api.user_says(RESIDENT, "/start", language_code="en")
            consent = await see(api, RESIDENT, "Do you agree?")
            await press(api, RESIDENT, RESIDENT, consent, "Yes")
            await see(api, RESIDENT, "What is your idea?")
            api.user_says(RESIDENT, "A bench by the harbour", language_code="en")
            api.user_says(RESIDENT, "A bench, so older people can rest.", language_code="en")
            await see(api, RESIDENT, "Which village or neighbourhood")
            # The fake server refuses markup Telegram would refuse: this arrives only
            # if it was escaped, and then reads exactly as typed.
            typed = "<b>Dorp</b> & <i>co</i> <x>"  # short enough to be quoted whole
            api.user_says(RESIDENT, typed, language_code="en")
            await see(api, RESIDENT, f"\u201c{typed}\u201d")
            api.user_says(RESIDENT, "taal", language_code="en")
            await see(api, RESIDENT, "In welk dorp of welke wijk")  # Dutch from now on

    asyncio.run(scenario())
