"""The composition root: config, database, core, adapters and dispatcher, wired once."""

import asyncio
import logging
import os
import re
import signal
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO, TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from adapters.console import ConsoleAdapter
from adapters.matrix.options import MatrixOptions
from adapters.telegram.options import TelegramOptions
from bot.accounts import address, staff_member
from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import (
    MATRIX_ACCESS_TOKEN_ENV,
    MATRIX_PASSWORD_ENV,
    TELEGRAM_TOKEN_ENV,
    TELEGRAM_WEBHOOK_SECRET_ENV,
    Config,
    ConfigError,
    database_url,
)
from bot.inbox.menus import menus
from bot.inbox.sender_limits import SenderLimits, Verdict
from bot.inbox.service import Inbox
from bot.intake.state import Setting, State
from bot.messages import Adapter, CoreUnavailable, Handled, Incoming, Outgoing
from bot.notices import ACCEPTED, Outcome
from bot.outbox.dispatch import Dispatcher
from bot.runtime.group_commit import GroupCommit
from bot.runtime.metrics import Metrics
from bot.schedule.jobs import FollowUpJobs
from bot.schedule.replanning import Replanning
from bot.schedule.scheduler import FollowUpScheduler
from bot.texts import limits as limit_texts
from bot.texts.i18n import set_dutch_address
from storage.db import Database, make_engine
from storage.migrate import upgrade

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
T = TypeVar("T")
MATRIX_PREFIX = "matrix:"
# What Telegram accepts as a webhook's secret token.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# How long a stop waits for the message being sent, before leaving it for the next start.
STOP_GRACE_SECONDS = 10.0
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
    """The database could not be reached or brought up to date; says which and why."""


def open_database(config: Config) -> Database:
    """Connect and migrate; raise `DatabaseUnavailable` with a readable reason."""
    engine = make_engine(database_url(config))
    db = Database(engine)
    try:
        upgrade(engine)
    except DBAPIError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailable(f"cannot use the database {db.describe()}: {reason}") from None
    return db


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
        # Chats told, during this outage of the database, that their answer is delayed.
        self._told_slow: set[tuple[str, str]] = set()

    async def handle_page(self, page: Sequence[Incoming]) -> list[Handled | Exception]:
        """Commit a page of events, then have their replies sent at once."""
        results = await self._commit(page)
        self.dispatcher.wake()
        return results

    async def handle_page_and_send(self, page: Sequence[Incoming]) -> list[Handled | Exception]:
        """Commit a page and send its replies before the next one is read (a terminal)."""
        results = await self._commit(page)
        await self.dispatcher.dispatch_due()
        return results

    async def _say_slow(self, incoming: Incoming) -> None:
        """Tell a resident, once an outage, that the answer will take a moment.

        Straight to the platform: the outbox lives in the database that is away. The
        event itself is not confirmed, so the platform delivers it again.
        """
        where = (incoming.channel, incoming.chat_id)
        adapter = self._adapters.get(incoming.channel)
        if incoming.group or where in self._told_slow or adapter is None:
            return
        self._told_slow.add(where)
        locale = State(self._default_locale).hinted(incoming.language).locale
        notice = Outgoing(incoming.channel, incoming.chat_id, limit_texts.slow_core(locale))
        try:
            await adapter.send(notice)
        except Exception as error:  # the platform may be away too: it was only a courtesy
            log.info("could not say the answer is delayed (%s)", type(error).__name__)

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
                results[index] = _as_unavailable(outcome)
            else:
                raise outcome  # cancelled: the page is not done
        delayed = [
            page[n] for n, result in enumerate(results) if isinstance(result, CoreUnavailable)
        ]
        if not delayed:
            self._told_slow.clear()  # the database answers (again)
        for incoming in delayed:
            self.metrics.core_failures.inc()
            await self._say_slow(incoming)
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
    """Await the core's transaction; a database that does not answer becomes
    CoreUnavailable: rolled back, so the adapter must not confirm the event."""
    try:
        return await work
    except (OperationalError, InterfaceError) as error:
        raise _as_unavailable(error) from error


def _as_unavailable(error: Exception) -> Exception:
    """A database that did not answer, as the adapters know it: CoreUnavailable."""
    if isinstance(error, OperationalError | InterfaceError):
        failure = type(error).__name__
        unavailable = CoreUnavailable(f"the database did not answer ({failure})")
        unavailable.__cause__ = error
        return unavailable
    return error


async def chat(
    config: Config,
    flow: Flow,
    seat: ConsoleSeat,
    reader: TextIO,
    writer: TextIO,
    clock: Clock = system_clock,
) -> None:
    """One person's chat on the console until the input ends."""
    db = open_database(config)
    files = Path(config.bot.data_dir) / "files"
    console = ConsoleAdapter(seat.account, seat.chat, reader, writer, files)
    app = App(config, flow, db, {console.channel: console}, clock)
    await app.followups.start()  # follow-ups that fell due while nobody was here
    await app.dispatcher.dispatch_due()  # and what waited for this chat
    dispatching = asyncio.create_task(app.dispatcher.run())
    await console.start(app.handle_page_and_send)
    try:
        await console.wait_closed()
        await app.settle()
        await app.dispatcher.dispatch_due()
    finally:
        await app.followups.stop()
        await _stop_dispatching(app.dispatcher, dispatching)
        await console.stop()
        db.engine.dispose()


def telegram_options(config: Config, environ: Mapping[str, str]) -> TelegramOptions:
    """The adapter's options from [telegram] and the secrets from the environment."""
    settings = config.telegram
    token = environ.get(TELEGRAM_TOKEN_ENV, "")
    if not token:
        raise ConfigError(
            (
                f"telegram.enabled: set the bot token in the environment variable "
                f"{TELEGRAM_TOKEN_ENV}",
            )
        )
    secret = environ.get(TELEGRAM_WEBHOOK_SECRET_ENV, "")
    if settings.mode == "webhook" and not WEBHOOK_SECRET.fullmatch(secret):
        raise ConfigError(
            (
                f"telegram.mode: webhook mode needs a secret in the environment variable "
                f"{TELEGRAM_WEBHOOK_SECRET_ENV}: 1 to 256 of A-Z a-z 0-9 _ - (Telegram's rule)",
            )
        )
    return TelegramOptions(
        token=token,
        mode=settings.mode,
        base_url=settings.base_url,
        base_file_url=settings.base_file_url,
        poll_timeout_seconds=settings.poll_timeout_seconds,
        webhook_url=settings.webhook_url,
        webhook_listen=settings.webhook_listen,
        webhook_port=settings.webhook_port,
        webhook_secret=secret,
        photo_dir=Path(config.bot.data_dir) / "photos",
        photo_max_bytes=settings.photo_max_bytes,
        messages_per_second=settings.messages_per_second,
        messages_per_chat_per_second=settings.messages_per_chat_per_second,
        messages_per_group_per_minute=settings.messages_per_group_per_minute,
        menus=tuple(menus()),
    )


def matrix_options(config: Config, environ: Mapping[str, str]) -> MatrixOptions:
    """The adapter's options from [matrix], the team rooms, and the secret from the environment."""
    settings = config.matrix
    password = environ.get(MATRIX_PASSWORD_ENV, "")
    token = environ.get(MATRIX_ACCESS_TOKEN_ENV, "")
    if not (password or token):
        raise ConfigError(
            (
                f"matrix.enabled: set the bot's password in {MATRIX_PASSWORD_ENV} "
                f"or an access token in {MATRIX_ACCESS_TOKEN_ENV}",
            )
        )
    rooms = {
        chat.removeprefix(MATRIX_PREFIX)
        for team in config.teams
        for chat in team.notify
        if chat.startswith(MATRIX_PREFIX)
    }
    return MatrixOptions(
        homeserver=settings.homeserver,
        user_id=settings.user_id,
        password=password,
        access_token=token,
        store_dir=Path(config.bot.data_dir) / "matrix",
        device_name=settings.device_name,
        encryption=settings.encryption,
        send_to_unverified=settings.unverified_devices == "send",
        invites_from=settings.invites_from,
        team_rooms=tuple(sorted(rooms)),
        reaction_shortcuts=settings.reaction_shortcuts,
        sync_timeout_seconds=settings.sync_timeout_seconds,
    )


def platform_adapters(config: Config, environ: Mapping[str, str]) -> list[Adapter]:
    """Every platform the config enables; an error names what is missing."""
    adapters: list[Adapter] = []
    # Each platform's library is loaded only when it is enabled: matrix-nio alone is
    # about 50 MB of memory and half a second of start.
    if config.telegram.enabled:
        from adapters.telegram.adapter import TelegramAdapter

        adapters.append(TelegramAdapter(telegram_options(config, environ)))
    if config.matrix.enabled:
        from adapters.matrix.adapter import MatrixAdapter

        adapters.append(MatrixAdapter(matrix_options(config, environ)))
    if not adapters:
        raise ConfigError(
            ("telegram.enabled: no chat platform is enabled; enable [telegram] or [matrix]",)
        )
    return adapters


async def serve(
    config: Config,
    flow: Flow,
    stop: asyncio.Event | None = None,
    environ: Mapping[str, str] = os.environ,
    clock: Clock = system_clock,
) -> None:
    """Run every enabled platform until `stop` is set (by default: SIGINT or SIGTERM)."""
    adapters = platform_adapters(config, environ)
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)
    db = open_database(config)
    app = App(config, flow, db, {adapter.channel: adapter for adapter in adapters}, clock)
    watching = config.monitoring
    monitoring = None
    dispatching = asyncio.create_task(app.dispatcher.run(), name="dispatcher")
    try:
        if watching.enabled:
            # Its web server (aiohttp) is loaded only when it is wanted.
            from bot.runtime.monitoring import Monitoring

            monitoring = Monitoring(
                db, app.metrics, app.dispatcher.reachable, watching.listen, watching.port
            )
            await monitoring.start()
        await app.followups.start()
        for adapter in adapters:
            await adapter.start(app.handle_page)
        log.info("running: %s", ", ".join(adapter.channel for adapter in adapters))
        await stop.wait()
    finally:
        await app.settle()
        await app.followups.stop()
        await _stop_dispatching(app.dispatcher, dispatching)
        for adapter in adapters:
            await adapter.stop()
        if monitoring is not None:
            await monitoring.stop()
        db.engine.dispose()
        log.info("stopped")


async def _stop_dispatching(dispatcher: Dispatcher, running: asyncio.Task[None]) -> None:
    """Let the message in hand be sent and recorded; cancel only a send that hangs."""
    dispatcher.close()
    finished, _ = await asyncio.wait({running}, timeout=STOP_GRACE_SECONDS)
    if not finished:  # the row stays pending and goes out after the next start
        running.cancel()
    await asyncio.gather(running, return_exceptions=True)
