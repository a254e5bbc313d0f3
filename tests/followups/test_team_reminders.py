"""The teams' morning round: one message per team chat, whatever number of initiatives
falls due, on SQLite and PostgreSQL.

The harness's clock hands in on Monday 23 November 2026, 10:00 in Amsterdam; jobs are
run with the time passed in.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.followups.texts import team_reminder
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from storage.models import Initiative, OutboxMessage
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEDNESDAY = datetime(2026, 11, 25, 8, 0, tzinfo=AMSTERDAM)  # two working days on: the round
THURSDAY = datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, names, setting, clock))


def buttons(town: Town, chat: str) -> list[list[str]]:
    """The buttons of the last message to `chat`: payload and label."""
    with town.db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == chat)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert row is not None
        return [list(choice) for choice in row.payload.get("choices", [])]


def test_one_morning_message_per_team_lists_all_that_wait(town: Town, jobs: FollowUpJobs) -> None:
    first = town.submit("bewoner")
    second = town.submit("buurvrouw")
    elsewhere = town.submit("overbuur", area="middelharnis")  # another team's kern
    before = len(town.inbox("team-west"))

    assert fire(town, jobs, f"unclaimed:{first}", WEDNESDAY) == Firing(sent=1)
    assert fire(town, jobs, f"unclaimed:{second}", WEDNESDAY) == Firing()  # in the round
    assert len(town.inbox("team-west")) == before + 1
    assert town.last("team-west") == (
        "Herinnering: deze 2 initiatieven wachten nog op iemand die ze oppakt:\n"
        f"\u2022 {first} \u201cBankje bij de haven\u201d, Ouddorp: wacht al 2 dagen\n"
        f"\u2022 {second} \u201cBankje bij de haven\u201d, Ouddorp: wacht al 2 dagen\n"
        "Typ \u201coppakken\u201d en een nummer om er een op te pakken, bijvoorbeeld "
        f"\u201coppakken {first}\u201d."
    )
    assert buttons(town, "team-west") == [
        [f"claim:{first}", f"Oppakken {first}"],
        [f"claim:{second}", f"Oppakken {second}"],
    ]
    for reference in (first, second):
        assert town.trail(reference)[-1] == ("reminded", "bot", {"team": "west"})
    assert elsewhere not in town.last("team-west")


def test_a_team_gets_one_round_a_morning_and_what_still_waits_comes_again(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    first = town.submit("bewoner")
    assert fire(town, jobs, f"unclaimed:{first}", WEDNESDAY) == Firing(sent=1)
    # Midden's, as old, forwarded to West after West's round: it keeps its clock, so
    # it is due already, and waits for West's next round.
    forwarded = town.submit("overbuur", area="middelharnis")
    clock.now = datetime(2026, 11, 25, 11, 0, tzinfo=AMSTERDAM)
    assert town.say("bram", f"doorsturen {forwarded} west Hoort bij West", "team-midden")
    assert fire(town, jobs, f"unclaimed:{forwarded}", clock.now) == Firing(later=THURSDAY)
    assert fire(town, jobs, f"unclaimed:{forwarded}", THURSDAY) == Firing(sent=1)
    thursday = town.last("team-west")
    assert thursday.startswith("Herinnering: deze 2 initiatieven wachten nog")
    assert f"{first} \u201cBankje bij de haven\u201d, Ouddorp: wacht al 3 dagen" in thursday
    assert f"{forwarded} \u201cBankje bij de haven\u201d, Middelharnis: wacht al 3 dagen" in (
        thursday
    )
    # The one reminded before is listed again, but its trail has one reminder.
    kinds = [kind for kind, _, _ in town.trail(first)]
    assert kinds.count("reminded") == 1


def test_a_reminder_due_after_its_teams_round_is_planned_for_the_next_round(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    """Planned for the morning that went, its job would fire and find the round gone at
    every replanning, every five minutes until the next morning."""
    fire(town, jobs, f"unclaimed:{town.submit('bewoner')}", WEDNESDAY)
    forwarded = town.submit("overbuur", area="middelharnis")
    clock.now = datetime(2026, 11, 25, 11, 0, tzinfo=AMSTERDAM)
    assert town.say("bram", f"doorsturen {forwarded} west Hoort bij West", "team-midden")
    with town.db.transaction() as session:
        planned = jobs.planned(session, [forwarded], clock.now)
    reminders = [entry.at for entry in planned if entry.job_id == f"unclaimed:{forwarded}"]
    assert reminders == [THURSDAY]
    # Midden's round had not gone: its own due reminders stay due.
    other = town.submit("buurman", area="middelharnis")
    with town.db.transaction() as session:
        planned = jobs.planned(session, [other], datetime(2026, 11, 27, 11, 0, tzinfo=AMSTERDAM))
    assert [entry.at for entry in planned if entry.job_id == f"unclaimed:{other}"] == [
        datetime(2026, 11, 27, 8, 0, tzinfo=AMSTERDAM)
    ]


def test_a_reminder_waits_for_a_working_morning_and_not_the_day_it_came(
    town: Town, jobs: FollowUpJobs, clock: Clock
) -> None:
    """The forward told the team already; at night or at the weekend nobody gets a round."""
    forwarded = town.submit("overbuur", area="middelharnis")
    clock.now = datetime(2026, 11, 26, 11, 0, tzinfo=AMSTERDAM)  # due since Wednesday
    assert town.say("bram", f"doorsturen {forwarded} west Hoort bij West", "team-midden")

    def reminder_at(now: datetime) -> list[datetime]:
        with town.db.transaction() as session:
            planned = jobs.planned(session, [forwarded], now)
        return [entry.at for entry in planned if entry.job_id == f"unclaimed:{forwarded}"]

    friday = datetime(2026, 11, 27, 8, 0, tzinfo=AMSTERDAM)
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=AMSTERDAM)
    assert reminder_at(clock.now) == [friday]  # West had no round today: still tomorrow
    assert reminder_at(datetime(2026, 11, 27, 1, 0, tzinfo=AMSTERDAM)) == [friday]
    assert reminder_at(datetime(2026, 11, 28, 10, 0, tzinfo=AMSTERDAM)) == [monday]  # Saturday
    # Started late on Friday, before West's round: the round is made up at once.
    late = datetime(2026, 11, 27, 9, 0, tzinfo=AMSTERDAM)
    [due] = reminder_at(late)
    assert due <= late
    assert fire(town, jobs, f"unclaimed:{forwarded}", late) == Firing(sent=1)
    assert reminder_at(late) == []


def test_nothing_is_sent_once_all_are_taken_up(town: Town, jobs: FollowUpJobs) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"oppakken {reference}", chat="team-west")
    before = town.inbox("team-west")
    assert fire(town, jobs, f"unclaimed:{reference}", WEDNESDAY) == Firing()
    assert town.inbox("team-west") == before


def test_an_english_team_reads_its_round_in_english(names: Names) -> None:
    """The age in words, in the team's language; the buttons as team notifications have."""
    now = datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM)
    waiting = [
        Initiative(reference="2026-0007", title="Bench", area="ouddorp", created_at=WEDNESDAY),
        Initiative(reference="2026-0009", title="Lights", area="onbekend", created_at=now),
    ]
    one = team_reminder(names, waiting[:1], now, "en")
    assert one.text == (
        "Reminder: this initiative is still waiting for someone to take it up:\n"
        "\u2022 2026-0007 \u201cBench\u201d, Ouddorp: waiting since yesterday\n"
        "Type \u201cclaim 2026-0007\u201d to take it up."
    )
    assert [choice.label for choice in one.choices] == ["Take it up", "Show"]
    both = team_reminder(names, waiting, now, "en")
    assert (
        both.text.splitlines()[2]
        == "\u2022 2026-0009 \u201cLights\u201d, onbekend: waiting since today"
    )
    assert [choice.key for choice in both.choices] == ["claim:2026-0007", "claim:2026-0009"]


def test_a_wait_in_days_that_ends_on_a_saturday_is_reminded_on_monday(
    db: Database, config: Config, flow: Flow, setting: Setting, clock: Clock
) -> None:
    days = config.schedule.model_copy(update={"remind_after": "2 days"})
    in_days = config.model_copy(update={"schedule": days})
    names = Names(in_days, flow)
    town = Town(db, Inbox(db, names, setting, clock))
    clock.now = datetime(2026, 11, 26, 10, 0, tzinfo=AMSTERDAM)  # Thursday
    reference = town.submit("bewoner")
    jobs = FollowUpJobs(names, time_rules(in_days))
    saturday = datetime(2026, 11, 28, 8, 0, tzinfo=AMSTERDAM)
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=AMSTERDAM)
    before = town.inbox("team-west")
    assert fire(town, jobs, f"unclaimed:{reference}", saturday) == Firing(later=monday)
    assert town.inbox("team-west") == before
    assert fire(town, jobs, f"unclaimed:{reference}", monday) == Firing(sent=1)
