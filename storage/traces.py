"""After an erasure: the old copies of erased rows that the database itself keeps.

A deleted or changed row is not gone from the disk at commit. SQLite keeps the pages
it wrote in its -wal file until that is checkpointed and written over; and although
`secure_delete` (set at connect) zeroes what a deletion frees, a page SQLite rebuilds
when it moves rows between pages keeps the bytes of its old rows in the unused middle
of the page. Only a VACUUM, which writes every live row into fresh pages, leaves none
of them. PostgreSQL
keeps the row's old version (MVCC) until a VACUUM finds that no transaction can see
it any more. `wipe` hurries both along; it runs after the commit, because neither a
checkpoint that truncates nor a VACUUM can run inside a transaction.
"""

import logging
import sqlite3
from collections.abc import Iterable

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.db import after_commit

log = logging.getLogger(__name__)
# On a session's `info`: the tables its erasures touched, to wipe after its commit.
_ASKED = "initiatiefbot_wipe"


def wipe_after_commit(session: Session, tables: Iterable[str]) -> None:
    """`wipe` these tables once `session` has committed (nothing if it rolls back): once
    for all the erasures of one transaction, and outside the writers' turn, since a
    checkpoint may wait for readers and a VACUUM reads whole tables."""
    asked: set[str] | None = session.info.get(_ASKED)
    if asked is None:
        asked = session.info[_ASKED] = set()
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        after_commit(session, lambda: wipe(engine, sorted(asked)))
    asked.update(tables)


def wipe(engine: Engine, tables: Iterable[str]) -> None:
    """SQLite: VACUUM the database, then checkpoint the -wal file into it and truncate
    that to nothing. PostgreSQL: VACUUM `tables`, so their dead row versions are freed.

    The erasure is committed by then: a failure here is logged, not raised, and the
    traces go in the ordinary course (the next checkpoint, autovacuum)."""
    try:
        if engine.dialect.name == "sqlite":
            _checkpoint(engine)
        else:
            _vacuum(engine, tables)
    except (DBAPIError, sqlite3.Error) as error:
        cause = error.orig if isinstance(error, DBAPIError) else error
        log.warning("the traces of an erasure were not wiped yet: %s", cause)


def _checkpoint(engine: Engine) -> None:
    with engine.connect() as connection:
        # To the driver: SQLAlchemy would begin a transaction first (see make_engine),
        # and a checkpoint inside one finds the database locked.
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        # Whole-file, but a municipality's database is megabytes and erasures are rare:
        # once per `vergeet mij` or retention run that erased something. A VACUUM that
        # finds the database busy still lets the -wal file be emptied below.
        try:
            driver.execute("VACUUM")
        except sqlite3.OperationalError as error:
            log.warning("the database could not be vacuumed after an erasure: %s", error)
        busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:  # a reader held on past the busy timeout; the next checkpoint will do
        log.warning("the -wal file could not be truncated after an erasure: the database is busy")


def _vacuum(engine: Engine, tables: Iterable[str]) -> None:
    quote = engine.dialect.identifier_preparer.quote
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in tables:
            connection.execute(text(f"VACUUM {quote(table)}"))
