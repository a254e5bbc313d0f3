"""A week of life between teams, through the real App with its scheduler running and
the clock moved on day by day: handed in on Monday, forwarded by West on Tuesday,
forwarded again by Oost on Wednesday, which lands with the coordinator, who decides
on Thursday. On SQLite and PostgreSQL."""

import asyncio
import itertools
from datetime import datetime, timedelta

from bot.app import App
from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.settings import Config
from bot.messages import Incoming
from storage.db import Database
from tests.clocks import a_quiet_week
from tests.intake.chatting import DUTCH_INTAKE
from tests.platform import RecordingPlatform


class DayClock:
    """The time of day moves a few seconds a reading; `day` moves to another day."""

    def __init__(self, start: datetime) -> None:
        self.start = self.now = start

    def day(self, number: int) -> None:
        self.now = self.start + timedelta(days=number)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=5)
        return self.now


def test_a_second_forward_lands_with_the_coordinators(
    config: Config, flow: Flow, db: Database
) -> None:
    platform = RecordingPlatform()
    clock = DayClock(a_quiet_week(time_rules(config)))
    app = App(config, flow, db, {"console": platform}, clock)
    ids = itertools.count()

    async def say(sender: str, text: str, chat: str = "") -> None:
        incoming = Incoming("console", chat or sender, sender, f"w{next(ids)}", text)
        [handled] = await app.handle_page_and_send([incoming])
        assert not isinstance(handled, Exception)
        assert handled.accepted, text

    async def week() -> str:
        await app.followups.start()
        try:
            for answer in ["nieuw", *DUTCH_INTAKE, "ja"]:
                await say("bewoner", answer)
            reference = f"{clock.now.astimezone(config.bot.zone).year}-0001"
            clock.day(1)
            await say("anna", f"doorsturen {reference} oost Ligt over de grens", "team-west")
            clock.day(2)
            await say("carla", f"doorsturen {reference} west Hoort bij Ouddorp", "team-oost")
            clock.day(3)
            await say("coordinator", f"doorsturen {reference} midden Het gaat om de kade")
            return reference
        finally:
            await app.settle()
            await app.followups.stop()

    reference = asyncio.run(week())

    [asked] = [text for text in platform.texts("coordinator") if "keer doorgestuurd" in text]
    assert asked.startswith(f"{reference} \u201cBankje bij de haven\u201d is al 1 keer")
    assert "Anna (Kernteam West) stuurde het naar Kernteam Oost: Ligt over de grens" in asked
    assert "nu: Carla (Kernteam Oost) wil het naar Kernteam West sturen" in asked
    west = platform.texts("team-west")
    assert sum(reference in text and "Doorgestuurd naar jullie team" in text for text in west) == 0
    [arrived] = [t for t in platform.texts("team-midden") if "Doorgestuurd naar jullie" in t]
    assert "Fleur (co\u00f6rdinator) stuurde het naar jullie team: Het gaat om de kade" in arrived
    moves = [text for text in platform.texts("bewoner") if "past beter bij" in text]
    assert moves == [
        f"Je initiatief {reference} past beter bij Kernteam Oost. Daarom kijkt Kernteam Oost "
        "er nu naar. Je hoeft niets te doen. Je hoort van ons als iemand het oppakt."
    ]
