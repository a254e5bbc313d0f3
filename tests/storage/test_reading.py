"""A transaction that only reads neither waits for a writer nor holds one up."""

import threading
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text

from storage import conversations
from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.models import Conversation

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def test_a_reader_on_sqlite_sees_the_last_commit_while_a_writer_holds_the_lock(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    upgrade(engine)
    db = Database(engine)
    with db.transaction() as session:
        conversations.create(session, "console", "anna", "anna", {"step": None}, NOW)
    writing, read = threading.Event(), threading.Event()

    def writer() -> None:
        with db.transaction() as session:
            conversations.create(session, "console", "bram", "bram", {"step": None}, NOW)
            writing.set()
            read.wait(30)  # the write lock is held until the reader is done

    holder = threading.Thread(target=writer)
    holder.start()
    try:
        assert writing.wait(30)
        # Taking the write lock here would wait for the busy timeout, then fail.
        with db.relaxed_transaction() as session:
            seen = session.scalar(select(func.count()).select_from(Conversation))
    finally:
        read.set()
        holder.join()
        engine.dispose()
    assert seen == 1


def test_on_postgresql_only_relaxed_writes_skip_the_wait_for_the_disk(
    postgres_url: str,
) -> None:
    engine = make_engine(postgres_url)
    db = Database(engine)
    try:
        with db.relaxed_transaction(writes=True) as session:
            relaxed = session.scalar(text("SHOW synchronous_commit"))
        with db.transaction() as session:
            durable = session.scalar(text("SHOW synchronous_commit"))
        # A reader has nothing to wait for: no statement is spent on saying so.
        with db.relaxed_transaction() as session:
            reading = session.scalar(text("SHOW synchronous_commit"))
    finally:
        engine.dispose()
    assert (relaxed, durable, reading) == ("off", "on", "on")
