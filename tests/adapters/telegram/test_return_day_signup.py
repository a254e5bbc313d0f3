"""On Telegram, a return day's sign-up link: the coordinator plans a day and opens its
sign-up in her private chat; a resident with no initiative opens the start link
("/start td-CODE"), is on the list by the name Telegram shows, and gets the welcome
with its buttons and calendar file. With one place, a second "Ik kom" waits, and
gets the place when the first says "Ik kom niet"."""

import asyncio
import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.texts.formatting import moment_in_words
from tests.adapters.return_day_signup import (
    DORPSRAAD,
    WELCOME,
    with_coordinator_and_no_config_days,
)
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import buttons, count, press, running_bot, see, telegram_config

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FLEUR = 601  # the coordinator
JOKE = 602  # a resident with no initiative
PIET = 603  # another, who comes second
BOT_USERNAME = "gemeente_go_bot"
ANSWERS = ["Ik kom", "Ik kom niet", "Misschien"]
START_LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=td-([a-z2-9]{{6}})")


def start_with_full_name(api: FakeBotApi, user_id: int, first: str, last: str, text: str) -> int:
    """A "/start …" command as the harness's `user_says` builds it, from someone whose
    Telegram profile has a last name too (the harness gives only first names)."""
    command = text.split(" ")[0]
    message = {
        "message_id": 1,
        "from": {"id": user_id, "is_bot": False, "first_name": first, "last_name": last},
        "chat": {"id": user_id, "type": "private", "first_name": first, "last_name": last},
        "date": int(time.time()),
        "text": text,
        "entities": [{"offset": 0, "length": len(command), "type": "bot_command"}],
    }
    return api.queue_raw_update({"message": message})


def test_a_start_link_signs_up_and_one_place_goes_to_the_next_when_freed(tmp_path: Path) -> None:
    starts = (datetime.now(AMSTERDAM) + timedelta(days=10)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    when = moment_in_words(starts, AMSTERDAM, "nl")

    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api, username=f'"{BOT_USERNAME}"')
            with_coordinator_and_no_config_days(path, f"telegram:{FLEUR}")
            async with running_bot(path, api):
                # The coordinator plans the day for those who sign up and the Dorpsraad's
                # chats: that opens sign-up, and the Dorpsraad reads how to.
                api.user_says(
                    FLEUR,
                    f"terugkomdag {starts:%Y-%m-%d} 19:30 Dorpshuis Ouddorp "
                    "voor deelnemers en volgers Dorpsraad Ouddorp",
                )
                await see(api, FLEUR, "Terugkomdag 1")
                invited = await see(api, DORPSRAAD, "Ieder meldt zich zelf aan:")
                assert invited["text"].startswith(
                    "Je bent uitgenodigd voor de terugkomdag van Goeree-Overflakkee.\n\n"
                )
                assert not buttons(invited)  # each signs up for themselves
                found = START_LINK.search(invited["text"])
                assert found, invited["text"]
                code = found.group(1)
                assert re.search(r"[2-9]", code)
                await api.wait_until(lambda: bool(api.documents(DORPSRAAD)))
                # The poster's text for the coordinator holds the same link.
                api.user_says(FLEUR, "terugkomdag 1 aanmelden")
                poster = await see(api, FLEUR, "Aanmelden voor terugkomdag 1 kan nu.")
                assert f"\u2022 Telegram: https://t.me/{BOT_USERNAME}?start=td-{code}" in (
                    poster["text"].splitlines()
                )

                # Joke opens the link: Telegram sends "/start td-CODE" as a bot command.
                api.user_says(JOKE, f"/start td-{code}", first_name="Joke")
                welcome = await see(api, JOKE, WELCOME)
                parts = welcome["text"].split("\n\n")
                assert parts[0] == WELCOME
                assert f"Wanneer: {when}\nWaar: Dorpshuis Ouddorp" in welcome["text"]
                assert [label for label, _ in buttons(welcome)] == ANSWERS
                await api.wait_until(lambda: bool(api.documents(JOKE)))
                [(name, content)] = api.documents(JOKE)
                assert name == f"terugkomdag-{starts:%Y-%m-%d}.ics"
                [event] = Calendar.from_ical(content).walk("VEVENT")
                assert event.decoded("dtstart") == starts
                assert str(event["location"]) == "Dorpshuis Ouddorp"
                assert not [m for m in api.messages(JOKE) if "akkoord" in str(m.get("text"))]

                # One place: Joke's "Ik kom" takes it.
                api.user_says(FLEUR, "terugkomdag 1 plaatsen 1")
                await see(api, FLEUR, "Terugkomdag 1 heeft nu 1 plaats.")
                await press(api, JOKE, JOKE, welcome, "Ik kom")
                await see(api, JOKE, "Bedankt, tot op de terugkomdag!")

                # Piet Verhoef signs up too; his "Ik kom" waits.
                start_with_full_name(api, PIET, "Piet", "Verhoef", f"/start td-{code}")
                his_welcome = await see(api, PIET, WELCOME)
                await api.wait_until(lambda: bool(api.documents(PIET)))
                await press(api, PIET, PIET, his_welcome, "Ik kom")
                waiting = await see(api, PIET, "is vol.")
                assert waiting["text"] == (
                    f"De terugkomdag van {when} is vol. Je staat op de wachtlijst, als "
                    "nummer 1. Komt er een plek vrij? Dan krijg je een bericht."
                )

                # The organiser's overview names both as Telegram shows them.
                api.user_says(FLEUR, "terugkomdag 1")
                overview = (await see(api, FLEUR, "Wachtlijst:"))["text"].splitlines()
                assert overview[0] == (
                    f"Terugkomdag 1: {when} in Dorpshuis Ouddorp, voor wie bij naam is "
                    "uitgenodigd of zich aanmeldt en de chats van Dorpsraad Ouddorp."
                ), overview
                assert "Komen: Joke" in overview
                assert "Wachtlijst: Piet Verhoef" in overview
                assert "Plaatsen bezet: 1 van 1 \u00b7 wachtlijst: 1" in overview

                # Joke cannot come after all: the place is Piet's, with the buttons again.
                before = count(api, PIET)()
                await press(api, JOKE, JOKE, welcome, "Ik kom niet")
                good_news = await see(api, PIET, "Goed nieuws: er is een plek vrij")
                assert good_news["text"] == (
                    f"Goed nieuws: er is een plek vrij op de terugkomdag van {when} in "
                    "Dorpshuis Ouddorp. Die plek is nu van jou. Kun je toch niet? Kies dan "
                    "\u201cIk kom niet\u201d. Dan gaat de plek naar de volgende."
                )
                assert [label for label, _ in buttons(good_news)] == ANSWERS
                assert count(api, PIET)() > before

                api.user_says(FLEUR, "terugkomdag 1")
                await api.wait_until(
                    lambda: "Komen: Piet Verhoef" in str(api.messages(FLEUR)[-1].get("text"))
                )
                last = str(api.messages(FLEUR)[-1]["text"]).splitlines()
                assert "Plaatsen bezet: 1 van 1 \u00b7 wachtlijst: 0" in last
                assert not [line for line in last if line.startswith("Wachtlijst:")]

    asyncio.run(scenario())
