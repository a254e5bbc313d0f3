"""Engines and transactions for SQLite (embedded default) and PostgreSQL."""

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000
# The -wal file is cut back to this after a checkpoint (about SQLite's automatic
# checkpoint of 1000 pages), so that it does not keep old pages (erased data among
# them) beyond an ordinary stretch of writes.
SQLITE_WAL_LIMIT_BYTES = 4 * 1024 * 1024
# PostgreSQL: a server that accepts a connection but never answers holds every command
# until TCP gives up, minutes later. A connection comes within seconds or not at all;
# a statement of ours takes milliseconds, so one of 30 s is stuck (a lock that is not
# let go, a server in trouble) and better cancelled and reported.
CONNECT_TIMEOUT_S = 10
STATEMENT_TIMEOUT_MS = 30_000
# A connection whose server went away without a word is noticed within about a minute
# (30 s idle, then 3 probes 10 s apart), not after the system's two hours.
KEEPALIVE_IDLE_S = 30
KEEPALIVE_INTERVAL_S = 10
KEEPALIVE_COUNT = 3
# An execution option of ours, for transactions that only read, or whose writes are
# single statements that can be lost and made again (the job store's: the jobs are
# planned anew from the trail at every start). On SQLite they begin without the write
# lock; on PostgreSQL their commit does not wait for the disk.
RELAXED = "initiatiefbot_relaxed"
# Beside RELAXED, for transactions that only read: a commit with nothing to write has
# no disk to wait for, so PostgreSQL is spared the statement that would say so.
READS_ONLY = "initiatiefbot_reads_only"


class UnusableDatabase(Exception):
    """The database cannot be used as configured (an SQLite file or data folder that is
    read-only or cannot be made); the message is one line that says what is wrong, for
    the program to show and stop on."""


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and write transactions that queue.

    Statement parameters are kept out of error messages: they hold residents' data.
    Raises UnusableDatabase when an SQLite file or its folder cannot be written.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return _server_engine(parsed)
    # A URI filename ("file:...?mode=ro", with uri=true) is opened as its URI says.
    if parsed.database and parsed.database != ":memory:" and "uri" not in parsed.query:
        _prepare_file(Path(parsed.database))
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
        # Erased rows are overwritten with zeros, not left in free pages of the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA journal_size_limit={SQLITE_WAL_LIMIT_BYTES}")
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


def _server_engine(url: URL) -> Engine:
    """PostgreSQL, with timeouts: a server that takes connections but never answers
    fails a command in seconds instead of holding it for minutes."""
    server = create_engine(
        url, pool_pre_ping=True, hide_parameters=True, connect_args=_server_limits(url)
    )

    @event.listens_for(server, "begin")
    def _relax(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get(RELAXED, False) and not options.get(READS_ONLY, False):
            connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")

    return server


def _server_limits(url: URL) -> dict[str, Any]:
    """libpq's connect timeout, TCP keepalives and a statement timeout, each unless the
    URL sets it: the connect arguments given here would override the URL's own."""
    limits: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": KEEPALIVE_IDLE_S,
        "keepalives_interval": KEEPALIVE_INTERVAL_S,
        "keepalives_count": KEEPALIVE_COUNT,
    }
    limits = {key: value for key, value in limits.items() if key not in url.query}
    options = url.query.get("options", "")
    # The URL may carry options of its own (a search_path, say): add to them.
    given = " ".join(options) if isinstance(options, tuple) else options
    if "statement_timeout" not in given:
        limits["options"] = f"{given} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip()
    return limits


def _prepare_file(path: Path) -> None:
    """The data folder (0700) and the database file (0600), made before SQLite opens it,
    which gives its -wal and -shm files the database file's mode; and both found
    writable, or a one-line reason why not."""
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise UnusableDatabase(f"the data folder {folder} cannot be made: {_why(error)}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UnusableDatabase(
            f"the data folder {folder} is read-only: SQLite writes its -wal and -shm files there"
        )
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise UnusableDatabase(f"the database file {path} cannot be made: {_why(error)}") from None
    if not os.access(path, os.W_OK):
        raise UnusableDatabase(
            f"the database file {path} is read-only: the bot must be able to write it"
        )


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__


# On a session's `info`: what `after_commit` asked to be done once it has committed.
_AFTER_COMMIT = "initiatiefbot_after_commit"


def after_commit(session: Session, action: Callable[[], None]) -> None:
    """Do `action` once the `Database.transaction` of `session` has committed, and
    not at all if it rolls back: for work on the disk outside the database (a file to
    remove, a checkpoint), which must not happen for a change that is undone, and
    need not hold up the next writer, whose turn has begun by then."""
    session.info.setdefault(_AFTER_COMMIT, []).append(action)


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
        for action in session.info.pop(_AFTER_COMMIT, ()):
            action()

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
