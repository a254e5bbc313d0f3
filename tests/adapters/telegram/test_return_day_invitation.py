"""The example's return day, "the second thursday of next month", as Telegram shows
its invitation: purpose, date and time in words, place, programme, buttons and file."""

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.config.monthly import MonthlyDay
from bot.texts.formatting import moment_in_words
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import ANNA, buttons, running_bot, see, telegram_config

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_the_example_day_invites_with_its_programme_buttons_and_file(tmp_path: Path) -> None:
    today = datetime.now(AMSTERDAM).date()
    day = MonthlyDay.parse("second thursday of next month").first_after(today)
    starts = datetime(day.year, day.month, day.day, 19, 30, tzinfo=AMSTERDAM)

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            text = path.read_text(encoding="utf-8")
            path.write_text(
                text.replace('areas = []\nthemes = []\nteam = ""', 'team = "west"', 1),
                encoding="utf-8",
            )
            async with running_bot(path, api):
                invitation = await see(api, ANNA, "Je bent uitgenodigd")
                parts = invitation["text"].split("\n\n")
                assert parts[0] == "Je bent uitgenodigd voor de terugkomdag van Goeree-Overflakkee."
                assert parts[1].startswith("Op de terugkomdag kijken we samen terug op de")
                assert parts[2] == (
                    f"Wanneer: {moment_in_words(starts, AMSTERDAM, 'nl')}\n"
                    "Waar: Het Diekhuus, Middelharnis"
                )
                assert parts[3].startswith("Programma:\n19.30 inloop met koffie\n")
                assert [label for label, _ in buttons(invitation)] == [
                    "Ik kom",
                    "Ik kom niet",
                    "Misschien",
                ]
                await api.wait_until(lambda: bool(api.documents(ANNA)))
                [(name, content)] = api.documents(ANNA)
                assert name == f"terugkomdag-{starts:%Y-%m-%d}.ics"
                [event] = Calendar.from_ical(content).walk("VEVENT")
                assert event.decoded("dtstart") == starts
                assert "19.45 terugblik" in str(event["description"])

    asyncio.run(scenario())
