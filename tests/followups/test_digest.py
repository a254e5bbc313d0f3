"""The coordinators' daily digest, on SQLite and PostgreSQL, with the time passed in."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cases.timerules import time_rules
from bot.config.settings import Config
from bot.followups.digest import Digest
from bot.schedule.jobs import Firing, FollowUpJobs
from storage import queries
from storage.db import Database
from tests.town import Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY_EARLY = datetime(2026, 11, 23, 7, 0, tzinfo=AMSTERDAM)
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)


def next_digest(db: Database, config: Config, now: datetime) -> str:
    with db.transaction() as session:
        [entry] = Digest(config, time_rules(config)).planned(session, now)
    assert entry.job_id == "digest:daily"
    return f"{entry.at.astimezone(AMSTERDAM):%a %d %H:%M}"


def test_the_next_digest_is_todays_until_it_went_out(db: Database, config: Config) -> None:
    assert next_digest(db, config, MONDAY_EARLY) == "Mon 23 08:30"
    assert next_digest(db, config, MONDAY_NOON) == "Mon 23 08:30"  # due: it goes at once


def test_a_day_has_one_digest_and_a_missed_day_is_caught_up(
    town: Town, jobs: FollowUpJobs, config: Config
) -> None:
    monday = datetime(2026, 11, 23, 8, 30, tzinfo=AMSTERDAM)
    assert fire(town, jobs, "digest:daily", monday) == Firing()  # nothing wrong: no message
    assert fire(town, jobs, "digest:daily", monday).later is not None  # done for today
    assert next_digest(town.db, config, MONDAY_NOON) == "Tue 24 08:30"
    thursday = datetime(2026, 11, 26, 12, 0, tzinfo=AMSTERDAM)  # down since Monday
    assert next_digest(town.db, config, thursday) == "Thu 26 08:30"


def test_it_tells_the_coordinators_what_is_wrong(
    town: Town, jobs: FollowUpJobs, config: Config
) -> None:
    reference = town.submit("bewoner")
    escalated = datetime(2026, 11, 30, 12, 0, tzinfo=AMSTERDAM)
    fire(town, jobs, f"unclaimed:{reference}", escalated)
    fire(town, jobs, f"escalate:{reference}", escalated)
    with town.db.transaction() as session:  # the team chat turned out to be gone
        rows = queries.unsent_messages(session, False)
        row = next(row for row in rows if row.chat_id == "team-west")
        queries.mark_attempt_failed(session, row.id, "chat not found", None)
    before = len(town.inbox("coordinator"))

    digest_time = datetime(2026, 12, 1, 8, 30, tzinfo=AMSTERDAM)
    assert fire(town, jobs, "digest:daily", digest_time) == Firing(sent=1)
    digest = town.last("coordinator")
    assert digest.startswith("Dagelijks overzicht: er vraagt iets je aandacht.")
    assert "1 bericht kon niet worden afgeleverd" in digest
    assert "Teamchats die de bot niet kan bereiken: Kernteam West." in digest
    assert (
        f"{reference} \u201cBankje bij de haven\u201d (Kernteam West, maandag 23 november)"
        in digest
    )
    assert fire(town, jobs, "digest:daily", digest_time) != Firing(sent=1)  # once a day
    assert len(town.inbox("coordinator")) == before + 1


def test_no_digest_when_switched_off_or_in_quiet_hours(db: Database, config: Config) -> None:
    off = config.model_copy(
        update={"schedule": config.schedule.model_copy(update={"digest_at": ""})}
    )
    with db.transaction() as session:
        assert Digest(off, time_rules(off)).planned(session, MONDAY_EARLY) == []
    early = config.model_copy(
        update={"schedule": config.schedule.model_copy(update={"digest_at": "06:45"})}
    )
    assert next_digest(db, early, datetime(2026, 11, 23, 6, 0, tzinfo=AMSTERDAM)) == "Mon 23 08:00"
