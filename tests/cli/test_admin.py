"""`outbox list` and `outbox retry`: parked messages can be seen and sent again."""

import asyncio
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.cli import admin
from bot.config.settings import OutboxSettings
from bot.outbox.dispatch import Dispatcher
from storage import queries
from storage.db import Database
from storage.models import OutboxMessage
from tests.platform import RecordingPlatform

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def park_one_and_keep_one(db: Database) -> RecordingPlatform:
    """Row 1 to a chat that is gone gets parked; row 2 waits in another chat."""
    with db.transaction() as session:
        queries.enqueue_many(
            session, [("console", "weg", {"text": "Nieuw initiatief 2026-0001"})], NOW
        )
        queries.enqueue_many(session, [("telegram", "-100", {"text": "voor telegram"})], NOW)
    platform = RecordingPlatform(failing_chats={"weg"})
    settings = OutboxSettings(max_attempts=1)
    asyncio.run(Dispatcher(db, {"console": platform}, settings, lambda: NOW).dispatch_due())
    return platform


def listed(db: Database, only_failed: bool) -> str:
    out = io.StringIO()
    admin.list_outbox(db, AMSTERDAM, only_failed, out)
    return out.getvalue()


def test_list_shows_what_waits_and_what_failed(db: Database) -> None:
    park_one_and_keep_one(db)
    header, *everything = listed(db, only_failed=False).splitlines()
    assert header.split("\t") == [
        "id",
        "state",
        "chat",
        "tries",
        "next try (Europe/Amsterdam)",
        "text",
        "last error",
    ]
    assert len(everything) == 2
    failed = everything[0].split("\t")
    assert failed[:4] == ["1", "failed", "console:weg", "1"]
    assert failed[4].startswith("2026-11-23 10:0")  # 09:00 UTC is 10:00 in Amsterdam
    assert failed[4].endswith(" CET")
    assert failed[5] == "Nieuw initiatief 2026-0001"
    assert "PlatformDown" in failed[6]
    assert everything[1].split("\t")[:5] == [
        "2",
        "pending",
        "telegram:-100",
        "0",
        "2026-11-23 10:00 CET",
    ]
    assert listed(db, only_failed=True).splitlines() == [header, everything[0]]


def test_retry_sends_a_parked_message_again(db: Database) -> None:
    platform = park_one_and_keep_one(db)
    out = io.StringIO()
    admin.retry_outbox(db, [1], NOW, out)
    assert out.getvalue() == "1 message(s) will be sent again\n"
    platform.failing_chats.clear()
    settings = OutboxSettings()
    asyncio.run(Dispatcher(db, {"console": platform}, settings, lambda: NOW).dispatch_due())
    assert platform.texts("weg") == ["Nieuw initiatief 2026-0001"]
    assert listed(db, only_failed=True) == "no failed messages\n"


def test_retry_of_a_message_that_did_not_fail_is_refused(db: Database) -> None:
    park_one_and_keep_one(db)
    with pytest.raises(admin.AdminError, match="only messages parked as failed"):
        admin.retry_outbox(db, [2], NOW, io.StringIO())
    with db.transaction() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.id == 2)).one()
    assert row.state == "pending"


def test_retry_all_failed(db: Database) -> None:
    park_one_and_keep_one(db)
    out = io.StringIO()
    admin.retry_outbox(db, None, NOW, out)
    assert out.getvalue() == "1 message(s) will be sent again\n"
    assert listed(db, only_failed=True) == "no failed messages\n"
