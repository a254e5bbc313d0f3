"""Through the real app: what a group of events changes is planned right after it."""

import asyncio
import itertools

from bot.app import App
from bot.config.flows import Flow
from bot.config.settings import Config
from bot.messages import Incoming
from storage import queries
from storage.db import Database
from tests.intake.chatting import DUTCH_INTAKE
from tests.platform import RecordingPlatform

_ids = itertools.count()


def test_initiatives_handed_in_together_have_their_follow_ups_planned(
    db: Database, config: Config, flow: Flow
) -> None:
    platform = RecordingPlatform()
    app = App(config, flow, db, {"console": platform})
    residents = [f"bewoner-{number}" for number in range(6)]

    async def intakes() -> None:
        await app.followups.start()
        try:
            for text in ["nieuw", *DUTCH_INTAKE, "ja"]:
                # All residents at once, as one page: their turns reach the core as a group.
                turns = [Incoming("console", r, r, f"e{next(_ids)}", text) for r in residents]
                assert all(handled.accepted for handled in await app.handle_page(turns))
            await app.settle()
        finally:
            await app.followups.stop()

    asyncio.run(intakes())
    with db.transaction() as session:
        references = [initiative.reference for initiative in queries.all_initiatives(session)]
        planned = {job for job, _ in queries.scheduled_jobs(session)}
    assert len(references) == len(residents)
    assert {f"unclaimed:{reference}" for reference in references} <= planned
    assert {f"escalate:{reference}" for reference in references} <= planned
