"""A week of life between teams on the scheduler, on SQLite and PostgreSQL: the bot started
every night, every morning as the quiet hours end, at noon, and right after each forward
(a running bot fires at once what a change made due), with the clock moved on.

Monday, one initiative each comes in for Kernteam West, Oost and Midden. Wednesday
morning each team's round lists its own; then West forwards its initiative to Oost, and
one more comes in for Midden. Thursday Oost wants it back in West: that lands with the
coordinator, who sends it to Midden on Friday. The next Monday, five working days after
it came in, the coordinators hear that nobody took it up, and how often it moved.
"""

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import FollowUpJobs
from storage.db import Database
from tests.adapters.between_teams import ARRIVED, BACK, DECIDED, NOT_OURS, moved, referral
from tests.clocks import a_quiet_week
from tests.schedule.test_a_week import ROUND, start_and_stop
from tests.town import Clock, Town

TITLE = "Bankje bij de haven"
# Whose messages the week follows.
CHATS = ("team-west", "team-oost", "team-midden", "coordinator", "bewoner")
# Local time of each start: in the quiet hours, as they end, and at noon.
NIGHT, MORNING, NOON = time(1), time(8, 0, 30), time(12)
# A working day's morning, when the teams act.
AT_WORK = time(10)
Heard = dict[str, list[tuple[int, str]]]


@pytest.fixture
def clock(config: Config) -> Clock:
    return Clock(a_quiet_week(time_rules(config)))


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, names, setting, clock))


class Week:
    """The town's week: starts of the bot at moments of a day, and what each chat heard
    on which day (0 is the first Monday)."""

    def __init__(
        self, town: Town, config: Config, flow: Flow, clock: Clock, jobs: FollowUpJobs
    ) -> None:
        self.town, self.config, self.flow, self.clock, self.jobs = town, config, flow, clock, jobs
        self.monday = clock.now.astimezone(config.bot.zone).date()
        self.heard: Heard = {chat: [] for chat in CHATS}
        # The follow-ups still due after a start, by day: the running bot's replanning,
        # every five minutes, would fire them again and again.
        self.again: list[tuple[int, str, str]] = []
        self._seen = {chat: len(town.inbox(chat)) for chat in CHATS}

    def at(self, day: int, moment: time) -> None:
        """Move the clock to `moment` of `day`."""
        local = datetime.combine(self.monday + timedelta(days=day), moment, self.config.bot.zone)
        self.clock.now = local.astimezone(UTC)

    def start(self, day: int) -> None:
        """A start of the bot now: what fell due goes out."""
        start_and_stop(self.town.db, self.config, self.flow, self.clock)
        for chat in CHATS:
            new = self.town.inbox(chat)[self._seen[chat] :]
            self._seen[chat] += len(new)
            self.heard[chat].extend((day, text) for text in new)
        now = self.clock.now
        with self.town.db.transaction() as session:
            again = [e.job_id for e in self.jobs.planned(session, None, now) if e.at <= now]
        hour = f"{now.astimezone(self.config.bot.zone):%H:%M}"
        self.again.extend((day, hour, job_id) for job_id in again)

    def rounds(self, chat: str) -> list[tuple[int, str]]:
        return [(day, text) for day, text in self.heard[chat] if text.startswith(ROUND)]

    def days(self, chat: str, what: Callable[[str], bool]) -> list[int]:
        return [day for day, text in self.heard[chat] if what(text)]


def test_one_round_per_team_a_morning_and_a_second_forward_with_the_coordinators(
    town: Town, config: Config, flow: Flow, clock: Clock, jobs: FollowUpJobs
) -> None:
    week = Week(town, config, flow, clock, jobs)
    moving = town.submit("bewoner")
    oost = town.submit("dorpsgenoot", area="ooltgensplaat")
    midden = town.submit("overbuur", area="middelharnis")
    forwards = {
        2: ("anna", f"doorsturen {moving} oost {NOT_OURS}", "team-west"),
        3: ("carla", f"doorsturen {moving} west {BACK}", "team-oost"),
        4: ("coordinator", f"doorsturen {moving} midden {DECIDED}", ""),
    }
    late = ""  # Midden's second, handed in on Wednesday
    week.start(0)
    for day in range(8):
        for moment in (NIGHT, MORNING) if day else ():
            week.at(day, moment)
            week.start(day)
        if day in forwards:
            week.at(day, AT_WORK)
            contact, command, chat = forwards[day]
            assert town.say(contact, command, chat=chat)
            week.start(day)
        if day == 2:
            late = town.submit("buurman", area="middelharnis")
        week.at(day, NOON)
        week.start(day)

    # The second forward landed with the coordinator, not with West; her decision went.
    opening, earlier, now, _ = referral(moving, TITLE)
    [(day, asked)] = [(day, text) for day, text in week.heard["coordinator"] if opening in text]
    assert day == 3
    assert asked.startswith(f"{opening}\n")
    assert earlier in asked
    assert now in asked
    assert week.days("team-west", lambda text: ARRIVED in text) == []
    assert week.days("team-oost", lambda text: f"{ARRIVED}: {moving}" in text) == [2]
    assert week.days("team-midden", lambda text: f"{ARRIVED}: {moving}" in text) == [4]
    # The initiator heard of a move once, and on Monday, once, that the promise passed.
    assert [text for _, text in week.heard["bewoner"] if "past beter bij" in text] == [
        moved(moving)
    ]
    assert week.days("bewoner", lambda text: "nog niet opgepakt" in text) == [7]

    # The escalation kept Monday's clock and says the initiative moved twice.
    [(day, escalated)] = [
        (day, text)
        for day, text in week.heard["coordinator"]
        if text.startswith(f"Let op: {moving}")
    ]
    assert day == 7
    assert "Het ligt nu bij Kernteam Midden. 2 keer doorgestuurd." in escalated

    # Nothing stayed due after a start, to fire again at every replanning.
    assert week.again == [], f"due again after a start (day, time, job): {week.again}"

    # At most one round a team a day, on working mornings only as something fell due.
    # West's went before its forward; Oost's Thursday round lists what West sent it the
    # day before (it had had its round that morning); Midden gets the one the coordinator
    # sent it on Friday, after its round of that day, on Monday morning.
    for chat in ("team-west", "team-oost", "team-midden"):
        days = [day for day, _ in week.rounds(chat)]
        assert len(days) == len(set(days)), f"{chat} got more than one round a day: {days}"
    assert listed(week.rounds("team-west")) == [(2, {moving})]
    assert listed(week.rounds("team-oost")) == [(2, {oost}), (3, {moving, oost})]
    assert listed(week.rounds("team-midden")) == [
        (2, {midden}),
        (4, {midden, late}),
        (7, {moving, midden, late}),
    ]


def listed(rounds: list[tuple[int, str]]) -> list[tuple[int, set[str]]]:
    """Each round's day and the references it lists."""
    return [
        (day, {line.split()[1] for line in text.splitlines() if line.startswith("\u2022 ")})
        for day, text in rounds
    ]
