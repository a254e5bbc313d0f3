"""The bot under test, running in-process with its Telegram adapter against the fake Bot API.

The config is the example's, with Telegram enabled and pointed at the fake
server, Anna (telegram:501) in team West, and its group telegram:-1001.
"""

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import serve
from bot.config.flows import load_flow
from bot.config.settings import TELEGRAM_TOKEN_ENV, TELEGRAM_WEBHOOK_SECRET_ENV, Config, load_config
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.configs import example, on_a_platform, set_key, with_west_contact

RESIDENT = 42
ANNA = 501
OUTSIDER = 777
TEAM_WEST = -1001
UNKNOWN_GROUP = -1009


def telegram_config(
    tmp_path: Path, api: FakeBotApi, database_url: str | None = None, **telegram: str
) -> Path:
    """The example config for a Telegram test; `telegram` overrides keys of [telegram]."""
    settings = {
        "enabled": "true",
        "base_url": json.dumps(api.base_url),
        "base_file_url": json.dumps(api.base_file_url),
        "poll_timeout_seconds": "1",
        "messages_per_chat_per_second": "100.0",
        "messages_per_group_per_minute": "6000.0",
        **telegram,
    }
    text = on_a_platform(example())
    for key, value in settings.items():
        text = set_key(text, "[telegram]", key, value)
    text = set_key(text, "[bot]", "data_dir", json.dumps(str(tmp_path / "data")))
    if database_url:
        text = set_key(text, "[database]", "url", json.dumps(database_url))
    text = with_west_contact(text, f"telegram:{ANNA}", f"telegram:{TEAM_WEST}")
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@asynccontextmanager
async def running_bot(
    config_path: Path, api: FakeBotApi, webhook_secret: str = ""
) -> AsyncIterator[Config]:
    """`initiatiefbot run` in this event loop until the block ends."""
    config = load_config(config_path)
    stop = asyncio.Event()
    environ = {TELEGRAM_TOKEN_ENV: api.token, TELEGRAM_WEBHOOK_SECRET_ENV: webhook_secret}
    task = asyncio.create_task(serve(config, load_flow(config.intake.flow), stop, environ))
    listening = ("getUpdates", "setWebhook")
    try:
        await api.wait_until(lambda: any(c.method in listening for c in api.calls) or task.done())
        if task.done():
            task.result()  # let its error show
        yield config
    finally:
        stop.set()
        await asyncio.wait_for(task, 15)


def texts(api: FakeBotApi, chat_id: int) -> list[str]:
    """What a person sees in a chat, message after message (as edited)."""
    return [str(message.get("text", "")) for message in api.messages(chat_id)]


async def see(api: FakeBotApi, chat_id: int, fragment: str, within: float = 10.0) -> dict[str, Any]:
    """Wait until a message in the chat shows `fragment`; return the newest such message."""
    await api.wait_until(lambda: any(fragment in text for text in texts(api, chat_id)), within)
    return [m for m in api.messages(chat_id) if fragment in str(m.get("text", ""))][-1]


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [
        (button["text"], button.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


def data_of(message: dict[str, Any], label: str) -> str:
    """The callback data of the button whose label contains `label`."""
    found = [data for text, data in buttons(message) if label in text]
    assert found, f"no button {label!r} in {buttons(message)}"
    return found[0]


async def press(
    api: FakeBotApi, user: int, chat_id: int, message: dict[str, Any], label: str
) -> int:
    return api.user_presses(user, chat_id, message["message_id"], data_of(message, label))


def count(api: FakeBotApi, chat_id: int) -> Callable[[], int]:
    return lambda: len(api.messages(chat_id))


async def agreed(api: FakeBotApi, opening: str = "/start") -> None:
    """The resident opens the chat (or a start link) and agrees to the privacy text."""
    api.user_says(RESIDENT, opening)
    consent = await see(api, RESIDENT, "Ga je daarmee akkoord?")
    await press(api, RESIDENT, RESIDENT, consent, "Ja")
    await see(api, RESIDENT, "Wat is je idee?")


async def up_to_help(api: FakeBotApi, title: str = "Bankje bij de haven") -> dict[str, Any]:
    """The intake up to the multiple choice of help wanted; returns that question."""
    await agreed(api)
    api.user_says(RESIDENT, title)
    await see(api, RESIDENT, "Vertel wat meer")
    api.user_says(RESIDENT, "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.")
    area = await see(api, RESIDENT, "In welk dorp of welke wijk")
    await press(api, RESIDENT, RESIDENT, area, "Ouddorp")
    theme = await see(api, RESIDENT, "Bij welk thema")
    await press(api, RESIDENT, RESIDENT, theme, "Groen")
    return await see(api, RESIDENT, "Waar heb je hulp")


async def intake(api: FakeBotApi, title: str = "Bankje bij de haven") -> None:
    """The resident goes through the whole intake, by buttons and by typing."""
    help_wanted = await up_to_help(api, title)
    await press(api, RESIDENT, RESIDENT, help_wanted, "Geld")
    await api.wait_until(lambda: any("\u2705" in t for t, _ in buttons(api.messages(RESIDENT)[-1])))
    ticked = api.messages(RESIDENT)[-1]
    await press(api, RESIDENT, RESIDENT, ticked, "Vergunning")
    await api.wait_until(
        lambda: sum("\u2705" in t for t, _ in buttons(api.messages(RESIDENT)[-1])) == 2
    )
    await press(api, RESIDENT, RESIDENT, api.messages(RESIDENT)[-1], "Klaar")
    await see(api, RESIDENT, "Wat is je naam?")
    api.user_says(RESIDENT, "Anna de Vries")
    await see(api, RESIDENT, "Doe je dit samen met een groep")
    api.user_says(RESIDENT, "nee")
    await see(api, RESIDENT, "Wie doen er al mee?")
    api.user_says(RESIDENT, "nee")
    await see(api, RESIDENT, "Op welk telefoonnummer")
    api.user_says(RESIDENT, "06-12345678")
    summary = await see(api, RESIDENT, "Klopt alles?")
    await press(api, RESIDENT, RESIDENT, summary, "Ja, versturen")
    await see(api, RESIDENT, "Dank je wel!")
