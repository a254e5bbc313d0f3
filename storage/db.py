"""Engines and transactions for SQLite (embedded default) and PostgreSQL."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
# An execution option of ours, for transactions that only read, or whose writes are
# single statements that can be lost and made again (the job store's: the jobs are
# planned anew from the trail at every start). On SQLite they begin without the write
# lock; on PostgreSQL their commit does not wait for the disk.
RELAXED = "initiatiefbot_relaxed"
# Beside RELAXED, for transactions that only read: a commit with nothing to write has
# no disk to wait for, so PostgreSQL is spared the statement that would say so.
READS_ONLY = "initiatiefbot_reads_only"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and write transactions that queue.

    Statement parameters are kept out of error messages: they hold residents' data.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        server = create_engine(url, pool_pre_ping=True, hide_parameters=True)

        @event.listens_for(server, "begin")
        def _relax(connection: Any) -> None:
            options = connection.get_execution_options()
            if options.get(RELAXED, False) and not options.get(READS_ONLY, False):
                connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")

        return server
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        # Take the write lock up front: a deferred transaction that reads, then
        # writes, fails at once when another writer got in between. One that only
        # reads, or writes in its first statement, is safe without (RELAXED).
        relaxed = connection.get_execution_options().get(RELAXED, False)
        # Straight to the driver: every transaction begins here, and SQLAlchemy's own
        # statement path would add a third to a short one's cost.
        connection.connection.driver_connection.execute("BEGIN" if relaxed else "BEGIN IMMEDIATE")

    return engine


class Database:
    """One engine and its sessions; `transaction()` commits only if nothing raised."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writers = _WriterQueue(engine.dialect.name == "sqlite")
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # For readers and the job store (RELAXED): on SQLite a reader neither waits for
        # the writer nor holds it up; on PostgreSQL a job is planned without a wait for
        # the disk.
        self.relaxed = engine.execution_options(**{RELAXED: True})
        self._relaxed = sessionmaker(self.relaxed, expire_on_commit=False)
        reading = self.relaxed.execution_options(**{READS_ONLY: True})
        self._reading = sessionmaker(reading, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._writers.turn(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def relaxed_transaction(self, writes: bool = False) -> Iterator[Session]:
        """A RELAXED transaction: one that only reads (on SQLite it neither waits for
        the writer nor holds it up), or, `writes`, whose writes begin with its first
        statement and may be lost, because they are made again (the job store's)."""
        if not writes:
            with self._reading.begin() as session:
                yield session
            return
        with self._writers.turn(), self._relaxed.begin() as session:
            yield session

    def describe(self) -> str:
        """The URL without its password, safe to show and log."""
        return self.engine.url.render_as_string(hide_password=True)


class _WriterQueue:
    """On SQLite, our writers take turns here before they ask for the write lock.

    SQLite lets one writer in at a time, and one that finds the lock taken sleeps and
    tries again, each sleep longer, up to 100 ms: a write of a millisecond could hold
    the next one up for a hundred. Queued on a lock of this process instead, the next
    writer starts the moment the last one is done. Other processes (a command run
    beside the bot) still meet SQLite's own waiting. Re-entrant, so that a write inside
    another in the same thread is left to SQLite, as before; and a writer that waited
    as long as SQLite would have goes on to ask SQLite, which then says it is busy.
    """

    def __init__(self, needed: bool) -> None:
        self._lock = threading.RLock() if needed else None

    @contextmanager
    def turn(self) -> Iterator[None]:
        if self._lock is None:
            yield
            return
        mine = self._lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        try:
            yield
        finally:
            if mine:
                self._lock.release()
