"""Work on the disk after a transaction (a photo file to remove, a checkpoint) is done
once it committed, never for one that rolled back, and without holding up the next
writer."""

import threading
from pathlib import Path

import pytest

from storage.db import Database, after_commit, make_engine
from storage.migrate import upgrade


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    upgrade(engine)
    return Database(engine)


def test_it_runs_after_the_commit_and_not_after_a_rollback(sqlite_db: Database) -> None:
    done: list[str] = []
    with sqlite_db.transaction() as session:
        after_commit(session, lambda: done.append("committed"))
        assert done == []

    def failing_turn() -> None:
        with sqlite_db.transaction() as session:
            after_commit(session, lambda: done.append("rolled back"))
            raise RuntimeError("the turn failed")

    with pytest.raises(RuntimeError):
        failing_turn()
    assert done == ["committed"]


def test_the_next_writer_need_not_wait_for_it(sqlite_db: Database) -> None:
    other_writer_done = threading.Event()

    def write_elsewhere() -> None:
        with sqlite_db.transaction():
            pass
        other_writer_done.set()

    def slow_disk_work() -> None:
        writer = threading.Thread(target=write_elsewhere)
        writer.start()
        writer.join(timeout=3)  # the writers' turn would hold it for 10 s

    with sqlite_db.transaction() as session:
        after_commit(session, slow_disk_work)
    assert other_writer_done.is_set()
