"""The composition root: config, database, core, adapters and dispatcher, wired once."""

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TextIO

from sqlalchemy.exc import DBAPIError

from adapters.console import ConsoleAdapter
from bot.config import Config, database_url
from bot.dispatch import Dispatcher
from bot.flows import Flow
from bot.messages import Adapter, Incoming
from bot.names import Names
from bot.service import IntakeService
from bot.state import Setting
from storage.db import Database, make_engine
from storage.migrate import upgrade

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


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
        keep_unfinished=timedelta(days=config.intake.keep_unfinished_days),
        default_locale=config.bot.default_language,
    )


class App:
    """The running bot: every adapter's events go through `handle`."""

    def __init__(
        self,
        config: Config,
        flow: Flow,
        db: Database,
        adapters: Mapping[str, Adapter],
        clock: Clock = system_clock,
    ) -> None:
        names = Names(config, flow)
        self.service = IntakeService(db, names, build_setting(config, flow), clock)
        self.dispatcher = Dispatcher(db, adapters, config.outbox, clock)

    async def handle(self, incoming: Incoming) -> None:
        """Commit the event, then send its replies at once."""
        await asyncio.to_thread(self.service.handle, incoming)
        await self.dispatcher.dispatch_due()


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
    console = ConsoleAdapter(seat.account, seat.chat, reader, writer)
    app = App(config, flow, db, {console.channel: console}, clock)
    await app.dispatcher.dispatch_due()  # what waited for this chat while nobody was here
    dispatching = asyncio.create_task(app.dispatcher.run())
    await console.start(app.handle)
    try:
        await console.wait_closed()
        await app.dispatcher.dispatch_due()
    finally:
        dispatching.cancel()
        await asyncio.gather(dispatching, return_exceptions=True)
        await console.stop()
        db.engine.dispose()
