"""The retention run forgets the ids of events handled long ago, on SQLite and
PostgreSQL: a repeat comes within a day, and the table would only grow. What the daily
jobs read as the last day they ran stays."""

from sqlalchemy import select

from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import FollowUpJobs
from storage import queries
from storage.db import Database
from storage.models import ProcessedEvent
from tests.privacy.test_retention import JOB, at
from tests.town import Clock, Town, fire


def event_ids(town: Town, channel: str) -> set[str]:
    with town.db.transaction() as session:
        found = session.scalars(
            select(ProcessedEvent.event_id).where(ProcessedEvent.channel == channel)
        )
        return set(found)


def test_the_retention_run_forgets_old_event_ids_and_keeps_recent_ones(
    db: Database, names: Names, setting: Setting, jobs: FollowUpJobs
) -> None:
    clock = Clock()
    town = Town(db, Inbox(db, names, setting, clock))
    for text in ["hallo", "help", "mijn"]:  # handled on 23 November 2026
        town.say("bewoner", text)
    old = event_ids(town, "console")
    fire(town, jobs, "digest:daily", at("2026-11-24"))
    fire(town, jobs, JOB, at("2026-11-24"))
    clock.now = at("2026-12-30")
    town.say("bewoner", "help")
    recent = event_ids(town, "console") - old

    fire(town, jobs, JOB, at("2027-01-05"))  # 42 days after the first ones

    # Each channel's greatest id stays: the daily jobs read theirs as their last day.
    assert event_ids(town, "console") == recent | {max(old | recent)}
    assert event_ids(town, "digest") == {"2026-11-24"}
    assert event_ids(town, "retention") == {"2027-01-05"}
    with town.db.transaction() as session:
        assert queries.last_processed(session, "digest") == "2026-11-24"
