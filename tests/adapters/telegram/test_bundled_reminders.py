"""A team's morning round on Telegram: one message listing what waits, with a button
to take up each initiative, through the real library and HTTP."""

import asyncio
import re
from pathlib import Path

from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    TEAM_WEST,
    buttons,
    press,
    running_bot,
    see,
    telegram_config,
)
from tests.followups.waiting import handed_in_long_ago


def test_the_round_is_one_message_with_a_button_per_initiative(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            first, second = handed_in_long_ago(path)
            async with running_bot(path, api):
                reminder = await see(api, TEAM_WEST, "Herinnering: deze 2 initiatieven")
                lines = reminder["text"].splitlines()
                assert lines[0] == (
                    "Herinnering: deze 2 initiatieven wachten nog op iemand die ze oppakt:"
                )
                for line, reference in zip(lines[1:3], (first, second), strict=True):
                    pattern = rf"\u2022 {reference} \u201cBankje bij de haven\u201d, Ouddorp: "
                    assert re.fullmatch(pattern + r"wacht al \d+ dagen", line), line
                assert lines[3].startswith("Typ \u201coppakken\u201d en een nummer")
                # Telegram shows the buttons under the message, one per initiative.
                assert buttons(reminder) == [
                    (f"Oppakken {first}", f"claim:{first}"),
                    (f"Oppakken {second}", f"claim:{second}"),
                ]
                rounds = [m for m in api.messages(TEAM_WEST) if m["text"].startswith("Herinnering")]
                assert rounds == [reminder]  # one message, not one each
                await press(api, ANNA, TEAM_WEST, reminder, f"Oppakken {second}")
                await see(api, TEAM_WEST, f"Anna heeft {second} opgepakt.")

    asyncio.run(scenario())
