"""On SQLite our writers take turns in the process before they ask for the lock."""

import threading
from pathlib import Path

from sqlalchemy import event, text

from storage.db import Database, make_engine
from storage.migrate import upgrade

HELD_SECONDS = 0.3


def test_a_second_writer_begins_only_once_the_first_has_committed(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    upgrade(engine)
    db = Database(engine)
    happened: list[str] = []

    @event.listens_for(engine, "begin")
    def _began(connection: object) -> None:
        happened.append(f"begin {threading.current_thread().name}")

    @event.listens_for(engine, "commit")
    def _committed(connection: object) -> None:
        happened.append(f"commit {threading.current_thread().name}")

    first_in = threading.Event()

    def first() -> None:
        with db.transaction() as session:
            session.execute(text("DELETE FROM processed_events"))
            first_in.set()
            # Long enough for the second to ask SQLite, had it not been queued.
            threading.Event().wait(HELD_SECONDS)

    def second() -> None:
        with db.relaxed_transaction(writes=True) as session:
            session.execute(text("DELETE FROM processed_events"))

    threads = [threading.Thread(target=first, name="first")]
    threads[0].start()
    try:
        assert first_in.wait(30)
        threads.append(threading.Thread(target=second, name="second"))
        threads[1].start()
    finally:
        for thread in threads:
            thread.join(30)
        engine.dispose()
    assert happened == ["begin first", "commit first", "begin second", "commit second"]
