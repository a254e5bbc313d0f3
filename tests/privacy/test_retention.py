"""Bewaartermijnen with a moved clock, on SQLite and PostgreSQL: warned, then erased,
and logged without saying whose."""

import io
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.app import build_setting
from bot.cases.timerules import time_rules
from bot.cli import admin
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import ConfigError, load_config
from bot.inbox.service import Inbox
from bot.schedule.jobs import Firing, FollowUpJobs
from storage import queries
from storage.db import Database
from storage.models import Conversation, DeletionEntry, OutboxMessage
from tests.configs import example, set_key
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
JOB = "retention:daily"


def at(day: str) -> datetime:
    """10:30 local on `day` (YYYY-MM-DD): after the daily run's time."""
    return datetime.fromisoformat(f"{day}T10:30").replace(tzinfo=AMSTERDAM)


def closed_initiative(town: Town) -> str:
    """Handed in, taken up and closed on Monday 23 November 2026, about 10:00 local."""
    reference = town.submit("bewoner")
    assert town.say("anna", f"claim {reference}", chat="team-west")
    assert town.say("anna", f"sluiten {reference} klaar Het bankje staat er!", chat="team-west")
    return reference


def deletion_log(town: Town) -> list[tuple[str, str, int]]:
    with town.db.transaction() as session:
        return [(e.cause, e.kind, e.count) for e in session.scalars(select(DeletionEntry))]


def test_a_closed_initiative_is_warned_about_and_then_erased(
    town: Town, jobs: FollowUpJobs
) -> None:
    reference = closed_initiative(town)
    before = len(town.inbox("bewoner"))

    assert fire(town, jobs, JOB, at("2027-11-08")) == Firing()  # 15 days before: nothing
    assert fire(town, jobs, JOB, at("2027-11-09")) == Firing(sent=1)
    warning = town.last("bewoner")
    assert f"Je initiatief {reference} is al een tijd afgesloten. Op dinsdag 23 november" in warning
    assert "mijn gegevens" in warning
    assert fire(town, jobs, JOB, at("2027-11-09")).sent == 0  # once a day
    assert fire(town, jobs, JOB, at("2027-11-10")) == Firing()  # warned once only
    assert len(town.inbox("bewoner")) == before + 1

    fire(town, jobs, JOB, at("2027-11-22"))
    assert town.initiative(reference).name == "Anna de Vries"  # not a day early
    fire(town, jobs, JOB, at("2027-11-23"))

    erased = town.initiative(reference)
    assert (erased.name, erased.contact, erased.sender_id, erased.title) == (None, None, "", "")
    assert (erased.status, erased.area) == ("done", "ouddorp")  # kept for statistics
    assert erased.erased_at is not None
    assert all("text" not in data for _, _, data in town.trail(reference))
    # Every message naming it went too (the rest of their chat goes 30 days after sending).
    assert not [text for text in town.inbox("bewoner") if reference in text]
    assert ("retention", "initiative_anonymised", 1) in deletion_log(town)


def test_a_bot_that_was_down_still_gives_the_resident_their_time(
    town: Town, jobs: FollowUpJobs
) -> None:
    reference = closed_initiative(town)

    assert fire(town, jobs, JOB, at("2027-12-01")) == Firing(sent=1)  # past the time: warned
    assert "Op woensdag 15 december" in town.last("bewoner")
    fire(town, jobs, JOB, at("2027-12-14"))
    assert town.initiative(reference).name == "Anna de Vries"
    fire(town, jobs, JOB, at("2027-12-15"))
    assert town.initiative(reference).name is None


def test_an_open_initiative_is_never_erased(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    fire(town, jobs, JOB, at("2029-01-15"))
    fire(town, jobs, JOB, at("2029-02-15"))
    assert town.initiative(reference).name == "Anna de Vries"


def test_an_abandoned_intake_goes_without_a_warning_once_it_expired(
    town: Town, jobs: FollowUpJobs
) -> None:
    for text in ["nieuw", "ja", "Een idee over de kerk"]:
        town.say("twijfelaar", text)
    town.submit("bewoner")  # someone with a handed-in initiative keeps it

    # After 7 days the intake is gone for the resident: nothing to warn about.
    assert fire(town, jobs, JOB, at("2026-12-09")) == Firing()
    fire(town, jobs, JOB, at("2026-12-22"))
    assert conversations(town) == ["bewoner", "twijfelaar"]
    fire(town, jobs, JOB, at("2026-12-23"))

    assert conversations(town) == []
    assert ("retention", "conversation", 2) in deletion_log(town)
    assert town.initiative(town.submit("bewoner")).name == "Anna de Vries"  # they go on


def conversations(town: Town) -> list[str]:
    with town.db.transaction() as session:
        return sorted(session.scalars(select(Conversation.sender_id)))


@pytest.fixture
def patient_town(db: Database, flow: Flow, tmp_path: Path) -> tuple[Town, FollowUpJobs, Clock]:
    """A municipality that keeps unfinished intakes for 60 days."""
    path = tmp_path / "config.toml"
    path.write_text(set_key(example(), "[intake]", "keep_unfinished_days", "60"))
    config = load_config(path)
    names = Names(config, flow)
    clock = Clock()
    town = Town(db, Inbox(db, names, build_setting(config, flow), clock))
    return town, FollowUpJobs(names, time_rules(config)), clock


def test_an_intake_still_alive_is_warned_about_and_a_message_restarts_the_clock(
    patient_town: tuple[Town, FollowUpJobs, Clock],
) -> None:
    town, jobs, clock = patient_town
    for text in ["nieuw", "ja", "Een idee over de kerk"]:
        town.say("twijfelaar", text)

    assert fire(town, jobs, JOB, at("2026-12-08")) == Firing()
    assert fire(town, jobs, JOB, at("2026-12-09")) == Firing(sent=1)  # 30 - 14 days
    assert "Op woensdag 23 december wissen we ons gesprek met je" in town.last("twijfelaar")

    clock.now = at("2026-12-10") - timedelta(hours=1)  # the resident comes back
    town.say("twijfelaar", "Het gaat om het plein voor de kerk")
    fire(town, jobs, JOB, at("2026-12-23"))
    assert conversations(town) == ["twijfelaar"]

    assert fire(town, jobs, JOB, at("2026-12-26")) == Firing(sent=1)  # warned again, later
    fire(town, jobs, JOB, at("2027-01-09"))
    assert conversations(town) == []


def test_old_messages_and_answers_to_past_return_days_go_after_30_days(
    town: Town, jobs: FollowUpJobs
) -> None:
    town.submit("bewoner")
    assert town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis Ouddorp voor alle")
    assert town.say("bewoner", "", payload="rsvp:1:yes")
    with town.db.transaction() as session:
        session.execute(OutboxMessage.__table__.update().values(state="sent"))
        queries.enqueue_many(
            session, [("console", "bewoner", {"text": "nog niet weg"})], at("2026-11-24")
        )

    fire(town, jobs, JOB, at("2026-12-22"))
    assert len(town.inbox("bewoner")) > 1
    fire(town, jobs, JOB, at("2027-01-10"))

    assert town.inbox("bewoner") == ["nog niet weg"]  # unsent rows are never deleted
    with town.db.transaction() as session:
        assert queries.return_day_answers(session, 1) == []
    kinds = {kind for _, kind, _ in deletion_log(town)}
    assert {"message", "return_day_answer"} <= kinds


def test_the_deletion_log_says_what_and_when_but_not_whose(
    town: Town, jobs: FollowUpJobs, db: Database
) -> None:
    closed_initiative(town)
    fire(town, jobs, JOB, at("2027-11-09"))
    fire(town, jobs, JOB, at("2027-11-23"))

    listing = io.StringIO()
    admin.list_deletions(db, AMSTERDAM, listing)
    lines = listing.getvalue().splitlines()
    assert "2027-11-23 10:30 CET\tretention period ended\tinitiative anonymised\t1" in lines
    assert not [line for line in lines if "bewoner" in line or "Anna" in line]


def test_nothing_erased_is_said_plainly(db: Database) -> None:
    listing = io.StringIO()
    admin.list_deletions(db, AMSTERDAM, listing)
    assert listing.getvalue() == "nothing has been erased yet\n"


def test_retention_settings_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(set_key(example(), "[retention]", "after_close", '"a year"'))
    with pytest.raises(ConfigError, match=r"retention\.after_close"):
        load_config(path)
    path.write_text(set_key(example(), "[retention]", "run_at", '"25:00"'))
    with pytest.raises(ConfigError, match=r"retention\.run_at"):
        load_config(path)
