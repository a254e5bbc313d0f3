"""The hostile corpus through the whole Telegram path: updates from the (fake) Bot API,
the core, the outbox, and HTML that the API parses as strictly as Telegram does."""

import asyncio
from pathlib import Path

from bot.inbox.text_hygiene import storable
from bot.intake.commands import Command, parse_command
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    intake,
    press,
    running_bot,
    see,
    telegram_config,
    texts,
)
from tests.configs import set_key
from tests.hostile import FORGED_PAYLOADS, HOSTILE, too_long

TOO_LONG = "Dat bericht is te lang voor mij"


def test_hostile_texts_and_forged_buttons_are_relayed_escaped_or_refused(
    tmp_path: Path, database_url: str
) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, database_url)
            # The corpus comes faster than any resident types: no flood limit here.
            path.write_text(set_key(path.read_text(), "[limits]", "messages_per_minute", "1000"))
            async with running_bot(path, api):
                await intake(api)
                notification = await see(api, TEAM_WEST, "Bankje bij de haven")
                await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
                await see(api, RESIDENT, "Goed nieuws: Anna")
                last = api.messages(RESIDENT)[-1]["message_id"]

                for text in HOSTILE:
                    api.user_says(RESIDENT, text)
                    if text.strip() and parse_as_start(text):
                        api.user_says(RESIDENT, "stop")
                for payload in FORGED_PAYLOADS:
                    api.user_presses(RESIDENT, RESIDENT, last, payload)
                    api.user_presses(ANNA, TEAM_WEST, notification["message_id"], payload)
                api.user_says(RESIDENT, "mijn")  # the bot still answers, in order
                await see(api, RESIDENT, "Bankje bij de haven", within=60)
                await api.wait_until(lambda: "Je initiatieven" in texts(api, RESIDENT)[-1], 60)

                # Every message was accepted by the API: the HTML parsed, every part fit.
                refused = [c for c in api.calls if c.status >= 400]
                assert refused == []
                relayed = "\n".join(texts(api, ANNA))
                for text in HOSTILE:
                    kept = storable(text).strip()
                    # (A command for another bot in the chat is not for us at all.)
                    for_us = not text.startswith("/start@")
                    if kept and not too_long(text) and not parse_as_start(text) and for_us:
                        assert kept in relayed, text[:40]
                assert sum(TOO_LONG in t for t in texts(api, RESIDENT)) == sum(
                    too_long(text) for text in HOSTILE
                )
                # Every press got its answer, the forged ones a refusal and nothing else.
                answered = [c for c in api.calls if c.method == "answerCallbackQuery"]
                assert len(answered) >= 2 * len(FORGED_PAYLOADS)

    asyncio.run(scenario())


def parse_as_start(text: str) -> bool:
    """Texts the bot reads as the start of a new intake, not as words for Anna."""
    parsed = parse_command(text)
    return parsed is not None and parsed.command is Command.START
