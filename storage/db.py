"""Engines and transactions for SQLite (embedded default) and PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
# An execution option of ours: begin without taking SQLite's write lock.
LOCK_AT_FIRST_WRITE = "initiatiefbot_lock_at_first_write"


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and write transactions that queue.

    Statement parameters are kept out of error messages: they hold residents' data.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
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
        # reads, or writes in its first statement, is safe without (Database).
        lazy = connection.get_execution_options().get(LOCK_AT_FIRST_WRITE, False)
        connection.exec_driver_sql("BEGIN" if lazy else "BEGIN IMMEDIATE")

    return engine


class Database:
    """One engine and its sessions; `transaction()` commits only if nothing raised."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # For transactions that only read, or whose first statement is their one write
        # (the job store's): on SQLite they lock only when they write, if at all, so a
        # reader neither waits for the writer nor holds it up.
        self.lock_at_first_write = engine.execution_options(**{LOCK_AT_FIRST_WRITE: True})
        self._reading = sessionmaker(self.lock_at_first_write, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: on SQLite it takes no write lock, so it
        neither waits for a writer nor holds one up."""
        with self._reading.begin() as session:
            yield session

    def describe(self) -> str:
        """The URL without its password, safe to show and log."""
        return self.engine.url.render_as_string(hide_password=True)
