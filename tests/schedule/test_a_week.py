"""A week of life on the scheduler: the bot started every morning and every noon of a
week with the clock moved on, as a bot that runs all week sees its follow-ups come due.

Monday, three initiatives come in for Kernteam West and one for Kernteam Midden; Anna
takes one up and plans to meet its initiator on Wednesday. On Tuesday one more comes
in for West. Check-ins come three days after the claim here, so the week holds one.
"""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import FollowUpJobs
from bot.schedule.scheduler import FollowUpScheduler
from bot.texts.formatting import date_in_words
from storage.db import Database
from tests.clocks import a_quiet_week
from tests.town import Clock, Town

ROUND = "Herinnering: "  # how a team's morning round begins
OLD_CHECKIN = "al contact met je gehad?"


@pytest.fixture
def week_config(config: Config) -> Config:
    schedule = config.schedule.model_copy(update={"checkin_after": "3 days"})
    return config.model_copy(update={"schedule": schedule})


@pytest.fixture
def clock(week_config: Config) -> Clock:
    return Clock(a_quiet_week(time_rules(week_config)))


@pytest.fixture
def town(db: Database, week_config: Config, flow: Flow, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, Names(week_config, flow), setting, clock))


def start_and_stop(db: Database, config: Config, flow: Flow, clock: Clock) -> None:
    """A start of `run`: what fell due goes out, then it stops again."""
    jobs = FollowUpJobs(Names(config, flow), time_rules(config))

    async def session() -> None:
        followups = FollowUpScheduler(db, jobs, clock, lambda: None)
        await followups.start()
        await followups.stop()

    asyncio.run(session())


def moments(monday: datetime, config: Config) -> Iterator[tuple[int, datetime]]:
    """Each day of the week at the end of the quiet hours and at noon, local time."""
    zone = config.bot.zone
    for day in range(7):
        date = (monday + timedelta(days=day)).astimezone(zone).date()
        for at in (time(8, 0, 30), time(12)):
            yield day, datetime.combine(date, at, zone).astimezone(UTC)


def test_a_week_brings_one_round_per_team_a_morning_and_no_check_in_after_the_meeting(
    town: Town, db: Database, week_config: Config, flow: Flow, clock: Clock
) -> None:
    monday = clock.now
    west = [town.submit(resident) for resident in ("bewoner", "buurvrouw", "overbuur")]
    midden = town.submit("dorpsgenoot", area="middelharnis")
    met = west[2]
    assert town.say("anna", f"oppakken {met}", chat="team-west")
    wednesday = (monday + timedelta(days=2)).astimezone(week_config.bot.zone)
    appointment = f"afspraak {met} {wednesday:%Y-%m-%d} 14:00 Dorpshuis Ouddorp"
    assert town.say("anna", appointment, chat="team-west")

    rounds: dict[str, list[tuple[int, str]]] = {"team-west": [], "team-midden": []}
    seen = {chat: len(town.inbox(chat)) for chat in rounds}
    late: list[str] = []  # handed in on Tuesday morning
    to_resident: list[tuple[int, str]] = []  # what the one Anna met heard, by day
    for day, moment in moments(monday, week_config):
        clock.now = moment
        if day == 1 and not late:
            late.append(town.submit("nieuwkomer"))
        start_and_stop(db, week_config, flow, clock)
        for chat, found in rounds.items():
            sent = town.inbox(chat)[seen[chat] :]
            seen[chat] += len(sent)
            found.extend((day, text) for text in sent if text.startswith(ROUND))
        to_resident.extend((day, text) for text in town.inbox("overbuur")[len(to_resident) :])

    # One round a morning at most, and only on the mornings something fell due:
    # Wednesday for Monday's, Thursday for Tuesday's (with Monday's, still waiting).
    assert [day for day, _ in rounds["team-west"]] == [2, 3]
    wednesday_round, thursday_round = (text for _, text in rounds["team-west"])
    assert all(f"{reference} " in wednesday_round for reference in west[:2])
    assert met not in wednesday_round  # taken up
    assert all(f"{reference} " in thursday_round for reference in [*west[:2], *late])
    assert [day for day, _ in rounds["team-midden"]] == [2]
    assert f"{midden} " in rounds["team-midden"][0][1]

    # Three days after the claim, the check-in fell due on Thursday, the day after the
    # meeting: it waited three days from the meeting instead (Saturday afternoon, so it
    # went at Sunday's first start) and then asked how it went.
    assert not [text for _, text in to_resident if OLD_CHECKIN in text]
    [(day, checkin)] = [(d, t) for d, t in to_resident if t.startswith("Hoe ging het gesprek")]
    assert day == 6
    met_on = date_in_words(wednesday, week_config.bot.zone, "nl")
    assert checkin.startswith(f"Hoe ging het gesprek met Anna op {met_on} over {met} ")
