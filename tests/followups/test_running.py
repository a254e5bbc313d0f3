"""An initiative that runs on by itself after the team's work, on SQLite and PostgreSQL:
closed as running, asked a year later whether it still runs, and each answer; its data
kept while it runs; and the resident's say over the question.

The harness's clock stands on Monday 23 November 2026, 10:00 in Amsterdam; jobs are run
with the time passed in, and the clock is moved for what the resident presses.
"""

from datetime import UTC

import pytest

from bot.cases import receipts, texts
from bot.cases.rules import Case, Why
from bot.cases.timerules import time_rules
from bot.cases.trail import STOPPED, UNHEARD, outcome_name
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, Person
from bot.followups import after_texts
from bot.followups import texts as followup_texts
from bot.inbox.service import Inbox
from bot.intake.forgetting import YES
from bot.intake.state import Setting
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from tests.followups.after_close import choices, closed_as, local, planned
from tests.town import Clock, Town, fire

YEAR_ON = local("2027-11-23 10:30")  # a Tuesday: a year after the close, on a working day
TITLE = "Bankje bij de haven"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, names, setting, clock))


@pytest.fixture
def running(town: Town) -> str:
    return closed_as(town, "loopt")


def asked_a_year_on(town: Town, jobs: FollowUpJobs, clock: Clock, reference: str) -> None:
    assert fire(town, jobs, f"yearly:{reference}", YEAR_ON) == Firing(sent=1)
    clock.now = YEAR_ON.astimezone(UTC)


def kinds(town: Town, reference: str) -> list[str]:
    return [kind for kind, _, _ in town.trail(reference)]


def test_running_is_not_the_teams_open_work_nor_finished_for_the_resident(
    town: Town, config: Config, running: str
) -> None:
    assert town.initiative(running).status == "running"
    told = town.last("bewoner")
    assert told.startswith(receipts.closed(running, "running", "Anna", "Dank je wel!", "nl"))
    assert told.endswith(receipts.asked_every_year("nl"))
    # Asked how satisfied the morning after; a year on, whether it still runs: nothing
    # for the team (no reminders), nothing else for the resident.
    assert planned(town, config, running) == {
        "rating": "2026-11-24 08:00",
        "yearly": "2027-11-23 10:00",
    }
    town.say("anna", "open", chat="team-west")
    assert running not in town.last("team-west")

    town.say("bewoner", "mijn")
    assert receipts.status_name("running", "nl") in town.last("bewoner")
    assert "Anna" in town.last("bewoner")  # who had it, to write to
    town.say("anna", f"toon {running}", chat="team-west")
    assert outcome_name("running", "nl") in town.last("team-west")


def test_a_running_initiative_can_only_be_written_to_or_closed(
    town: Town, config: Config, running: str
) -> None:
    case = Case(running, "west", "running", "console:anna", "Anna")
    refused = texts.refusal(Why.RUNNING, case, "Kernteam West", "nl")
    for command in (f"claim {running}", f"vrijgeven {running}", f"sluiten {running} loopt Nog"):
        assert not town.say("anna", command, chat="team-west")
        assert town.last("team-west") == refused
        assert town.initiative(running).status == "running"
    assert not town.say("bram", f"antwoord {running} Hallo", chat="team-midden")
    assert town.say("anna", f"antwoord {running} Hoe gaat het?", chat="team-west")
    assert "Hoe gaat het?" in town.last("bewoner")
    assert town.say("anna", f"sluiten {running} klaar Het loopt niet meer.", chat="team-west")
    assert town.initiative(running).status == "done"
    assert "yearly" not in planned(town, config, running)


def test_what_the_resident_writes_still_reaches_the_contact(
    town: Town, clock: Clock, running: str
) -> None:
    clock.now = local("2027-03-01 12:00").astimezone(UTC)  # long after any reopen window
    assert town.say("bewoner", "De bankjes zijn gesloopt, kunnen jullie helpen?")
    assert "De bankjes zijn gesloopt" in town.last("anna")
    assert kinds(town, running)[-1] == "relayed_to_contact"


def test_a_year_on_the_resident_is_asked_and_it_runs(
    town: Town, config: Config, jobs: FollowUpJobs, clock: Clock, running: str
) -> None:
    assert fire(town, jobs, f"yearly:{running}", local("2027-11-22 10:00")).later is not None
    asked_a_year_on(town, jobs, clock, running)
    assert TITLE in town.last("bewoner")
    assert [key for key, _ in choices(town, "bewoner")] == [
        f"yr:{running}:runs",
        f"yr:{running}:stopped",
        f"yr:{running}:help",
    ]
    assert fire(town, jobs, f"yearly:{running}", YEAR_ON).sent == 0  # once

    assert town.say("bewoner", "", payload=f"yr:{running}:runs")
    assert town.last("bewoner") == after_texts.still_runs("nl")
    assert town.trail(running)[-1] == ("yearly_answered", "resident", {"answer": "runs"})
    assert planned(town, config, running)["yearly"] == "2028-11-23 10:30"  # a year on again
    assert not town.say("bewoner", "", payload=f"yr:{running}:stopped")  # answered
    assert town.initiative(running).status == "running"


def test_stopped_closes_it_as_done_and_its_holder_hears(
    town: Town, config: Config, jobs: FollowUpJobs, clock: Clock, running: str
) -> None:
    asked_a_year_on(town, jobs, clock, running)
    assert town.say("bewoner", "", payload=f"yr:{running}:stopped")
    assert town.initiative(running).status == "done"
    assert town.trail(running)[-2:] == [
        ("yearly_answered", "resident", {"answer": "stopped"}),
        ("closed", "resident", {"outcome": "done", "cause": STOPPED}),
    ]
    assert town.last("bewoner") == after_texts.stopped(running, "nl")
    assert town.last("anna") == after_texts.stopped_to_holder(town.initiative(running), "nl")
    assert "yearly" not in planned(town, config, running)
    town.say("bewoner", "mijn")
    assert receipts.status_name("done", "nl") in town.last("bewoner")


def test_help_goes_to_the_contact_who_had_it(
    town: Town, jobs: FollowUpJobs, clock: Clock, running: str
) -> None:
    asked_a_year_on(town, jobs, clock, running)
    assert town.say("bewoner", "", payload=f"yr:{running}:help")
    initiative = town.initiative(running)
    assert town.last("anna") == after_texts.help_wanted(initiative, "nl")
    assert town.last("bewoner") == followup_texts.contact_asked_to_call("Anna", "no", "nl")
    assert initiative.status == "running"


def without_anna(config: Config) -> Config:
    """The config after Anna left team West and Wim came instead."""
    wim = (Person(account="console:wim", name="Wim"),)
    teams = [
        team.model_copy(update={"members": wim}) if team.key == "west" else team
        for team in config.teams
    ]
    return config.model_copy(update={"teams": teams})


def test_help_goes_to_the_team_when_the_contact_left(
    db: Database, config: Config, flow: Flow, setting: Setting, clock: Clock, running: str
) -> None:
    later = without_anna(config)
    town = Town(db, Inbox(db, Names(later, flow), setting, clock))
    jobs = FollowUpJobs(Names(later, flow), time_rules(later))
    before = town.inbox("anna")
    asked_a_year_on(town, jobs, clock, running)
    assert town.say("bewoner", "", payload=f"yr:{running}:help")
    assert town.last("team-west") == after_texts.help_wanted(town.initiative(running), "nl")
    assert town.inbox("anna") == before  # who left receives nothing
    assert town.last("bewoner") == followup_texts.contact_asked_to_call("Kernteam West", "no", "nl")


def test_with_questions_turned_off_it_is_closed_a_year_on_instead(
    town: Town, config: Config, jobs: FollowUpJobs, running: str
) -> None:
    """Nobody says it stopped: kept running, its data would be kept for good."""
    assert town.say("bewoner", f"geen herinneringen {running}")
    assert planned(town, config, running) == {"yearly": "2027-11-23 10:00"}
    asked_before = town.inbox("bewoner")
    assert fire(town, jobs, f"yearly:{running}", YEAR_ON) == Firing(sent=1)
    assert town.inbox("bewoner") == asked_before  # not asked
    assert town.initiative(running).status == "done"
    assert town.last("team-west") == after_texts.closed_unheard(town.initiative(running), "nl")
    assert town.trail(running)[-1] == (
        "closed",
        "bot",
        {"outcome": "done", "cause": UNHEARD},
    )
    assert planned(town, config, running) == {}


def test_two_yearly_questions_unanswered_and_the_third_year_closes_it(
    town: Town, config: Config, jobs: FollowUpJobs, clock: Clock, running: str
) -> None:
    asked_a_year_on(town, jobs, clock, running)
    second = local("2028-11-23 10:30")
    assert fire(town, jobs, f"yearly:{running}", second) == Firing(sent=1)
    assert town.initiative(running).status == "running"
    asked_before = town.inbox("bewoner")
    assert fire(town, jobs, f"yearly:{running}", local("2029-11-23 10:30")) == Firing(sent=1)
    assert town.inbox("bewoner") == asked_before
    assert town.initiative(running).status == "done"


def test_its_data_stays_while_it_runs_and_goes_after_it_stopped(
    town: Town, jobs: FollowUpJobs, clock: Clock, running: str
) -> None:
    retention = "retention:daily"
    for day in ("2027-11-09", "2027-11-24", "2027-12-01"):  # a closed one would go now
        assert fire(town, jobs, retention, local(f"{day} 10:30")).sent == 0
    assert town.initiative(running).erased_at is None

    asked_a_year_on(town, jobs, clock, running)
    assert town.say("bewoner", "", payload=f"yr:{running}:stopped")
    assert fire(town, jobs, retention, local("2028-11-08 11:00")).sent == 0
    assert fire(town, jobs, retention, local("2028-11-09 11:00")).sent == 1  # the warning
    assert running in town.last("bewoner")
    fire(town, jobs, retention, local("2028-11-24 11:00"))
    assert town.initiative(running).erased_at is not None


def test_forget_me_erases_a_running_one_and_nothing_more_is_asked(
    town: Town, jobs: FollowUpJobs, running: str
) -> None:
    assert town.say("bewoner", "vergeet mij")
    assert town.say("bewoner", "", payload=YES)
    assert town.initiative(running).erased_at is not None
    assert fire(town, jobs, f"yearly:{running}", YEAR_ON).sent == 0


def test_when_its_contact_left_the_team_may_write_and_close_it(
    db: Database, config: Config, flow: Flow, setting: Setting, clock: Clock, running: str
) -> None:
    """Nobody else holds it: it is not given back as open work, nor locked away."""
    later = without_anna(config)
    town = Town(db, Inbox(db, Names(later, flow), setting, clock))
    assert town.say("wim", f"antwoord {running} Hoe gaat het met de tuin?", chat="team-west")
    assert "Hoe gaat het met de tuin?" in town.last("bewoner")
    assert town.say("wim", f"sluiten {running} klaar De tuin is af.", chat="team-west")
    assert town.initiative(running).status == "done"
