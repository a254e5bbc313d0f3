"""APScheduler wiring: alarm clocks in the app's database for the follow-ups.

The job store (`apscheduler_jobs`, made by our migrations) holds one job per
follow-up, by a deterministic id; the trail in our own tables stays the truth.
So the scheduler's own commits, separate from ours, can lose nothing: at start,
and every few minutes while running, the jobs are planned again from the
trail, which adds any that are missing and removes any no longer wanted.

Jobs run on the event loop and hand their database work to a thread, like
incoming messages; they write outbox rows only, and the dispatcher sends them.
"""

import asyncio
import contextlib
import logging
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.job import Job
from apscheduler.jobstores.base import ConflictingIdError, JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.util import datetime_to_utc_timestamp

from bot.followups.plans import job_ids_about, parse_job_id
from bot.schedule.jobs import Firing, FollowUpJobs
from storage import queries
from storage.db import Database
from storage.models import ScheduledJob

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
JOB_TABLE = ScheduledJob.__tablename__
# How often the running bot plans again from the trail; also wakes it for jobs
# that another process (a console chat) added to the shared job store.
REPLAN_EVERY = timedelta(minutes=5)
# A job that failed (the database had a bad moment) tries again this much later.
RETRY_AFTER = timedelta(minutes=1)
REPLAN_JOB = "replan"
# How often to try planning a job that other processes keep changing meanwhile.
PLAN_ATTEMPTS = 3
# Jobs written per transaction in a batch: few enough that none holds SQLite's write
# lock long, while a message waits to be handled.
BATCH_ROWS = 1000
# A job as the job store's table holds it: id, run time (UTC timestamp), pickled state.
JobRow = tuple[str, float | None, bytes]
# How long a stop waits for follow-ups being sent.
STOP_GRACE_SECONDS = 10.0


async def follow_up_due(job_id: str) -> None:
    """The function the job store names for every follow-up: it stores a reference to a
    function, not an object. The work is not done here but by the FollowUpScheduler
    whose scheduler submitted the job: it hears so (`_submitted`) and fires it."""


class SharedStoreScheduler(AsyncIOScheduler):  # type: ignore[misc]
    """An AsyncIOScheduler that shares its job store with other processes.

    `run` and a `chat` may both run, on one database. When both take the same
    due job, the second one's removal of it finds it gone; APScheduler raises
    then, inside its wake-up, which would leave it never waking again. A job
    already removed is exactly what we want, so that is not an error here (the
    job itself does its work once: see followup_jobs).
    """

    # A wake-up is on its way to the event loop. APScheduler wakes at every job added,
    # and each wake-up reads the job store twice on the event loop: a replanning that
    # adds a thousand jobs would queue a thousand. One is enough, if it comes after.
    _wakeup_queued = False

    def remove_job(self, job_id: str, jobstore: str | None = None) -> None:
        with contextlib.suppress(JobLookupError):
            super().remove_job(job_id, jobstore)

    def wakeup(self) -> None:
        # Two threads may both queue one: that costs a wake-up, never misses one.
        if not self._wakeup_queued:
            self._wakeup_queued = True
            try:
                super().wakeup()
            except BaseException:  # not queued after all (no event loop): the next may
                self._wakeup_queued = False
                raise

    def _process_jobs(self) -> float | None:
        # Cleared before the store is read: a job added from now on wakes it again.
        self._wakeup_queued = False
        wait: float | None = super()._process_jobs()
        return wait


class BorrowedEngineJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """The job store on the app's own engine, which the app disposes when it is done,
    able to write many jobs at once.

    APScheduler's store disposes its engine at shutdown, while the dispatcher and
    events being handled may still use it: their connections would be left open.
    And it writes every job in a transaction of its own, which makes planning a
    hundred thousand jobs (a first start, or a changed config) take the best part of
    a minute; in a `batch` they go many to a transaction.
    """

    def __init__(self, db: Database) -> None:
        # Each of the store's own transactions is one statement, and a job lost is
        # planned again at the next start: it need not take SQLite's write lock up
        # front (so its reads, on the event loop, never wait for a writer), nor wait
        # for PostgreSQL's disk.
        super().__init__(engine=db.relaxed, tablename=JOB_TABLE)
        self._db = db
        # Per thread: a job that fires meanwhile is written at once, as always.
        self._batch = threading.local()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Hold the jobs this thread adds and removes, and write them at the end.

        A job added in a batch replaces the job of its id, as `add_job` does with
        `replace_existing`, which is how every job of ours is added.
        """
        held: dict[str, JobRow | None] = {}  # by id: the row to write, or None to take it out
        self._batch.jobs = held
        try:
            yield
        finally:
            del self._batch.jobs
        # Only when the planning went well: after an error it all gets planned again.
        changes = list(held.items())
        for start in range(0, len(changes), BATCH_ROWS):
            chunk = changes[start : start + BATCH_ROWS]
            with self._db.relaxed_transaction(writes=True) as session:
                queries.delete_jobs(session, [job_id for job_id, row in chunk if row is None])
                queries.put_jobs(session, [row for _, row in chunk if row is not None])

    def add_job(self, job: Job) -> None:
        held = getattr(self._batch, "jobs", None)
        if held is None:
            super().add_job(job)
            return
        # The row as SQLAlchemyJobStore.add_job writes it.
        at = datetime_to_utc_timestamp(job.next_run_time)
        held[job.id] = (job.id, at, pickle.dumps(job.__getstate__(), self.pickle_protocol))

    def remove_job(self, job_id: str) -> None:
        held = getattr(self._batch, "jobs", None)
        if held is None:
            super().remove_job(job_id)
        else:
            held[job_id] = None

    def shutdown(self) -> None:
        pass


class FollowUpScheduler:
    """Owns the alarm clocks: plans every follow-up's job from the trail, keeps
    APScheduler running on the app's database, and fires each job when it is due."""

    def __init__(
        self, db: Database, jobs: FollowUpJobs, clock: Clock, sent: Callable[[], None]
    ) -> None:
        self._db = db
        self._jobs = jobs
        self._clock = clock
        self._sent = sent
        self._firing: set[asyncio.Task[None]] = set()
        self._store = BorrowedEngineJobStore(db)
        self._scheduler = SharedStoreScheduler(
            jobstores={
                "default": self._store,
                "memory": MemoryJobStore(),
            },
            # A job missed while the bot was down runs once, however late.
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
            timezone=UTC,
        )

    async def start(self) -> None:
        """Plan from the trail, run what fell due while nobody ran, then keep time."""
        self._scheduler.add_listener(self._submitted, EVENT_JOB_SUBMITTED)
        self._scheduler.start(paused=True)
        if await asyncio.to_thread(self._sync_config):
            self._sent()
        await self.replan_all()
        for job_id in await asyncio.to_thread(self._due_jobs):
            await asyncio.to_thread(self._forget, job_id)
            await self.fire(job_id)
        self._scheduler.add_job(
            self.replan_all,
            IntervalTrigger(seconds=REPLAN_EVERY.total_seconds()),
            id=REPLAN_JOB,
            jobstore="memory",
            replace_existing=True,
        )
        self._scheduler.resume()

    async def stop(self) -> None:
        """Let follow-ups being sent finish (APScheduler would cancel them mid-way), then
        stop; what did not start waits in the job store for the next start."""
        if self._scheduler.running:
            self._scheduler.pause()
            if self._firing:
                await asyncio.wait(set(self._firing), timeout=STOP_GRACE_SECONDS)
            self._scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # the shutdown is queued on the event loop: let it run
        self._scheduler.remove_listener(self._submitted)

    def _submitted(self, event: JobSubmissionEvent) -> None:
        """APScheduler took a due job of ours from the store: fire its follow-up."""
        if parse_job_id(event.job_id) is not None:
            self._firing_task(event.job_id)

    async def fire(self, job_id: str) -> None:
        """Run one follow-up now, and wait for it."""
        await asyncio.shield(self._firing_task(job_id))

    def _firing_task(self, job_id: str) -> "asyncio.Task[None]":
        """A follow-up run in a task of its own that a stop waits for (APScheduler cancels
        the jobs it runs when it shuts down, which would cut one off mid-way)."""
        task = asyncio.create_task(self._fire_once(job_id), name=f"follow-up {job_id}")
        self._firing.add(task)
        task.add_done_callback(self._firing.discard)
        return task

    async def _fire_once(self, job_id: str) -> None:
        """On failure the follow-up is tried again, never dropped."""
        try:
            firing = await asyncio.to_thread(self._fire, job_id)
        except Exception as error:  # the job was taken off the store: put it back
            log.warning("follow-up %s failed (%s), trying again", job_id, type(error).__name__)
            await asyncio.to_thread(self._plan_at, job_id, self._clock() + RETRY_AFTER)
            return
        if firing.sent:
            log.info("follow-up %s sent %d message(s)", job_id, firing.sent)
            self._sent()
        if firing.later is not None:
            await asyncio.to_thread(self._plan_at, job_id, firing.later)
            return
        parsed = parse_job_id(job_id)
        if parsed is not None:  # what comes next for it, e.g. tomorrow's digest
            await self.replan([parsed.subject])

    def _sync_config(self) -> bool:
        """What the config file changed, brought into the database (`FollowUpJobs`)."""
        with self._db.transaction() as session:
            return self._jobs.sync_config(session, self._clock())

    def _fire(self, job_id: str) -> Firing:
        with self._db.transaction() as session:
            return self._jobs.fire(session, job_id, self._clock())

    async def replan(self, references: Sequence[str]) -> None:
        """Bring the jobs of these initiatives (by reference) and return days (by number)
        in line with what is stored."""
        if references:
            await asyncio.to_thread(self._replan, references)

    def replan_now(self, references: Sequence[str]) -> None:
        """`replan`, in the caller's thread (a worker's, never the event loop's)."""
        self._replan(references)

    async def replan_all(self) -> None:
        await asyncio.to_thread(self._replan, None)

    # The job store's table is read directly (queries.due_jobs, queries.scheduled_jobs):
    # unpickling every job to learn its id and time would cost far more than the planning.
    def _due_jobs(self) -> Sequence[str]:
        with self._db.transaction() as session:
            return queries.due_jobs(session, self._clock().timestamp())

    def _replan(self, references: Sequence[str] | None) -> None:
        # It only reads here (the job store writes below): on SQLite it does not wait
        # for the writers, nor they for it.
        with self._db.relaxed_transaction() as session:
            wanted = self._jobs.planned(session, references, self._clock())
            # Only the jobs of these references: this runs after every initiative handed
            # in, and the whole job store may hold a hundred thousand.
            current = dict(
                queries.scheduled_jobs(session)
                if references is None
                else queries.scheduled_jobs(session, *job_ids_about(references))
            )
        wanted_ids = {entry.job_id for entry in wanted}
        subjects = None if references is None else set(references)
        with self._store.batch():
            for job_id in current:
                parsed = parse_job_id(job_id)
                concerned = parsed is not None and (subjects is None or parsed.subject in subjects)
                if concerned and job_id not in wanted_ids:
                    self._forget(job_id)
            for entry in wanted:
                if current.get(entry.job_id) != entry.at.timestamp():
                    self._plan_at(entry.job_id, entry.at)
        if self._scheduler.state == STATE_RUNNING:
            # It woke for each job added, before the batch was written: again, now.
            self._scheduler.wakeup()

    def _plan_at(self, job_id: str, at: datetime) -> None:
        for _ in range(PLAN_ATTEMPTS):
            try:
                self._scheduler.add_job(
                    follow_up_due,
                    DateTrigger(run_date=at),
                    args=[job_id],
                    id=job_id,
                    name=job_id,
                    jobstore="default",
                    replace_existing=True,
                )
                return
            except (ConflictingIdError, JobLookupError):
                # Another process added or ran it between our insert and our update.
                log.debug("follow-up %s changed meanwhile, planning again", job_id)
        # Still racing: the next regular replanning puts it right.

    def _forget(self, job_id: str) -> None:
        self._scheduler.remove_job(job_id, "default")  # already gone is fine
