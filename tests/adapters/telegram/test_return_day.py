"""A return day from the config, on Telegram: the invitation with RSVP buttons and an
.ics file, an answer, and no reminder that would only repeat it."""

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.texts.formatting import moment_in_words
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import ANNA, buttons, running_bot, see, telegram_config, texts
from tests.configs import set_key

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INVITED = "Je bent uitgenodigd voor de terugkomdag van Goeree-Overflakkee."


def with_return_day_for_team_west(path: Path, starts: datetime) -> None:
    """The example's first return day on a fixed date three days ahead, for team West
    (Anna is telegram:501). No quiet hours: what is due goes at once."""
    text = path.read_text(encoding="utf-8")
    text = set_key(text, "[schedule]", "quiet_hours", '"00:00-00:00"')
    monthly = 'on = "second thursday of next month"\ntime = "19:30"'
    assert monthly in text
    text = text.replace(monthly, f"at = {starts:%Y-%m-%dT%H:%M:%S}", 1)
    text = text.replace('areas = []\nthemes = []\nteam = ""', 'team = "west"', 1)
    path.write_text(text, encoding="utf-8")


def test_the_invitation_brings_a_calendar_file_and_takes_an_answer(tmp_path: Path) -> None:
    starts = (datetime.now(AMSTERDAM) + timedelta(days=3)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            with_return_day_for_team_west(path, starts)
            async with running_bot(path, api):
                invitation = await see(api, ANNA, INVITED)
                assert moment_in_words(starts, AMSTERDAM, "nl") in invitation["text"]
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
                assert event.decoded("dtend") == starts + timedelta(hours=2)
                assert str(event["location"]) == "Het Diekhuus, Middelharnis"
                assert str(event["summary"]) == "Terugkomdag Goeree-Overflakkee"

                [(_, coming)] = [b for b in buttons(invitation) if b[0] == "Ik kom"]
                api.user_presses(ANNA, ANNA, invitation["message_id"], coming)
                await see(api, ANNA, "Bedankt, tot op de terugkomdag!")
                # The week-before reminder fell before the day was planned: not sent.
                assert not [t for t in texts(api, ANNA) if "de terugkomdag van" in t[:40]]

    asyncio.run(scenario())
