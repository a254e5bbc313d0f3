"""On Telegram, an invitee types their answer to a return day in words: "ik kom met
z'n tweeën" counts as coming with one guest, and the reply names the day."""

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import open_database
from bot.texts.formatting import date_in_words
from storage.models import ReturnDayAnswer
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import ANNA, buttons, count, running_bot, see, telegram_config
from tests.adapters.telegram.test_return_day import INVITED, with_return_day_for_team_west

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_typed_answer_with_a_guest_is_counted(tmp_path: Path) -> None:
    starts = (datetime.now(AMSTERDAM) + timedelta(days=3)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            with_return_day_for_team_west(path, starts)
            async with running_bot(path, api) as config:
                await see(api, ANNA, INVITED)
                await api.wait_until(lambda: bool(api.documents(ANNA)))  # its calendar file
                before = count(api, ANNA)()
                api.user_says(ANNA, "ik kom met z'n tweeën")
                await api.wait_until(lambda: count(api, ANNA)() > before)
                reply = api.messages(ANNA)[-1]
                assert date_in_words(starts, AMSTERDAM, "nl") in reply["text"]
                assert [label for label, _ in buttons(reply)] == [
                    "Ik kom",
                    "Ik kom niet",
                    "Misschien",
                ]
        db = open_database(config)
        try:
            with db.transaction() as session:
                [answer] = session.scalars(select(ReturnDayAnswer)).all()
                assert (answer.sender_id, answer.answer, answer.guests) == (str(ANNA), "yes", 1)
        finally:
            db.engine.dispose()

    asyncio.run(scenario())
