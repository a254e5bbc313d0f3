"""`schedule list` and `deletions`: a header on each table, times in the municipality's
zone with the zone named, and things in words rather than the bot's own keys."""

import io
from datetime import UTC, datetime

from bot.cli import admin
from bot.config.settings import Config
from bot.followups.plans import FollowUp, Planned
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.db import Database
from storage.models import ReturnDay, ScheduledJob

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
EVENING = datetime(2026, 12, 10, 18, 30, tzinfo=UTC)  # 19:30 in Amsterdam


def plan(db: Database, *planned: Planned) -> None:
    with db.transaction() as session:
        for entry in planned:
            session.add(
                ScheduledJob(
                    id=entry.job_id, next_run_time=entry.at.timestamp(), job_state=b"not read"
                )
            )


def table(db: Database, config: Config, listing: str) -> list[list[str]]:
    out = io.StringIO()
    lister = admin.list_schedule if listing == "schedule" else admin.list_deletions
    lister(db, config.bot.zone, out)
    return [line.split("\t") for line in out.getvalue().splitlines()]


def test_schedule_list_names_its_columns_and_its_zone(db: Database, config: Config) -> None:
    plan(db, Planned(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), FollowUp.UNCLAIMED, "2026-0001"))
    header, row = table(db, config, "schedule")
    assert header == ["when (Europe/Amsterdam)", "follow-up", "about", "what it does"]
    assert row == [
        "2026-11-25 10:00 CET",
        "unclaimed",
        "2026-0001",
        "remind the team that nobody took it up",
    ]


def test_a_return_day_reminder_says_which_day_where_and_which_reminder(
    db: Database, config: Config
) -> None:
    with db.transaction() as session:
        session.add(
            ReturnDay(
                starts_at=EVENING,
                place="Dorpshuis\tOuddorp",  # a tab in a cell would shift the columns
                audience={"kind": "all", "keys": []},
                organiser="console:coordinator",
                status=ReturnDayStatus.PLANNED,
                reminded=[],
                created_at=NOW,
                updated_at=NOW,
            )
        )
    week_before = datetime(2026, 12, 3, 18, 30, tzinfo=UTC)
    day_before = datetime(2026, 12, 9, 18, 30, tzinfo=UTC)
    plan(
        db,
        Planned(week_before, FollowUp.RETURN_DAY, "1", "0"),
        Planned(day_before, FollowUp.RETURN_DAY, "1", "1"),
    )
    _, first, second = table(db, config, "schedule")
    assert first[:3] == [
        "2026-12-03 19:30 CET",
        "returnday",
        "return day 1 at Dorpshuis Ouddorp, 2026-12-10 19:30 CET, reminder 1",
    ]
    assert second[2] == "return day 1 at Dorpshuis Ouddorp, 2026-12-10 19:30 CET, reminder 2"


def test_the_deletion_log_in_words(db: Database, config: Config) -> None:
    summer = datetime(2027, 7, 1, 8, 30, tzinfo=UTC)
    with db.transaction() as session:
        queries.log_deletion(session, "retention", "initiative_anonymised", 2, NOW)
        queries.log_deletion(session, "request", "return_day_answer", 1, summer)
    header, winter_row, summer_row = table(db, config, "deletions")
    assert header == ["when (Europe/Amsterdam)", "why", "what", "how many"]
    assert winter_row == [
        "2026-11-23 10:00 CET",
        "retention period ended",
        "initiative anonymised",
        "2",
    ]
    assert summer_row == ["2027-07-01 10:30 CEST", "the resident asked", "return day answer", "1"]


def test_empty_tables_say_so_without_a_header(db: Database, config: Config) -> None:
    assert table(db, config, "schedule") == [["nothing is planned"]]
    assert table(db, config, "deletions") == [["nothing has been erased yet"]]
