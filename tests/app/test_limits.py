"""Per-sender limits through the real app and core: a flood, and too many initiatives."""

import asyncio
import itertools
from datetime import UTC, datetime, timedelta

from bot.app import App
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.messages import Handled, Incoming
from storage import queries
from storage.db import Database
from tests.platform import RecordingPlatform
from tests.town import Clock, Town

WAIT = "Je stuurt veel berichten achter elkaar."
_ids = itertools.count()


def message(sender: str, text: str) -> Incoming:
    return Incoming("console", sender, sender, f"flood-{next(_ids)}", text)


def test_a_flood_gets_one_answer_and_does_not_hold_up_anyone_else(
    db: Database, config: Config, flow: Flow
) -> None:
    platform = RecordingPlatform()
    moment = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # all within the same second
    app = App(config, flow, db, {"console": platform}, lambda: moment)

    async def flood() -> list[bool]:
        flood = [message("flooder", "hallo") for _ in range(30)]
        handled = await app.handle_page_and_send([*flood, message("buurvrouw", "help")])
        return [result.accepted for result in handled if isinstance(result, Handled)]

    accepted = asyncio.run(flood())
    limit = config.limits.messages_per_minute
    assert accepted[:limit] == [True] * limit
    assert accepted[limit:30] == [False] * (30 - limit)
    assert sum(WAIT in text for text in platform.texts("flooder")) == 1
    assert len(platform.texts("flooder")) == limit + 1  # an answer each, and the warning
    assert accepted[30]  # someone else is served at once
    assert platform.texts("buurvrouw")


def test_a_blocked_account_that_floods_is_told_nothing(
    db: Database, config: Config, flow: Flow
) -> None:
    platform = RecordingPlatform()
    moment = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    app = App(config, flow, db, {"console": platform}, lambda: moment)
    block = Incoming("console", "coordinator", "coordinator", "block-1", "blokkeer console:flooder")

    async def flood() -> list[Handled | Exception]:
        await app.handle_page_and_send([block])
        return await app.handle_page_and_send([message("flooder", "hallo") for _ in range(30)])

    handled = asyncio.run(flood())
    assert "console:flooder" in platform.texts("coordinator")[-1]  # blocked, says the bot
    assert platform.texts("flooder") == []
    assert all(isinstance(result, Handled) and not result.note for result in handled)


def test_a_fourth_initiative_in_a_day_waits_with_its_answers_kept(
    db: Database, names: Names, setting: Setting
) -> None:
    clock = Clock()
    town = Town(db, Inbox(db, names, setting, clock))
    for _ in range(3):
        assert town.submit("bewoner")
    town.submit("bewoner")  # the fourth reaches its summary, and is refused there
    assert town.last("bewoner").startswith("Je hebt in de afgelopen 24 uur 3 initiatieven")
    with db.transaction() as session:
        assert len(queries.initiatives_of(session, "console", "bewoner")) == 3
    clock.now += timedelta(days=1)
    assert town.say("bewoner", "ja")  # the summary's question, answered again a day later
    assert town.last("bewoner").startswith("Dank je wel!")
