"""Engines and transactions for SQLite (embedded default) and PostgreSQL."""

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


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and write transactions that queue.

    Statement parameters are kept out of error messages: they hold residents' data.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        server = create_engine(url, pool_pre_ping=True, hide_parameters=True)

        @event.listens_for(server, "begin")
        def _relax(connection: Any) -> None:
            if connection.get_execution_options().get(RELAXED, False):
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
        connection.exec_driver_sql("BEGIN" if relaxed else "BEGIN IMMEDIATE")

    return engine


class Database:
    """One engine and its sessions; `transaction()` commits only if nothing raised."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # For readers and the job store (RELAXED): on SQLite a reader neither waits for
        # the writer nor holds it up; on PostgreSQL a job is planned without a wait for
        # the disk.
        self.relaxed = engine.execution_options(**{RELAXED: True})
        self._relaxed = sessionmaker(self.relaxed, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def relaxed_transaction(self) -> Iterator[Session]:
        """A RELAXED transaction: one that only reads (on SQLite it neither waits for
        the writer nor holds it up), or whose writes begin with its first statement
        and may be lost, because they are made again (the job store's)."""
        with self._relaxed.begin() as session:
            yield session

    def describe(self) -> str:
        """The URL without its password, safe to show and log."""
        return self.engine.url.render_as_string(hide_password=True)
