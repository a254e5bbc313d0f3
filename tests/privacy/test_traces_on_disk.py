"""After "vergeet mij" or a retention run, the erased data is gone from the files, not
only from the tables: SQLite's database and -wal files hold none of its bytes; on
PostgreSQL the touched tables were vacuumed, so their old row versions are freed."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text, update

from bot.alike.terms import terms_of
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.privacy.erasure import TOUCHED
from bot.schedule.jobs import FollowUpJobs
from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.models import OutboxMessage
from tests.privacy.test_erasure import NAME, PHONE, RESIDENT, TITLE, TRACES, run_story
from tests.privacy.test_retention import JOB, at, closed_initiative
from tests.town import Clock, Town, fire

# What the initiator of `closed_initiative` typed, and its closing message.
PERSONAL = (
    "Bankje bij de haven",
    "zodat ouderen even kunnen uitrusten",
    "Anna de Vries",
    "06-12345678",
    "+31612345678",
    "Het bankje staat er!",
)


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    """A database in a file, its connections kept open: closing the last one would
    checkpoint and remove the -wal file by itself."""
    path = tmp_path / "bot.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield Database(engine), path
    engine.dispose()


def on_disk(path: Path) -> bytes:
    """The database file and its -wal file, as raw bytes."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def forms(*traces: str) -> list[bytes]:
    """Each trace as UTF-8, and as JSON writes it (ASCII, with escapes)."""
    found = {trace.encode() for trace in traces}
    found |= {json.dumps(trace).strip('"').encode() for trace in traces}
    return sorted(found)


def test_forget_me_leaves_nothing_in_the_sqlite_files(
    sqlite_file: tuple[Database, Path], config: Config, flow: Flow, tmp_path: Path
) -> None:
    db, path = sqlite_file
    photo = tmp_path / "garden.jpg"
    photo.write_bytes(b"\xff\xd8 a garden")

    run_story(config, flow, db, photo)

    assert [form for form in forms(NAME, PHONE, TITLE) if form in on_disk(path)] == []
    typed = [trace for trace in TRACES if trace != RESIDENT]
    assert [form for form in forms(*typed) if form in on_disk(path)] == []


def test_forget_me_leaves_no_term_of_the_words_filed_for_similar_initiatives(
    sqlite_file: tuple[Database, Path], config: Config, flow: Flow, tmp_path: Path
) -> None:
    db, path = sqlite_file
    filed = sorted(terms_of(TITLE).counts)
    assert "lindelaan" in filed  # a street, as the resident wrote it

    photo = tmp_path / "garden.jpg"
    photo.write_bytes(b"\xff\xd8 a garden")

    run_story(config, flow, db, photo)

    assert [term for term in filed if term.encode() in on_disk(path)] == []


def test_the_goodbye_once_sent_leaves_no_trace_of_the_account_either(
    sqlite_file: tuple[Database, Path], config: Config, flow: Flow, tmp_path: Path
) -> None:
    """The last message to the erased resident goes from the outbox once it is sent."""
    db, path = sqlite_file
    photo = tmp_path / "garden.jpg"
    photo.write_bytes(b"\xff\xd8 a garden")

    scene, _, _ = run_story(config, flow, db, photo)

    assert scene.platform.texts(RESIDENT)[-1].startswith("Klaar")
    assert RESIDENT.encode() not in on_disk(path)


def test_a_retention_run_leaves_nothing_in_the_sqlite_files(
    sqlite_file: tuple[Database, Path], names: Names, setting: Setting, jobs: FollowUpJobs
) -> None:
    db, path = sqlite_file
    town = Town(db, Inbox(db, names, setting, Clock()))
    reference = closed_initiative(town)
    assert b"Anna de Vries" in on_disk(path)
    with db.transaction() as session:  # as the dispatcher would have
        session.execute(update(OutboxMessage).values(state="sent"))

    fire(town, jobs, JOB, at("2027-11-09"))  # the warning
    fire(town, jobs, JOB, at("2027-11-23"))  # the erasure

    assert town.initiative(reference).name is None
    assert [form for form in forms(*PERSONAL) if form in on_disk(path)] == []


def test_forget_me_vacuums_the_tables_it_touched_on_postgresql(
    postgres_url: str, config: Config, flow: Flow, tmp_path: Path
) -> None:
    engine = make_engine(postgres_url)
    upgrade(engine)
    photo = tmp_path / "garden.jpg"
    photo.write_bytes(b"\xff\xd8 a garden")

    run_story(config, flow, Database(engine), photo)

    with engine.connect() as connection:
        vacuumed = connection.execute(
            text(
                "SELECT relname FROM pg_stat_user_tables"
                " WHERE schemaname = current_schema() AND last_vacuum IS NOT NULL"
            )
        ).scalars()
        assert set(TOUCHED) <= set(vacuumed)
    engine.dispose()
