"""A contact who left the team (removed from the config, or moved to another team) holds
nothing of it any more: at start, and whenever their initiative's holder is to be told
something, it goes back to the team, which hears so; they receive nothing more.

On SQLite and PostgreSQL; the harness's clock stands on Monday 23 November 2026.
"""

import asyncio
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.app import App, build_setting
from bot.cases import receipts, texts
from bot.cases.departures import LEFT_THE_TEAM
from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, Person
from bot.followups import texts as followup_texts
from bot.inbox.service import Inbox
from bot.schedule.jobs import Firing, FollowUpJobs
from bot.vocabulary import Status
from storage import queries
from storage.db import Database
from tests.platform import RecordingPlatform
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TITLE = "Bankje bij de haven"
CHECKIN_DAY = datetime(2026, 12, 3, 12, 0, tzinfo=AMSTERDAM)  # ten days after the claim
DAY_BEFORE = datetime(2026, 12, 9, 14, 0, tzinfo=AMSTERDAM)  # before the appointment


def without_anna(config: Config, moved_to: str = "") -> Config:
    """The config after Anna left team West (Wim came instead), or moved to `moved_to`."""
    anna = Person(account="console:anna", name="Anna")

    def members(key: str) -> tuple[Person, ...]:
        if key == "west":
            return (Person(account="console:wim", name="Wim"),)
        if key == moved_to:
            return (*config.team(key).members, anna)
        return config.team(key).members

    teams = [team.model_copy(update={"members": members(team.key)}) for team in config.teams]
    return config.model_copy(update={"teams": teams})


def town_of(db: Database, config: Config, flow: Flow, clock: Clock) -> Town:
    """The bot started again on `config`, on the same database."""
    return Town(db, Inbox(db, Names(config, flow), build_setting(config, flow), clock))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def here(db: Database, config: Config, flow: Flow, clock: Clock) -> Town:
    """The town as it was, with the clock the test moves on."""
    return town_of(db, config, flow, clock)


@pytest.fixture
def taken_up(here: Town) -> str:
    reference = here.submit("bewoner")
    assert here.say("anna", f"oppakken {reference}", chat="team-west")
    return reference


def left(config: Config, reference: str) -> str:
    return texts.contact_left("Anna", reference, TITLE, config.team("west").language).text


@pytest.mark.parametrize("moved_to", ["", "midden"], ids=["removed", "moved"])
def test_a_residents_message_goes_to_the_team_with_a_notice_not_to_the_contact(
    here: Town, taken_up: str, config: Config, flow: Flow, clock: Clock, moved_to: str
) -> None:
    anna_before, team_before = here.inbox("anna"), here.inbox("team-west")
    later = town_of(here.db, without_anna(config, moved_to), flow, clock)

    assert later.say("bewoner", "Wanneer komt het bankje?")

    assert later.inbox("anna") == anna_before  # nothing queued for her any more
    notice = left(config, taken_up)
    relayed = texts.relayed_unclaimed(taken_up, TITLE, "Wanneer komt het bankje?", "nl").text
    assert later.inbox("team-west") == [*team_before, notice, relayed]
    assert "console:anna" not in notice  # her name, not her account
    assert later.last("bewoner") == receipts.passed_on("Kernteam West", taken_up, "nl")
    initiative = later.initiative(taken_up)
    assert (initiative.status, initiative.claimed_by, initiative.claimed_by_name) == (
        Status.SUBMITTED,
        None,
        None,
    )
    assert ("released", "bot", LEFT_THE_TEAM) in later.trail(taken_up)
    assert later.trail(taken_up)[-1] == (
        "relayed_to_contact",
        "resident",
        {"text": "Wanneer komt het bankje?", "to": "team:west"},
    )
    # The team can take it up again; Anna cannot act on it.
    assert not later.say("anna", f"vrijgeven {taken_up}", chat="team-west")
    assert later.say("wim", f"oppakken {taken_up}", chat="team-west")
    assert later.initiative(taken_up).claimed_by == "console:wim"


def test_a_contact_still_on_the_team_keeps_it(
    here: Town, taken_up: str, config: Config, flow: Flow, clock: Clock
) -> None:
    stays = config.model_copy(update={"teams": list(config.teams)})  # a restart, no change
    later = town_of(here.db, stays, flow, clock)
    later.say("bewoner", "Wanneer komt het bankje?")
    assert "Wanneer komt het bankje?" in later.last("anna")
    assert later.initiative(taken_up).claimed_by == "console:anna"


def test_after_a_close_the_team_reads_the_resident_and_may_answer(
    here: Town, taken_up: str, config: Config, flow: Flow, clock: Clock
) -> None:
    assert here.say("anna", f"sluiten {taken_up} klaar Het bankje staat er.")
    anna_before = here.inbox("anna")
    later = town_of(here.db, without_anna(config), flow, clock)

    later.say("bewoner", "Wie moet ik nu bellen?")

    assert later.inbox("anna") == anna_before
    assert later.last("team-west") == texts.relayed_after_close(
        taken_up, "Wie moet ik nu bellen?", "nl"
    )
    initiative = later.initiative(taken_up)
    assert (initiative.status, initiative.claimed_by_name) == (Status.DONE, "Anna")  # as closed
    assert later.say("wim", f"antwoord {taken_up} Bel de gemeente.", chat="team-west")
    assert "Bel de gemeente." in later.last("bewoner")


def test_a_withdrawal_tells_the_team_once_not_first_that_it_is_free(
    here: Town, taken_up: str, config: Config, flow: Flow, clock: Clock
) -> None:
    anna_before, team_before = here.inbox("anna"), here.inbox("team-west")
    later = town_of(here.db, without_anna(config), flow, clock)

    assert later.say("bewoner", f"intrekken {taken_up} ja")

    assert later.inbox("anna") == anna_before
    withdrawn = texts.withdrawn_by_resident(taken_up, TITLE, "nl")
    assert later.inbox("team-west") == [*team_before, withdrawn]
    kinds = [kind for kind, _, _ in later.trail(taken_up)]
    assert kinds[-2:] == ["released", "withdrawn"]  # the trail keeps both
    assert later.initiative(taken_up).status == Status.WITHDRAWN


def test_check_in_and_appointment_answers_do_not_reach_a_contact_who_left(
    here: Town, taken_up: str, config: Config, flow: Flow, clock: Clock, jobs: FollowUpJobs
) -> None:
    # The check-in first: an appointment planned before it would put it off (issue 20).
    assert fire(here, jobs, f"checkin:{taken_up}", CHECKIN_DAY) == Firing(sent=1)
    assert here.say("anna", f"afspraak {taken_up} 10-12-2026 14:00 Dorpshuis", "team-west")
    assert fire(here, jobs, f"appointment:{taken_up}", DAY_BEFORE) == Firing(sent=1)
    anna_before, team_before = here.inbox("anna"), here.inbox("team-west")
    clock.now = DAY_BEFORE.astimezone(UTC)
    later = town_of(here.db, without_anna(config), flow, clock)

    assert later.say("bewoner", "", payload=f"ci:{taken_up}:no")
    initiative = later.initiative(taken_up)
    worried = followup_texts.worried_answer(initiative, "no", "nl")
    assert later.inbox("team-west") == [*team_before, left(config, taken_up), worried]
    assert later.last("bewoner") == followup_texts.contact_asked_to_call(
        "Kernteam West", "no", "nl"
    )

    assert later.say("bewoner", "", payload=f"appt:{taken_up}:move")
    assert later.last("team-west").startswith(f"De initiatiefnemer van {taken_up} wil de afspraak")
    assert later.last("bewoner") == followup_texts.appointment_answered(
        "Kernteam West", "move", "nl"
    )
    assert later.inbox("anna") == anna_before


def test_a_contact_who_left_is_not_told_their_question_went_unanswered(
    here: Town, taken_up: str, config: Config, flow: Flow
) -> None:
    assert here.say("anna", f"vraag {taken_up} Waar precies?", chat="team-west")
    anna_before = here.inbox("anna")
    changed = without_anna(config)
    jobs = FollowUpJobs(Names(changed, flow), time_rules(changed))
    week_later = datetime(2026, 12, 1, 12, 0, tzinfo=AMSTERDAM)  # 5 working days on
    assert fire(here, jobs, f"question:{taken_up}", week_later) == Firing(sent=0)
    assert here.inbox("anna") == anna_before
    assert here.trail(taken_up)[-1][0] == "question_unanswered"  # the trail keeps it


def test_at_start_the_initiatives_of_a_contact_who_left_go_back_to_their_team(
    here: Town, taken_up: str, config: Config, flow: Flow, db: Database
) -> None:
    kept = here.submit("buurman", area="middelharnis")
    assert here.say("bram", f"oppakken {kept}", chat="team-midden")
    anna_before, team_before = here.inbox("anna"), here.inbox("team-west")
    app = App(without_anna(config), flow, db, {"console": RecordingPlatform()})

    async def start_and_stop() -> None:
        await app.followups.start()
        await app.followups.stop()

    asyncio.run(start_and_stop())

    assert here.inbox("team-west") == [*team_before, left(config, taken_up)]
    assert here.inbox("anna") == anna_before
    assert here.initiative(taken_up).status == Status.SUBMITTED
    assert here.initiative(kept).claimed_by == "console:bram"  # Bram is still on his team
    with db.transaction() as session:
        planned = {job for job, _ in queries.scheduled_jobs(session)}
    assert f"unclaimed:{taken_up}" in planned  # the team's reminders start again
    asyncio.run(start_and_stop())  # a second start finds nothing more to do
    assert here.inbox("team-west") == [*team_before, left(config, taken_up)]
