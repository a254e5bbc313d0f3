"""The followers' weekly message (issue 20, points 5 and 7), on SQLite and PostgreSQL.

The harness's clock stands on Monday 23 November 2026; the week's day is Monday, so
the message of Monday 30 November tells of 23 to 29 November.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, Follower, Locale
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from storage.models import Initiative
from tests.intake.chatting import DUTCH_INTAKE
from tests.town import Clock, Town, fire

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEK_DAY = datetime(2026, 11, 30, 9, 0, tzinfo=AMSTERDAM)
JOB = "followers:weekly"
DORPSRAAD = "dorpsraad-ouddorp"


def followed_by(config: Config, *followers: Follower) -> Config:
    return config.model_copy(update={"followers": list(followers)})


def dorpsraad(language: Locale = "en", areas: tuple[str, ...] = ("ouddorp",)) -> Follower:
    return Follower(
        name="Dorpsraad Ouddorp",
        areas=areas,
        chats=(f"console:{DORPSRAAD}",),
        language=language,
    )


def jobs_of(config: Config, flow: Flow) -> FollowUpJobs:
    """The follow-up jobs of the bot started on `config`."""
    return FollowUpJobs(Names(config, flow), time_rules(config))


def hand_in(town: Town, resident: str, title: str, area: str = "Ouddorp") -> str:
    """`resident` hands in an initiative titled `title` in `area`; its reference."""
    answers = [*DUTCH_INTAKE]
    answers[1], answers[3] = title, area
    for text in ["start", *answers, "ja"]:
        town.say(resident, text)
    with town.db.transaction() as session:
        found = session.scalars(select(Initiative.reference).where(Initiative.title == title)).one()
    return found


def a_week_in_ouddorp(town: Town) -> None:
    """One new, one taken up and one closed in Ouddorp; one new in Middelharnis."""
    hand_in(town, "lies", "Bankje bij de haven")
    taken = hand_in(town, "piet", "Bloembakken in de dorpsstraat")
    closed = hand_in(town, "joke", "Buurtfeest op het plein")
    hand_in(town, "kees", "Speeltuin bij de school", area="Middelharnis")
    assert town.say("anna", f"oppakken {taken}", chat="team-west")
    assert town.say("anna", f"oppakken {closed}", chat="team-west")
    assert town.say("anna", f"sluiten {closed} klaar Het feest was mooi.", chat="team-west")


def test_a_follower_reads_the_week_of_its_area_by_title_and_status_only(
    town: Town, config: Config, flow: Flow
) -> None:
    jobs = jobs_of(followed_by(config, dorpsraad()), flow)
    a_week_in_ouddorp(town)
    before = {chat: len(town.inbox(chat)) for chat in ("team-west", "coordinator", "lies")}

    assert fire(town, jobs, JOB, WEEK_DAY) == Firing(sent=1)
    assert town.inbox(DORPSRAAD) == [
        "Weekly news for Dorpsraad Ouddorp: initiatives in Ouddorp, "
        "Monday 23 November to Sunday 29 November.\n"
        "New:\n"
        "\u2022 \u201cBankje bij de haven\u201d: received, waiting for a contact person\n"
        "Taken up:\n"
        "\u2022 \u201cBloembakken in de dorpsstraat\u201d: a contact person is working on it\n"
        "Closed:\n"
        "\u2022 \u201cBuurtfeest op het plein\u201d: closed: it has been done"
    ]
    news = town.last(DORPSRAAD)
    for personal in ("Anna", "06-12345678", "ouderen", "mooi", "lies", "2026-"):
        assert personal not in news  # no names, contacts, residents' words or references
    assert {chat: len(town.inbox(chat)) for chat in before} == before  # nobody else

    assert fire(town, jobs, JOB, WEEK_DAY) != Firing(sent=1)  # once a week
    assert len(town.inbox(DORPSRAAD)) == 1


def test_a_follower_of_two_areas_reads_each_ones_name(
    town: Town, config: Config, flow: Flow
) -> None:
    jobs = jobs_of(followed_by(config, dorpsraad(areas=("ouddorp", "middelharnis"))), flow)
    a_week_in_ouddorp(town)
    fire(town, jobs, JOB, WEEK_DAY)
    news = town.last(DORPSRAAD)
    assert news.startswith(
        "Weekly news for Dorpsraad Ouddorp: initiatives in Ouddorp, Middelharnis,"
    )
    assert "\u2022 \u201cSpeeltuin bij de school\u201d (Middelharnis): received" in news
    assert "\u2022 \u201cBankje bij de haven\u201d (Ouddorp): received" in news


def next_week_day(town: Town, jobs: FollowUpJobs, now: datetime) -> str:
    with town.db.transaction() as session:
        [entry] = [e for e in jobs.planned(session, ["weekly"], now) if e.job_id == JOB]
    return f"{entry.at.astimezone(AMSTERDAM):%a %d %b %H:%M}"


def test_a_quiet_week_sends_nothing_and_a_missed_week_is_sent_once(
    town: Town, config: Config, flow: Flow
) -> None:
    jobs = jobs_of(followed_by(config, dorpsraad()), flow)
    assert next_week_day(town, jobs, datetime(2026, 11, 25, 12, 0, tzinfo=AMSTERDAM)) == (
        "Mon 23 Nov 09:00"  # this week's: due at once, as the digest of a day is
    )
    fire(town, jobs, JOB, datetime(2026, 11, 25, 12, 0, tzinfo=AMSTERDAM))
    assert next_week_day(town, jobs, WEEK_DAY) == "Mon 30 Nov 09:00"
    hand_in(town, "lies", "Bankje bij de haven")  # on Monday 23 November
    quiet = datetime(2026, 12, 7, 9, 0, tzinfo=AMSTERDAM)
    assert fire(town, jobs, JOB, WEEK_DAY) == Firing(sent=1)
    assert fire(town, jobs, JOB, quiet) == Firing()  # nothing happened: nothing sent

    # Down from 10 to 16 December: the week of the 14th is sent once, after the start.
    back = datetime(2026, 12, 16, 11, 0, tzinfo=AMSTERDAM)
    assert next_week_day(town, jobs, back) == "Mon 14 Dec 09:00"
    fire(town, jobs, JOB, back)
    assert next_week_day(town, jobs, back) == "Mon 21 Dec 09:00"
    assert len(town.inbox(DORPSRAAD)) == 1


def test_the_week_waits_for_the_end_of_the_quiet_hours(
    town: Town, config: Config, flow: Flow
) -> None:
    late = config.model_copy(
        update={
            "schedule": config.schedule.model_copy(
                update={"followers_day": "sun", "followers_at": "22:30"}
            )
        }
    )
    jobs = jobs_of(followed_by(late, dorpsraad()), flow)
    hand_in(town, "lies", "Bankje bij de haven")
    assert next_week_day(town, jobs, WEEK_DAY) == "Mon 30 Nov 08:00"  # Sunday's, at 08:00
    assert fire(town, jobs, JOB, datetime(2026, 11, 30, 8, 0, tzinfo=AMSTERDAM)) == Firing(sent=1)
    assert "Sunday 22 November to Saturday 28 November" in town.last(DORPSRAAD)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def here(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    """The town with a clock the test moves on."""
    return Town(db, Inbox(db, names, setting, clock))


@pytest.mark.parametrize("replaced", [False, True], ids=["removed", "replaced"])
def test_a_follower_removed_from_the_config_gets_nothing_more(
    here: Town, config: Config, flow: Flow, clock: Clock, replaced: bool
) -> None:
    hand_in(here, "lies", "Bankje bij de haven")
    assert fire(here, jobs_of(followed_by(config, dorpsraad()), flow), JOB, WEEK_DAY).sent == 1

    # The dorpsraad taken out of the config (another follower in its place), and the bot
    # started again on it; a week later.
    newcomer = Follower(name="Wijkteam West", areas=("ouddorp",), chats=("console:wijkteam",))
    jobs = jobs_of(followed_by(config, *([newcomer] if replaced else [])), flow)
    clock.now = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
    hand_in(here, "piet", "Bloembakken in de dorpsstraat")
    next_week = datetime(2026, 12, 7, 9, 0, tzinfo=AMSTERDAM)
    with here.db.transaction() as session:
        planned = [entry.job_id for entry in jobs.planned(session, None, next_week)]
    assert (JOB in planned) is replaced  # no followers: no weekly job at all
    assert fire(here, jobs, JOB, next_week) == Firing(sent=int(replaced))
    assert len(here.inbox(DORPSRAAD)) == 1  # only the week before it left
    assert len(here.inbox("wijkteam")) == int(replaced)
