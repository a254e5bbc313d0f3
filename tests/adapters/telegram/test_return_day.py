"""A return day from the config, reminded on Telegram: text, RSVP buttons and an .ics file."""

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.texts.formatting import moment_in_words
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import ANNA, buttons, running_bot, see, telegram_config
from tests.configs import set_key

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def with_return_day_for_team_west(path: Path, starts: datetime) -> None:
    """The example's return day, three days ahead, for team West (Anna is telegram:501).

    No quiet hours: the week-before reminder is due at once, whatever the time of day.
    """
    text = path.read_text(encoding="utf-8")
    text = set_key(text, "[schedule]", "quiet_hours", '"00:00-00:00"')
    example_day = 'key = "voorjaar-2026"\nat = 2026-03-12T19:30:00'
    assert example_day in text
    text = text.replace(example_day, f'key = "test"\nat = {starts:%Y-%m-%dT%H:%M:%S}')
    text = text.replace('areas = []\nthemes = []\nteam = ""', 'team = "west"')
    path.write_text(text, encoding="utf-8")


def test_the_reminder_brings_a_calendar_file_and_takes_an_answer(tmp_path: Path) -> None:
    starts = (datetime.now(AMSTERDAM) + timedelta(days=3)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            with_return_day_for_team_west(path, starts)
            async with running_bot(path, api):
                reminder = await see(api, ANNA, "Herinnering: de terugkomdag")
                assert moment_in_words(starts, AMSTERDAM, "nl") in reminder["text"]
                assert [label for label, _ in buttons(reminder)] == [
                    "Ik kom",
                    "Ik kom niet",
                    "Misschien",
                ]
                await api.wait_until(lambda: bool(api.documents(ANNA)))
                [(name, content)] = api.documents(ANNA)
                assert name == "terugkomdag-1.ics"
                [event] = Calendar.from_ical(content).walk("VEVENT")
                assert event.decoded("dtstart") == starts
                assert event.decoded("dtend") == starts + timedelta(hours=2)
                assert str(event["location"]) == "Het Diekhuus, Middelharnis"
                assert str(event["summary"]) == "Terugkomdag Goeree-Overflakkee"

                [(_, coming)] = [b for b in buttons(reminder) if b[0] == "Ik kom"]
                api.user_presses(ANNA, ANNA, reminder["message_id"], coming)
                await see(api, ANNA, "Bedankt, tot op de terugkomdag!")

    asyncio.run(scenario())
