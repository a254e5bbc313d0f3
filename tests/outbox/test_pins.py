"""A map pin goes through the outbox like any message: kept in the row, handed to the
platform with its text, on SQLite and PostgreSQL."""

import asyncio

from bot.config.settings import OutboxSettings
from bot.messages import Location
from bot.notices import Notice, Reply
from bot.outbox import rows
from bot.outbox.dispatch import Dispatcher
from storage.db import Database
from tests.outbox.harness import START, Clock
from tests.platform import RecordingPlatform

HARBOUR = Location(51.812345, 3.912345)


def test_a_pin_reaches_the_platform_with_its_text(db: Database) -> None:
    with db.transaction() as session:
        pinned = Reply("De plek van 2026-0001", location=HARBOUR)
        rows.write(
            session,
            [Notice("console:anna", pinned), Notice("console:anna", Reply("Hoi"))],
            START,
        )
    platform = RecordingPlatform()
    settings = OutboxSettings(max_attempts=3, first_retry_seconds=10, max_retry_seconds=60)
    dispatcher = Dispatcher(db, {"console": platform}, settings, Clock(), jitter=lambda: 0.0)
    assert asyncio.run(dispatcher.dispatch_due()) == 2
    first, second = platform.sent
    assert (first.text, first.location) == ("De plek van 2026-0001", HARBOUR)
    assert second.location is None


def test_the_row_keeps_the_degrees_as_numbers() -> None:
    payload = rows.to_payload(Reply("De plek", location=HARBOUR))
    assert payload["location"] == {"latitude": 51.812345, "longitude": 3.912345}
    assert rows.to_outgoing("console", "anna", payload).location == HARBOUR
    assert "location" not in rows.to_payload(Reply("Geen plek"))
