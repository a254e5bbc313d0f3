"""The scheduler with its job store in the app's database, on SQLite and PostgreSQL.

The scheduler wakes by the system clock, so a test clock here only runs ahead of it
(as INITIATIEFBOT_TEST_CLOCK must): "three days later" is a restart with the clock
moved on, which is exactly what a bot that was down for three days sees.
"""

import asyncio
import contextlib
import io
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import delete, update

from bench import seed
from bot.app import build_setting, system_clock
from bot.cases.timerules import time_rules
from bot.cli import admin
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, load_config
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import FollowUpJobs
from bot.schedule.scheduler import (
    BATCH_ROWS,
    BorrowedEngineJobStore,
    FollowUpScheduler,
    SharedStoreScheduler,
    follow_up_due,
)
from storage import queries
from storage.db import Database
from storage.models import Initiative, ScheduledJob
from tests.clocks import a_quiet_week
from tests.conftest import EXAMPLE_CONFIG
from tests.town import Clock, Town

Scheduler = Callable[[], FollowUpScheduler]
DAILY_JOBS = ("digest:daily", "retention:daily", "followers:weekly")


@pytest.fixture(scope="module")
def config() -> Config:
    """The example without its return days: the one always a month ahead would be
    planned at every start, with its reminders, beside what these tests count."""
    return load_config(EXAMPLE_CONFIG).model_copy(update={"return_days": []})


@pytest.fixture(scope="module")
def names(config: Config, flow: Flow) -> Names:
    return Names(config, flow)


@pytest.fixture(scope="module")
def setting(config: Config, flow: Flow) -> Setting:
    return build_setting(config, flow)


@pytest.fixture
def clock(config: Config) -> Clock:
    return Clock(a_quiet_week(time_rules(config)))


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    return Town(db, Inbox(db, names, setting, clock))


class Sent:
    def __init__(self) -> None:
        self.times = 0

    def __call__(self) -> None:
        self.times += 1


@pytest.fixture
def sent() -> Sent:
    return Sent()


@pytest.fixture
def scheduler(db: Database, names: Names, config: Config, clock: Clock, sent: Sent) -> Scheduler:
    return lambda: FollowUpScheduler(db, FollowUpJobs(names, time_rules(config)), clock, sent)


def running(scheduler: Scheduler, then: Callable[[FollowUpScheduler], Awaitable[None]]) -> None:
    """Start a scheduler (as `run` does), do `then`, and stop it again."""

    async def session() -> None:
        followups = scheduler()
        await followups.start()
        try:
            await then(followups)
        finally:
            await followups.stop()

    asyncio.run(session())


async def nothing(_: FollowUpScheduler) -> None:
    return None


def jobs(db: Database) -> dict[str, datetime]:
    """The job store's jobs for initiatives (the daily jobs are always there)."""
    with db.transaction() as session:
        return {
            job: datetime.fromtimestamp(at, UTC)
            for job, at in queries.scheduled_jobs(session)
            if at is not None and job not in DAILY_JOBS
        }


def test_start_plans_the_follow_ups_and_schedule_list_shows_them(
    town: Town, db: Database, scheduler: Scheduler, clock: Clock, config: Config
) -> None:
    monday = clock.now
    reference = town.submit("bewoner")
    running(scheduler, nothing)

    planned = jobs(db)
    assert sorted(planned) == [
        f"escalate:{reference}",
        f"stale:{reference}",
        f"unclaimed:{reference}",
    ]
    # Two working days on, with the team's morning round: Wednesday at 08:00.
    wednesday = (monday + timedelta(days=2)).astimezone(config.bot.zone)
    assert planned[f"unclaimed:{reference}"] == wednesday.replace(hour=8, minute=0)
    listing = io.StringIO()
    admin.list_schedule(db, config.bot.zone, listing)
    [header, digest, retention, *lines] = listing.getvalue().splitlines()
    assert header == "when (Europe/Amsterdam)\tfollow-up\tabout\twhat it does"
    tuesday = (monday + timedelta(days=1)).astimezone(config.bot.zone)
    assert digest.startswith(tuesday.strftime("%Y-%m-%d 08:30 CE"))  # Monday's was done at start
    assert digest.split("\t")[1:3] == ["digest", "daily"]
    assert retention.startswith(tuesday.strftime("%Y-%m-%d 10:00 CE"))  # Monday's at start too
    assert retention.split("\t")[1:3] == ["retention", "daily"]
    # The followers' week (next Monday 09:00) has tests of its own.
    lines = [line for line in lines if line.split("\t")[1] != "followers"]
    assert lines[0].split("\t")[1:] == [
        "unclaimed",
        reference,
        "remind the team that nobody took it up",
    ]
    assert lines[0].startswith(wednesday.strftime("%Y-%m-%d 08:00 CE"))
    assert lines[1].split("\t")[1:3] == ["escalate", reference]


def test_nothing_planned_is_said_plainly(db: Database, config: Config) -> None:
    listing = io.StringIO()
    admin.list_schedule(db, config.bot.zone, listing)
    assert listing.getvalue() == "nothing is planned\n"


def test_a_reminder_due_during_downtime_goes_out_once_after_start(
    town: Town, db: Database, scheduler: Scheduler, clock: Clock, sent: Sent
) -> None:
    reference = town.submit("bewoner")
    running(scheduler, nothing)
    notices = len(town.inbox("team-west"))

    clock.now += timedelta(days=2, hours=3)  # Wednesday 13:00: the bot was down since Monday
    running(scheduler, nothing)
    assert len(town.inbox("team-west")) == notices + 1
    assert f"\u2022 {reference} " in town.last("team-west")
    assert sent.times == 1
    assert list(jobs(db)) == [f"escalate:{reference}", f"stale:{reference}"]

    clock.now += timedelta(minutes=5)  # started again: nothing goes out twice
    running(scheduler, nothing)
    assert len(town.inbox("team-west")) == notices + 1
    assert [kind for kind, _, _ in town.trail(reference)].count("reminded") == 1
    assert sent.times == 1


def test_a_week_of_downtime_sends_the_reminder_and_the_escalation_once(
    town: Town, db: Database, scheduler: Scheduler, clock: Clock
) -> None:
    reference = town.submit("bewoner")
    clock.now += timedelta(days=7, hours=1)  # never started in between
    running(scheduler, nothing)
    assert f"\u2022 {reference} " in town.last("team-west")
    assert town.last("coordinator").startswith(f"Let op: {reference}")
    assert list(jobs(db)) == [f"stale:{reference}"]
    running(scheduler, nothing)
    kinds = [kind for kind, _, _ in town.trail(reference)]
    assert (kinds.count("reminded"), kinds.count("escalated")) == (1, 1)


def test_a_job_lost_from_the_store_is_planned_again_at_start(
    town: Town, db: Database, scheduler: Scheduler
) -> None:
    reference = town.submit("bewoner")
    running(scheduler, nothing)
    before = jobs(db)
    with db.transaction() as session:  # e.g. a crash between our commit and the store's
        session.execute(delete(ScheduledJob))
    running(scheduler, nothing)
    assert jobs(db) == before
    assert f"unclaimed:{reference}" in before


def test_claiming_swaps_the_teams_jobs_for_a_check_in_and_forwarding_swaps_back(
    town: Town, db: Database, scheduler: Scheduler
) -> None:
    reference = town.submit("bewoner")

    async def claim_then_forward(followups: FollowUpScheduler) -> None:
        assert town.say("anna", f"claim {reference}", chat="team-west")
        await followups.replan([reference])
        assert sorted(jobs(db)) == [f"checkin:{reference}", f"stale:{reference}"]
        assert town.say("anna", f"doorsturen {reference} midden Hoort bij Midden", "team-west")
        await followups.replan([reference])

    running(scheduler, claim_then_forward)
    assert sorted(jobs(db)) == [
        f"escalate:{reference}",
        f"stale:{reference}",
        f"unclaimed:{reference}",
    ]


def test_a_closed_initiative_loses_its_jobs_at_the_next_start(
    town: Town, db: Database, scheduler: Scheduler
) -> None:
    reference = town.submit("bewoner")
    running(scheduler, nothing)
    closing = f"sluiten {reference} klaar Het bankje staat er!"
    assert town.say("anna", closing, chat="team-west")  # in another process
    running(scheduler, nothing)
    # What is left is the one question a close brings: how satisfied the initiator is.
    assert list(jobs(db)) == [f"rating:{reference}"]


def test_a_satisfaction_question_weeks_overdue_is_not_asked_late(
    town: Town,
    db: Database,
    scheduler: Scheduler,
    clock: Clock,
    names: Names,
    config: Config,
) -> None:
    """Down for a month after a close: the question would come out of nowhere."""
    reference = town.submit("bewoner")
    assert town.say("anna", f"sluiten {reference} klaar Klaar!", chat="team-west")
    clock.now += timedelta(days=30)
    running(scheduler, nothing)
    assert f"rating:{reference}" not in jobs(db)
    assert "rating_asked" not in [kind for kind, _, _ in town.trail(reference)]
    # Nor when something brings it up again (a late message of the initiator, say).
    with db.transaction() as session:
        planned = FollowUpJobs(names, time_rules(config)).planned(session, [reference], clock.now)
    assert [entry.job_id for entry in planned] == []


def test_a_withdrawn_initiative_loses_all_its_jobs_at_the_next_start(
    town: Town, db: Database, scheduler: Scheduler
) -> None:
    reference = town.submit("bewoner")
    running(scheduler, nothing)
    withdrawing = f"sluiten {reference} ingetrokken Op verzoek van de bewoner."
    assert town.say("anna", withdrawing, chat="team-west")
    running(scheduler, nothing)
    assert jobs(db) == {}


def any_time(config: Config) -> Config:
    """No quiet hours and every day a working day with no holidays: a test on the
    system clock runs at whatever time and day the machine has (a team's reminders go
    only in a working morning)."""
    always = config.schedule.model_copy(
        update={
            "quiet_hours": "00:00-00:00",
            "working_days": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
            "public_holidays": "",
        }
    )
    return config.model_copy(update={"schedule": always})


def test_the_scheduler_fires_a_due_job_by_itself(
    db: Database, config: Config, flow: Flow, setting: Setting, sent: Sent
) -> None:
    """On the system clock, as in production: APScheduler wakes and takes the jobs, whose
    function (`follow_up_due`) does nothing itself; the FollowUpScheduler hears and fires them."""
    config = any_time(config)
    names = Names(config, flow)
    two_weeks_ago = Clock(system_clock() - timedelta(days=14))
    town = Town(db, Inbox(db, names, setting, two_weeks_ago))
    jobs_ = FollowUpJobs(names, time_rules(config))

    async def submit_while_running(followups: FollowUpScheduler) -> None:
        reference = town.submit("bewoner")  # routed two weeks ago: both are overdue
        await followups.replan([reference])
        for _ in range(100):
            if sent.times == 2:
                break
            await asyncio.sleep(0.05)

    running(lambda: FollowUpScheduler(db, jobs_, system_clock, sent), submit_while_running)
    assert sent.times == 2
    assert town.last("team-west").startswith("Herinnering: dit initiatief wacht nog")
    assert town.last("coordinator").startswith("Let op: ")


def test_two_processes_sharing_the_job_store_send_once_and_keep_going(
    db: Database, config: Config, flow: Flow, setting: Setting
) -> None:
    """`run` and a `chat` at once: both may take the same due job; each message goes once
    and neither scheduler stops waking up."""
    config = any_time(config)
    names = Names(config, flow)
    town = Town(db, Inbox(db, names, setting, Clock(system_clock() - timedelta(days=14))))
    sent_by = [Sent(), Sent()]
    schedulers = [
        FollowUpScheduler(db, FollowUpJobs(names, time_rules(config)), system_clock, sent)
        for sent in sent_by
    ]

    references: list[str] = []

    async def both() -> None:
        for followups in schedulers:
            await followups.start()
        try:
            for resident in ("bewoner", "buurman", "overbuur"):
                reference = town.submit(resident)  # overdue at once: both want to send
                references.append(reference)
                await asyncio.gather(*(f.replan([reference]) for f in schedulers))
                for _ in range(100):
                    if "escalated" in [kind for kind, _, _ in town.trail(reference)]:
                        break
                    await asyncio.sleep(0.05)
        finally:
            for followups in schedulers:
                await followups.stop()

    asyncio.run(both())
    assert len(references) == 3
    for reference in references:  # the later ones prove both schedulers still woke up
        kinds = [kind for kind, _, _ in town.trail(reference)]
        assert kinds.count("escalated") == 1, reference
    assert len([t for t in town.inbox("coordinator") if t.startswith("Let op")]) == 3
    # The team's round of today went with the first; the others wait for tomorrow's.
    rounds = [text for text in town.inbox("team-west") if text.startswith("Herinnering")]
    assert len(rounds) == 1


def run_time(db: Database, job_id: str) -> float:
    with db.transaction() as session:
        at = session.get_one(ScheduledJob, job_id).next_run_time
    assert at is not None
    return at


def put_off(db: Database, job_id: str) -> None:
    """Move a job an hour on in the store, as if its time there had gone wrong."""
    with db.transaction() as session:
        session.execute(
            update(ScheduledJob)
            .where(ScheduledJob.id == job_id)
            .values(next_run_time=ScheduledJob.next_run_time + 3600)
        )


def test_replanning_one_initiative_reads_and_changes_only_its_own_jobs(
    town: Town, db: Database, scheduler: Scheduler
) -> None:
    first, second = town.submit("bewoner"), town.submit("buurman")

    async def both_claimed_elsewhere_then_replan_one(followups: FollowUpScheduler) -> None:
        planned = {reference: run_time(db, f"stale:{reference}") for reference in (first, second)}
        for reference in (first, second):
            assert town.say("anna", f"claim {reference}", chat="team-west")  # in a console chat
            put_off(db, f"stale:{reference}")
        await followups.replan([first])
        assert run_time(db, f"stale:{first}") == planned[first]
        assert run_time(db, f"stale:{second}") == planned[second] + 3600

    running(scheduler, both_claimed_elsewhere_then_replan_one)
    assert sorted(job for job in jobs(db) if job.endswith(first)) == [
        f"checkin:{first}",
        f"stale:{first}",
    ]
    assert sorted(job for job in jobs(db) if job.endswith(second)) == [
        f"escalate:{second}",
        f"stale:{second}",
        f"unclaimed:{second}",
    ]


def test_replanning_one_return_day_changes_only_its_own_reminders(
    db: Database, scheduler: Scheduler, clock: Clock, config: Config, town: Town
) -> None:
    day = (clock.now + timedelta(days=14)).astimezone(config.bot.zone)
    for place in ("Dorpshuis", "Bibliotheek"):
        assert town.say("coordinator", f"terugkomdag {day:%Y-%m-%d} 19:30 {place} voor alle")

    async def both_cancelled_elsewhere_then_replan_one(followups: FollowUpScheduler) -> None:
        assert sorted(jobs(db)) == [
            "returnday:1:0",
            "returnday:1:1",
            "returnday:2:0",
            "returnday:2:1",
        ]
        for number in (1, 2):
            assert town.say("coordinator", f"terugkomdag {number} annuleer")
        await followups.replan(["1"])

    running(scheduler, both_cancelled_elsewhere_then_replan_one)
    assert sorted(jobs(db)) == ["returnday:2:0", "returnday:2:1"]


def stored(db: Database) -> dict[str, float | None]:
    with db.transaction() as session:
        return dict(queries.scheduled_jobs(session))


def test_a_batch_writes_its_threads_jobs_at_its_end_as_apscheduler_reads_them(
    db: Database,
) -> None:
    store = BorrowedEngineJobStore(db)
    later = datetime(2031, 1, 6, 9, 0, tzinfo=UTC)

    async def plan_and_remove() -> list[tuple[str, list[str], datetime]]:
        scheduler = SharedStoreScheduler(jobstores={"default": store}, timezone=UTC)
        scheduler.start(paused=True)

        def plan(job_id: str, at: datetime = later) -> None:
            scheduler.add_job(
                follow_up_due,
                DateTrigger(run_date=at),
                args=[job_id],
                id=job_id,
                replace_existing=True,
            )

        try:
            for job_id in ("kept", "moved", "removed", "removed-and-back"):
                plan(job_id)
            before = stored(db)
            with store.batch():
                plan("new")
                plan("moved", later + timedelta(days=1))
                scheduler.remove_job("removed")
                scheduler.remove_job("removed-and-back")
                plan("removed-and-back")
                plan("new-and-removed")
                scheduler.remove_job("new-and-removed")
                await asyncio.to_thread(plan, "from-another-thread")  # not held: written at once
                assert stored(db) == {**before, "from-another-thread": later.timestamp()}
            with contextlib.suppress(RuntimeError), store.batch():
                plan("lost")
                raise RuntimeError("the planning failed: it plans again next time")
            return [(job.id, list(job.args), job.next_run_time) for job in scheduler.get_jobs()]
        finally:
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)

    jobs_read = asyncio.run(plan_and_remove())
    assert sorted(stored(db)) == ["from-another-thread", "kept", "moved", "new", "removed-and-back"]
    assert sorted(jobs_read) == [
        ("from-another-thread", ["from-another-thread"], later),
        ("kept", ["kept"], later),
        ("moved", ["moved"], later + timedelta(days=1)),
        ("new", ["new"], later),
        ("removed-and-back", ["removed-and-back"], later),
    ]


def test_many_jobs_are_planned_in_batches_and_follow_the_trail_and_the_config(
    db: Database, names: Names, config: Config, clock: Clock, flow: Flow
) -> None:
    """More jobs than one batch transaction holds: added, moved (the config changed),
    and taken out (the initiatives were closed), each as planning from the trail says."""
    seed.initiatives(db, BATCH_ROWS // 2, 1.0, clock.now)  # three follow-ups each

    def start_and_compare(config: Config) -> dict[str, float | None]:
        jobs_ = FollowUpJobs(Names(config, flow), time_rules(config))
        running(lambda: FollowUpScheduler(db, jobs_, clock, lambda: None), nothing)
        with db.transaction() as session:
            wanted = {e.job_id: e.at.timestamp() for e in jobs_.planned(session, None, clock.now)}
        found = stored(db)
        assert found == wanted
        return found

    first = start_and_compare(config)
    assert len(first) == 3 * (BATCH_ROWS // 2) + len(DAILY_JOBS)
    later = config.schedule.model_copy(update={"remind_after": "3 working days"})
    moved = start_and_compare(config.model_copy(update={"schedule": later}))
    assert {job for job in first if moved[job] != first[job]} == {
        job for job in first if job.startswith("unclaimed:")
    }
    with db.transaction() as session:
        session.execute(
            update(Initiative).where(Initiative.reference < "B-0000100").values(status="done")
        )
    closed = start_and_compare(config)
    assert len(closed) == len(first) - 3 * 100
