"""The SQLite files on disk: private modes, erased bytes zeroed, and a file or folder
that cannot be written refused in one line when the database is opened."""

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from storage.db import SQLITE_WAL_LIMIT_BYTES, Database, UnusableDatabase, make_engine
from storage.migrate import upgrade

NOBODY = 65534  # root writes any file: the refusals are tried as this user


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    made = make_engine(url_of(tmp_path / "data" / "bot.sqlite3"))
    yield made
    made.dispose()


def test_the_data_folder_and_every_database_file_are_private(
    tmp_path: Path, engine: Engine
) -> None:
    upgrade(engine)
    with engine.connect() as connection:  # the -wal and -shm files are open now
        connection.execute(text("SELECT 1"))
        folder = tmp_path / "data"
        files = [folder / name for name in ("bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm")]
        assert mode_of(folder) == 0o700
        assert [mode_of(path) for path in files] == [0o600, 0o600, 0o600]


def test_every_connection_zeroes_what_it_deletes_and_keeps_the_wal_small(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        limit = connection.exec_driver_sql("PRAGMA journal_size_limit").scalar()
        assert limit == SQLITE_WAL_LIMIT_BYTES


def test_a_data_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")

    with pytest.raises(UnusableDatabase) as refused:
        make_engine(url_of(tmp_path / "a-file" / "data" / "bot.sqlite3"))

    assert str(refused.value) == (
        f"the data folder {tmp_path / 'a-file' / 'data'} cannot be made: Not a directory"
    )


def as_nobody(action: Callable[[], str]) -> str:
    """`action` in a forked process with nobody's uid when this one runs as root (root
    may write any file); what it returns, or the name of what it raised."""
    if os.geteuid() != 0:
        return _outcome(action)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child
        os.close(reading)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(writing, _outcome(action).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as said:
        outcome = said.read()
    os.waitpid(child, 0)
    return outcome


def _outcome(action: Callable[[], str]) -> str:
    try:
        return action()
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def opened(url: str) -> Callable[[], str]:
    def action() -> str:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return "opened"

    return action


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the unprivileged child can reach (pytest's own is root's alone)."""
    with tempfile.TemporaryDirectory(prefix="initiatiefbot-files-") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def test_a_read_only_database_file_is_refused_in_one_line(shared_folder: Path) -> None:
    path = shared_folder / "data" / "bot.sqlite3"
    Database(make_engine(url_of(path))).engine.dispose()
    os.chmod(path, 0o444)
    if os.geteuid() == 0:
        os.chown(path.parent, NOBODY, -1)  # the folder is theirs; the file is not

    outcome = as_nobody(opened(url_of(path)))

    assert outcome == (
        f"UnusableDatabase: the database file {path} is read-only: the bot must be able to write it"
    )


def test_a_read_only_data_folder_is_refused_in_one_line(shared_folder: Path) -> None:
    folder = shared_folder / "data"
    folder.mkdir(mode=0o555)

    outcome = as_nobody(opened(url_of(folder / "bot.sqlite3")))

    assert outcome == (
        f"UnusableDatabase: the data folder {folder} is read-only: "
        "SQLite writes its -wal and -shm files there"
    )


def test_a_data_folder_without_permission_is_refused_in_one_line(shared_folder: Path) -> None:
    closed = shared_folder / "closed"
    closed.mkdir(mode=0o700)
    if os.geteuid() != 0:
        closed.chmod(0o500)

    outcome = as_nobody(opened(url_of(closed / "data" / "bot.sqlite3")))

    assert outcome == (
        f"UnusableDatabase: the data folder {closed / 'data'} cannot be made: Permission denied"
    )
