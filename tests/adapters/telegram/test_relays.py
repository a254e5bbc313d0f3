"""On Telegram: a resident's message before a claim, after a close and after a
withdrawal each reach the right people, through the real library and HTTP."""

import asyncio
from pathlib import Path

from bot.cases import receipts, texts
from bot.config.settings import load_config
from tests.adapters.handed_in import TITLE, handed_in
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


def seeded(path: Path) -> str:
    """The resident (telegram:42) handed in before the bot started."""
    return handed_in(load_config(path), "telegram", str(RESIDENT), str(RESIDENT))


def test_before_a_claim_the_group_and_after_a_close_the_contact(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            ref = seeded(path)
            async with running_bot(path, api):
                await see(api, TEAM_WEST, f"{ref}: \u201c{TITLE}\u201d")  # the notification
                api.user_says(RESIDENT, "Wie beslist hierover?")
                relayed = texts.relayed_unclaimed(ref, TITLE, "Wie beslist hierover?", "nl")
                in_group = await see(api, TEAM_WEST, "Wie beslist hierover?")
                assert in_group["text"] == relayed.text
                await see(api, RESIDENT, receipts.passed_on("Kernteam West", ref, "nl"))
                # The button under the relayed message takes it up.
                await press(api, ANNA, TEAM_WEST, in_group, relayed.choices[0].label)
                await see(api, RESIDENT, "Goed nieuws: Anna")
                api.user_says(ANNA, f"sluiten {ref} klaar Het bankje komt er.")
                await see(api, RESIDENT, "Het bankje komt er.")
                api.user_says(RESIDENT, "Wie moet ik dan bellen?")
                to_anna = await see(api, ANNA, "Wie moet ik dan bellen?")
                assert to_anna["text"] == texts.relayed_after_close(
                    ref, "Wie moet ik dan bellen?", "nl"
                )
                await see(api, RESIDENT, receipts.passed_on("Anna", ref, "nl"))
                assert not any(
                    "Wie moet ik dan bellen?" in str(m.get("text")) for m in api.messages(TEAM_WEST)
                )

    asyncio.run(scenario())


def test_a_withdrawal_by_button_and_a_message_after_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            ref = seeded(path)
            async with running_bot(path, api):
                await see(api, TEAM_WEST, f"{ref}: \u201c{TITLE}\u201d")  # the notification
                api.user_says(RESIDENT, f"intrekken {ref}")
                sure = receipts.withdraw_sure(ref, TITLE, "nl")
                question = await see(api, RESIDENT, sure.text)
                await press(api, RESIDENT, RESIDENT, question, sure.choices[0].label)
                await see(api, RESIDENT, receipts.withdrawn(ref, "nl"))
                await see(api, TEAM_WEST, texts.withdrawn_by_resident(ref, TITLE, "nl"))
                api.user_says(RESIDENT, "Ik wil het toch intrekken")
                after = await see(api, TEAM_WEST, "Ik wil het toch intrekken")
                assert after["text"] == texts.relayed_after_close(
                    ref, "Ik wil het toch intrekken", "nl"
                )

    asyncio.run(scenario())
