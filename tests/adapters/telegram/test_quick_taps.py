"""Quick taps on a multiple choice: each press carries the keyboard as it was when
tapped, so the bot must tick on top of its own last edit, not of that snapshot."""

import asyncio
from pathlib import Path

from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    RESIDENT,
    buttons,
    press,
    running_bot,
    see,
    telegram_config,
    up_to_help,
)

TICK = "\u2705"


def test_two_quick_taps_both_stay_ticked_and_done_sends_both(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api, running_bot(telegram_config(tmp_path, api), api):
            question = await up_to_help(api)
            # Both taps leave before the bot has shown the first tick.
            await press(api, RESIDENT, RESIDENT, question, "Geld")
            await press(api, RESIDENT, RESIDENT, question, "Vergunning")

            def ticked() -> list[str]:
                shown = api.messages(RESIDENT)[-1]
                return [label for label, _ in buttons(shown) if label.startswith(TICK)]

            await api.wait_until(lambda: len(ticked()) == 2)
            await asyncio.sleep(0.3)  # no late edit takes a tick away again
            assert len(ticked()) == 2
            await press(api, RESIDENT, RESIDENT, question, "Klaar")  # from the old snapshot too
            await see(api, RESIDENT, "Wat is je naam?")

            def question_now() -> str:
                [shown] = [
                    m for m in api.messages(RESIDENT) if m["message_id"] == question["message_id"]
                ]
                return str(shown["text"])

            await api.wait_until(lambda: "\u00bb" in question_now())
            assert question_now().endswith("\u00bb Geld, Vergunning")

    asyncio.run(scenario())
