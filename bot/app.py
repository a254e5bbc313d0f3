"""The composition root: config, database, core, adapters and dispatcher, wired once."""

import asyncio
import logging
import os
import sqlite3
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from sqlalchemy.exc import DBAPIError

from adapters.console import ConsoleAdapter
from bot.accounts import address, staff_member
from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, ConfigError, database_url
from bot.inbox import outages
from bot.inbox.sender_limits import SenderLimits, Verdict
from bot.inbox.service import Inbox
from bot.intake.state import Setting, State
from bot.messages import Adapter, CoreUnavailable, Handled, Incoming, Outgoing
from bot.notices import ACCEPTED, Outcome
from bot.outbox.dispatch import Dispatcher
from bot.platforms import platform_adapters
from bot.runtime.group_commit import GroupCommit
from bot.runtime.metrics import Metrics
from bot.runtime.stopping import Stopping, finished_before
from bot.schedule.jobs import FollowUpJobs
from bot.schedule.replanning import Replanning
from bot.schedule.scheduler import FollowUpScheduler
from bot.texts import limits as limit_texts
from bot.texts.i18n import set_dutch_address
from storage.db import Database, UnusableDatabase, make_engine
from storage.migrate import upgrade

if TYPE_CHECKING:
    from bot.runtime.monitoring import Monitoring

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
T = TypeVar("T")
# The most each step of a stop may take (see bot/runtime/stopping.py), a few seconds
# in all: a part that hangs is left behind, and the program stops all the same.
SETTLE_SECONDS = 1.5  # the events in hand, and the planning of their follow-ups
FOLLOWUPS_SECONDS = 0.5  # follow-ups being written
OUTBOX_SECONDS = 1.5  # the message being sent, and its mark (else it waits in the outbox)
PLATFORM_SECONDS = 1.0  # each platform's connections (and the monitoring's), together
DISPOSE_SECONDS = 0.5  # the database's connections
STOP_SECONDS = (
    SETTLE_SECONDS + FOLLOWUPS_SECONDS + OUTBOX_SECONDS + PLATFORM_SECONDS + DISPOSE_SECONDS
)
# How soon a console shows what another session (another `chat` process) wrote to
# its chats: nothing in this process is woken by that process's commits.
CONSOLE_LOOK_SECONDS = 1.0
# Core lanes on PostgreSQL: enough to keep the server busy while a batch's statements
# travel, few enough to leave threads for the dispatcher and the scheduler.
SERVER_DATABASE_LANES = 3


TEST_CLOCK_ENV = "INITIATIEFBOT_TEST_CLOCK"


def system_clock() -> datetime:
    return datetime.now(UTC)


def clock_from(environ: Mapping[str, str]) -> Clock:
    """The system clock, unless a test starts the program at a later moment.

    With INITIATIEFBOT_TEST_CLOCK set to an ISO 8601 time with its UTC offset, the
    clock starts there and runs on: a test can "come back three days later". It
    may not lie in the past: the scheduler wakes up by the system clock, and would
    keep waking for follow-ups that by the test's clock are not due yet.
    """
    start = environ.get(TEST_CLOCK_ENV, "")
    if not start:
        return system_clock
    try:
        moment: datetime | None = datetime.fromisoformat(start)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ConfigError((f"{TEST_CLOCK_ENV}: must be a time such as 2026-12-01T10:00:00+01:00",))
    offset = moment - system_clock()
    if offset < timedelta(0):
        raise ConfigError((f"{TEST_CLOCK_ENV}: must not lie in the past",))
    return lambda: system_clock() + offset


@dataclass(frozen=True)
class ConsoleSeat:
    """Who types at the console (an account id) and in which chat."""

    account: str
    chat: str


class DatabaseUnavailable(Exception):
    """The database could not be reached, brought up to date or written; says which
    and why, in one line."""


def open_database(config: Config) -> Database:
    """Connect and migrate; raise `DatabaseUnavailable` with a readable reason."""
    try:
        engine = make_engine(database_url(config))
    except UnusableDatabase as error:
        raise DatabaseUnavailable(str(error)) from None
    db = Database(engine)
    try:
        with _reported(db):
            upgrade(engine)
    except DatabaseUnavailable:
        engine.dispose()
        raise
    return db


@contextmanager
def _reported(db: Database) -> Iterator[None]:
    """Where no event waits to be delivered again (a start, the end of a chat), a
    failing database ends the program with one line: `DatabaseUnavailable`."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as error:
        reason = outages.reason(error)
        raise DatabaseUnavailable(f"cannot use the database {db.describe()}: {reason}") from None


def build_setting(config: Config, flow: Flow) -> Setting:
    return Setting(
        flow=flow,
        areas=tuple(config.areas),
        themes=tuple(config.themes),
        municipality=config.municipality.name,
        privacy_url=config.municipality.privacy_url,
        privacy_version=config.municipality.privacy_version,
        keep_unfinished=timedelta(days=config.intake.keep_unfinished_days),
        default_locale=config.bot.default_language,
        max_photos=config.intake.max_photos,
        location_radius_km=config.intake.location_radius_km,
        fallback_theme=config.fallback_theme(),
        faq=tuple(config.faq),
        address=config.municipality.address,
    )


class App:
    """The running bot: owns the wiring of config, database, core, dispatcher and
    scheduler; every adapter's pages of events go through `handle_page`."""

    def __init__(
        self,
        config: Config,
        flow: Flow,
        db: Database,
        adapters: Mapping[str, Adapter],
        clock: Clock = system_clock,
    ) -> None:
        # Every Dutch text of this process speaks to its reader as the municipality wants.
        set_dutch_address(config.municipality.address)
        names = Names(config, flow)
        self.inbox = Inbox(db, names, build_setting(config, flow), clock)
        self.metrics = Metrics()
        self.metrics.watch(db, clock)
        self.dispatcher = Dispatcher(db, adapters, config.outbox, clock, metrics=self.metrics)
        self._config = config
        self._clock = clock
        self._db = db
        self._limits = SenderLimits(config.limits.messages_per_minute)
        jobs = FollowUpJobs(names, time_rules(config))
        self.followups = FollowUpScheduler(db, jobs, clock, self.dispatcher.wake)
        self._replanning = Replanning(self.followups.replan_now)
        self._core = GroupCommit(
            self.inbox.handle_batch,
            lanes=core_lanes(db),
            lane_of=_chat_of,
            then=self._replan_after,
        )
        self._adapters = adapters
        self._default_locale = config.bot.default_language
        # Chats told, while the database fails, what that means for them.
        self._told: set[tuple[str, str]] = set()
        # Why the database refuses to write, while it does ("" when it writes).
        self.cannot_write_reason = ""
        # Set when a terminal's line met such a database: its session should end.
        self.cannot_write = asyncio.Event()

    async def handle_page(self, page: Sequence[Incoming]) -> list[Handled | Exception]:
        """Commit a page of events, then have their replies sent at once.

        An event the database did not take is not confirmed (CoreUnavailable): the
        platform delivers it again. Its sender is told once, straight through the
        platform (the outbox lives in the database that failed), that the answer takes
        a moment, or, when the database cannot be written, that something is wrong.
        """
        results = await self._commit(page)
        for incoming, result in zip(page, results, strict=True):
            if isinstance(result, CoreUnavailable):
                await self._tell(incoming, result)
        self.dispatcher.wake()
        return results

    async def handle_page_and_send(self, page: Sequence[Incoming]) -> list[Handled | Exception]:
        """Commit a page and send its replies before the next one is read (a terminal).

        Nothing delivers a terminal's line again: one the database did not take is left
        to the terminal to ask for again; one it cannot write is answered (once) with a
        note that something is wrong, and `cannot_write` ends the session.
        """
        results = await self._commit(page)
        try:
            await self.dispatcher.dispatch_due()
        except Exception as error:  # what waits is sent by the dispatcher's own round
            if not outages.failed_the_core(error):
                raise
            log.warning("outbox: the database did not answer (%s)", type(error).__name__)
        if self.cannot_write_reason:
            # Last, with no wait after it: the terminal shows the note before anything
            # that waits for the event can end the session.
            self.cannot_write.set()
        return [
            self._noted(incoming, result) if isinstance(result, outages.CannotWrite) else result
            for incoming, result in zip(page, results, strict=True)
        ]

    def _noted(self, incoming: Incoming, refusal: outages.CannotWrite) -> Handled:
        """A terminal's line the database could not write, with the note it shows."""
        note = self._bad_news(incoming, refusal)
        if note:
            self._told.add((incoming.channel, incoming.chat_id))
        return Handled(accepted=False, note=note)

    async def _tell(self, incoming: Incoming, unavailable: CoreUnavailable) -> None:
        """Tell a resident what the failing database means for them.

        The chat counts as told only once the note went out: a platform that asks the
        chat to wait its turn (it was just answered) or is away too gets it at the
        event's next delivery instead."""
        adapter = self._adapters.get(incoming.channel)
        text = self._bad_news(incoming, unavailable)
        if adapter is None or not text:
            return
        notice = Outgoing(incoming.channel, incoming.chat_id, text)
        try:
            await adapter.send(notice)
        except Exception as error:  # only a courtesy: tried again with the event
            log.info("could not tell a sender of the database (%s)", type(error).__name__)
            return
        self._told.add((incoming.channel, incoming.chat_id))

    def _bad_news(self, incoming: Incoming, unavailable: CoreUnavailable) -> str:
        """What to tell the sender, once while the database fails ("" after that)."""
        if incoming.group or (incoming.channel, incoming.chat_id) in self._told:
            return ""
        locale = State(self._default_locale).hinted(incoming.language).locale
        if isinstance(unavailable, outages.CannotWrite):
            return outages.cannot_write(locale)
        return limit_texts.slow_core(locale)

    async def _commit(self, page: Sequence[Incoming]) -> list[Handled | Exception]:
        """Each event past the flood limits goes to the core at once, in order, so that
        the core takes what waits together as one batch (one transaction where all goes
        well, each chat's events in the order they came)."""
        results: list[Handled | Exception] = []
        in_core: dict[int, asyncio.Future[Outcome]] = {}
        for incoming in page:
            self.metrics.messages_in.labels(incoming.channel).inc()
            try:
                flooding = await self._flooding(incoming)
            except CoreUnavailable as unavailable:
                results.append(unavailable)
                continue
            if flooding is not None:
                results.append(flooding)
                continue
            in_core[len(results)] = self._core.submit(incoming)
            results.append(ACCEPTED)  # until the core's answer replaces it below
        outcomes = await asyncio.gather(*in_core.values(), return_exceptions=True)
        for index, outcome in zip(in_core, outcomes, strict=True):
            if isinstance(outcome, Outcome):
                results[index] = outcome.handled
            elif isinstance(outcome, Exception):
                results[index] = outages.as_unavailable(outcome)
            else:
                raise outcome  # cancelled: the page is not done
        failures = [result for result in results if isinstance(result, CoreUnavailable)]
        self.metrics.core_failures.inc(len(failures))
        if not failures:  # the database answers (again)
            self._told.clear()
            self.cannot_write_reason = ""
        refusal = next((r for r in failures if isinstance(r, outages.CannotWrite)), None)
        if refusal is not None and not self.cannot_write_reason:
            log.error(
                "the database %s cannot be written (%s): no message is taken until it "
                "can; the platforms keep them meanwhile",
                self._db.describe(),
                refusal.reason,
            )
            self.cannot_write_reason = refusal.reason
        return results

    def _replan_after(self, outcomes: Sequence[Outcome | Exception]) -> None:
        """The follow-ups a batch changed are planned in the background (Replanning)."""
        self._replanning.add(
            reference
            for outcome in outcomes
            if isinstance(outcome, Outcome)
            for reference in outcome.replan
        )

    async def settle(self) -> None:
        """Wait for the events handed to the core, and their follow-ups' planning."""
        await self._core.idle()
        await self._replanning.idle()

    async def _flooding(self, incoming: Incoming) -> Handled | None:
        """None when the sender is within their limit (contacts have none); otherwise the
        event is done with: told once to wait, then ignored for the rest of the minute."""
        account = address(incoming.channel, incoming.sender_id)
        if staff_member(self._config, account) is not None:
            return None
        verdict = self._limits.check(account, self._clock())
        if verdict is Verdict.ALLOWED:
            return None
        if verdict is Verdict.WARN:
            text = await _in_core(asyncio.to_thread(self.inbox.warn_flood, incoming))
            if text:  # a blocked account is told nothing
                self.dispatcher.wake()
            return Handled(accepted=False, note=text)
        return Handled(accepted=False)


def core_lanes(db: Database) -> int:
    """SQLite has one writer at a time, so one lane; a server database can overlap
    one lane's statements on the wire with another's work."""
    return 1 if db.engine.dialect.name == "sqlite" else SERVER_DATABASE_LANES


def _chat_of(incoming: Incoming) -> str:
    # Per chat, not per sender: in a team chat, the first of two claims must win.
    return f"{incoming.channel}:{incoming.chat_id}"


async def _in_core(work: Awaitable[T]) -> T:
    """Await the core's transaction; a database that failed it becomes CoreUnavailable
    (`outages.as_unavailable`): rolled back, so the adapter must not confirm the event."""
    try:
        return await work
    except Exception as error:
        unavailable = outages.as_unavailable(error)
        if unavailable is error:
            raise
        raise unavailable from error


async def chat(
    config: Config,
    flow: Flow,
    seat: ConsoleSeat,
    reader: TextIO,
    writer: TextIO,
    clock: Clock = system_clock,
) -> None:
    """One person's chat on the console until the input ends; `DatabaseUnavailable`
    when the database turns out not to take writes."""
    db = open_database(config)
    files = Path(config.bot.data_dir) / "files"
    console = ConsoleAdapter(seat.account, seat.chat, reader, writer, files)
    app = App(config, flow, db, {console.channel: console}, clock)
    with _reported(db):
        await app.followups.start()  # follow-ups that fell due while nobody was here
        await app.dispatcher.dispatch_due()  # and what waited for this chat
    dispatching = asyncio.create_task(app.dispatcher.run())
    looking = asyncio.create_task(_look_again(app.dispatcher, CONSOLE_LOOK_SECONDS))
    await console.start(app.handle_page_and_send)
    ended = asyncio.ensure_future(console.wait_closed())
    try:
        if await finished_before(ended, app.cannot_write):
            ended.result()
            with _reported(db):
                await app.settle()
                await app.dispatcher.dispatch_due()
    finally:
        looking.cancel()
        ended.cancel()
        await _stop(Stopping(), app, db, dispatching, {"the console": console.stop})
    if app.cannot_write.is_set():
        reason = app.cannot_write_reason
        raise DatabaseUnavailable(f"cannot write to the database {db.describe()}: {reason}")


async def _look_again(dispatcher: Dispatcher, every: float) -> None:
    """Wake the dispatcher now and then, for rows other processes commit."""
    while True:
        await asyncio.sleep(every)
        dispatcher.wake()


async def serve(
    config: Config,
    flow: Flow,
    stop: asyncio.Event,
    environ: Mapping[str, str] = os.environ,
    clock: Clock = system_clock,
) -> list[str]:
    """Run every enabled platform until `stop` is set; see `serve_platforms`."""
    return await serve_platforms(config, flow, platform_adapters(config, environ), stop, clock)


async def serve_platforms(
    config: Config,
    flow: Flow,
    platforms: Sequence[Adapter],
    stop: asyncio.Event,
    clock: Clock = system_clock,
) -> list[str]:
    """Run `platforms` until `stop` is set, and stop within `STOP_SECONDS` of it, also
    when it comes while starting. Returns the parts left behind, which may still hold
    threads (a database call): the program should not wait for those."""
    stopping = Stopping()
    opening = asyncio.ensure_future(asyncio.to_thread(open_database, config))
    if not await finished_before(opening, stop):
        stopping.leave("opening the database", opening)
        return stopping.left_behind
    db = opening.result()
    app = App(config, flow, db, {platform.channel: platform for platform in platforms}, clock)
    dispatching = asyncio.create_task(app.dispatcher.run(), name="dispatcher")
    monitoring = _monitoring(config, db, app)
    starting = asyncio.ensure_future(_start(app, platforms, monitoring))
    try:
        if await finished_before(starting, stop):
            with _reported(db):
                starting.result()  # a platform that refused the bot ends the run
            log.info("running: %s", ", ".join(platform.channel for platform in platforms))
            await stop.wait()
        else:
            stopping.leave("the start", starting)
    finally:
        closing = {f"the {platform.channel} platform": platform.stop for platform in platforms}
        if monitoring is not None:
            closing["the monitoring"] = monitoring.stop
        await _stop(stopping, app, db, dispatching, closing)
        log.info("stopped")
    return stopping.left_behind


def _monitoring(config: Config, db: Database, app: App) -> "Monitoring | None":
    watching = config.monitoring
    if not watching.enabled:
        return None
    # Its web server (aiohttp) is loaded only when it is wanted.
    from bot.runtime.monitoring import Monitoring

    return Monitoring(db, app.metrics, app.dispatcher.reachable, watching.listen, watching.port)


async def _start(app: App, platforms: Sequence[Adapter], monitoring: "Monitoring | None") -> None:
    if monitoring is not None:
        await monitoring.start()
    await app.followups.start()
    for platform in platforms:
        await platform.start(app.handle_page)


async def _stop(
    stopping: Stopping,
    app: App,
    db: Database,
    dispatching: asyncio.Task[None],
    closing: Mapping[str, Callable[[], Awaitable[None]]],
) -> None:
    """The start in reverse, each step within its time; `closing` together."""
    await stopping.step("the messages in hand", SETTLE_SECONDS, app.settle)
    await stopping.step("the follow-ups", FOLLOWUPS_SECONDS, app.followups.stop)
    await stopping.step(
        "the outbox", OUTBOX_SECONDS, lambda: _dispatching_stopped(app.dispatcher, dispatching)
    )
    await asyncio.gather(
        *(stopping.step(name, PLATFORM_SECONDS, stop) for name, stop in closing.items())
    )
    await stopping.step(
        "the database connections", DISPOSE_SECONDS, lambda: asyncio.to_thread(db.engine.dispose)
    )


async def _dispatching_stopped(dispatcher: Dispatcher, running: asyncio.Task[None]) -> None:
    """Let the message in hand be sent and recorded as sent: cancelled in between, it
    would go out a second time after the next start."""
    dispatcher.close()
    await running
