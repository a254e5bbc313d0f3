"""Return days planned from chat and config, reminded, answered, moved and cancelled.

On SQLite and PostgreSQL; the harness's clock stands on Monday 23 November 2026.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, ReturnDaySettings
from bot.returndays.desk import ReturnDays
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from tests.town import Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK_BEFORE = datetime(2026, 12, 3, 19, 30, tzinfo=AMSTERDAM)
DAY_BEFORE = datetime(2026, 12, 9, 19, 30, tzinfo=AMSTERDAM)
PLAN = "terugkomdag 2026-12-10 19:30 Dorpshuis Ouddorp voor alle"


@pytest.fixture
def residents(town: Town) -> dict[str, str]:
    """Three initiators: two in Ouddorp, one in Stellendam."""
    return {
        "bewoner": town.submit("bewoner", area="ouddorp"),
        "buurman": town.submit("buurman", area="ouddorp", theme="verkeer"),
        "overbuur": town.submit("overbuur", area="stellendam"),
    }


def planned(town: Town, jobs: FollowUpJobs) -> dict[str, str]:
    with town.db.transaction() as session:
        return {
            entry.job_id: f"{entry.at.astimezone(AMSTERDAM):%Y-%m-%d %H:%M}"
            for entry in jobs.planned(session, ["1"], WEEK_BEFORE)
        }


def test_a_coordinator_plans_one_and_its_reminders_are_planned(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    assert town.say("coordinator", PLAN)
    assert town.last("coordinator").startswith(
        "Terugkomdag 1 gepland: donderdag 10 december om 19.30 uur in Dorpshuis Ouddorp, "
        "voor alle initiatiefnemers."
    )
    assert planned(town, jobs) == {
        "returnday:1:0": "2026-12-03 19:30",
        "returnday:1:1": "2026-12-09 19:30",
    }


def test_the_reminder_reaches_everyone_invited_once(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", PLAN)
    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=3)
    for resident in residents:
        assert town.last(resident).startswith(
            "Herinnering: de terugkomdag van Goeree-Overflakkee is op donderdag 10 december om "
            "19.30 uur in "
            "Dorpshuis Ouddorp. Kom je?"
        )
    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing()
    assert list(planned(town, jobs)) == ["returnday:1:1"]


def test_answers_are_counted_and_listed_for_the_organiser(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", PLAN)
    fire(town, jobs, "returnday:1:0", WEEK_BEFORE)
    assert town.say("bewoner", "", payload="rsvp:1:yes")
    assert town.last("bewoner") == "Bedankt, tot op de terugkomdag!"
    assert town.say("buurman", "", payload="rsvp:1:maybe")
    assert town.say("overbuur", "", payload="rsvp:1:no")
    assert town.say("overbuur", "", payload="rsvp:1:yes")  # changed their mind: the last counts
    assert not town.say("indringer", "", payload="rsvp:1:yes")  # not invited
    assert not town.say("bewoner", "", payload="rsvp:1:perhaps")

    town.say("coordinator", "terugkomdag 1")
    overview = town.last("coordinator")
    assert "Komen: 2 · komen niet: 0 · misschien: 1 · geen antwoord: 0" in overview
    assert f"Anna de Vries ({residents['bewoner']})" in overview
    town.say("coordinator", "terugkomdag 1", chat="team-west")  # a group: counts only
    assert "Komen: 2" in town.last("team-west")
    assert "Anna de Vries" not in town.last("team-west")


def test_moving_tells_those_coming_and_arms_the_reminders_again(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", PLAN)
    fire(town, jobs, "returnday:1:0", WEEK_BEFORE)
    town.say("bewoner", "", payload="rsvp:1:yes")
    town.say("buurman", "", payload="rsvp:1:maybe")
    town.say("overbuur", "", payload="rsvp:1:no")
    before = town.inbox("overbuur")

    assert town.say("coordinator", "terugkomdag 1 verzet 17-12-2026 20:00 Het Diekhuis")
    moved = (
        "De terugkomdag van donderdag 10 december om 19.30 uur is verzet naar "
        "donderdag 17 december om 20.00 uur in Het Diekhuis."
    )
    assert town.last("bewoner") == moved
    assert town.last("buurman") == moved
    assert town.inbox("overbuur") == before  # said no: not bothered
    assert town.last("coordinator").startswith("Terugkomdag 1 is verzet; 2 mensen")
    assert planned(town, jobs) == {
        "returnday:1:0": "2026-12-10 20:00",
        "returnday:1:1": "2026-12-16 20:00",
    }


def test_cancelling_tells_those_coming_and_ends_the_reminders_and_answers(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", PLAN)
    fire(town, jobs, "returnday:1:0", WEEK_BEFORE)
    town.say("bewoner", "", payload="rsvp:1:yes")
    assert town.say("coordinator", "terugkomdag 1 annuleer")
    assert town.last("bewoner") == (
        "De terugkomdag van donderdag 10 december om 19.30 uur is afgelast. Het spijt ons."
    )
    assert planned(town, jobs) == {}
    assert fire(town, jobs, "returnday:1:1", DAY_BEFORE) == Firing()
    assert not town.say("buurman", "", payload="rsvp:1:yes")
    assert not town.say("coordinator", "terugkomdag 1 annuleer")  # once is enough


def test_an_audience_of_areas_or_a_team(
    town: Town, jobs: FollowUpJobs, residents: dict[str, str]
) -> None:
    town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Stellendam")
    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=1)
    assert town.last("overbuur").startswith("Herinnering: de terugkomdag")
    assert not town.last("bewoner").startswith("Herinnering: de terugkomdag")

    town.say("coordinator", "terugkomdag 2026-12-11 10:00 Gemeentehuis voor team west")
    assert "voor de leden van Kernteam West" in town.last("coordinator")
    assert fire(town, jobs, "returnday:2:0", datetime(2026, 12, 4, 10, tzinfo=AMSTERDAM)) == Firing(
        sent=1
    )
    assert town.last("anna").startswith("Herinnering: de terugkomdag")
    assert town.say("anna", "", payload="rsvp:2:yes")


def test_only_coordinators_plan_and_unclear_commands_are_explained(
    town: Town, residents: dict[str, str]
) -> None:
    assert not town.say("anna", PLAN)
    assert town.last("anna") == "Alleen coördinatoren plannen terugkomdagen."
    assert not town.say("coordinator", "terugkomdag morgen in het dorpshuis")
    assert town.last("coordinator").startswith("Een terugkomdag plannen:")
    assert not town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis voor kern Atlantis")
    assert town.last("coordinator").startswith("Voor wie?")
    assert not town.say("coordinator", "terugkomdag 2026-11-20 19:30 Dorpshuis voor alle")
    assert town.last("coordinator").startswith("Dat moment is al voorbij")
    assert not town.say("coordinator", "terugkomdag 9")
    assert town.last("coordinator") == "Er is geen terugkomdag 9."
    town.say("coordinator", "terugkomdag")
    assert town.last("coordinator") == "Er zijn geen terugkomdagen gepland."


def test_a_resident_typing_the_word_is_not_planning_anything(
    town: Town, residents: dict[str, str]
) -> None:
    town.say("bewoner", PLAN)
    town.say("coordinator", "terugkomdag")
    assert town.last("coordinator") == "Er zijn geen terugkomdagen gepland."


def test_return_days_from_the_config_are_planned_moved_and_cancelled(
    db: Database, config: Config, flow: Flow, town: Town, residents: dict[str, str]
) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)

    def synced(*days: ReturnDaySettings) -> list[str]:
        names = Names(config.model_copy(update={"return_days": list(days)}), flow)
        with db.transaction() as session:
            return ReturnDays(names, time_rules(config)).sync_config(session, now)

    spring = ReturnDaySettings(
        key="lente", at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM), place="Diekhuus"
    )
    assert synced(spring) == ["1"]
    assert synced(spring) == []  # nothing changed
    town.say("coordinator", "terugkomdag")
    assert "1: donderdag 10 december om 19.30 uur, Diekhuus (alle initiatiefnemers)" in town.last(
        "coordinator"
    )

    town.say("bewoner", "", payload="rsvp:1:yes")  # (a button from an earlier reminder)
    later = spring.model_copy(update={"at": datetime(2026, 12, 11, 19, 30, tzinfo=AMSTERDAM)})
    assert synced(later) == ["1"]
    assert "verzet naar vrijdag 11 december om 19.30 uur" in town.last("bewoner")
    assert synced() == ["1"]
    assert "afgelast" in town.last("bewoner")
    past = ReturnDaySettings(
        key="oud", at=datetime(2026, 3, 12, 19, 30, tzinfo=AMSTERDAM), place="Diekhuus"
    )
    assert synced(past) == []
