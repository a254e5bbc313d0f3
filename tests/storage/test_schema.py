"""The migrations build exactly the schema the models describe, on both databases."""

from datetime import UTC, datetime, timedelta, timezone

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, select

from storage.db import Database, make_engine
from storage.migrate import HEAD, alembic_config, current_revision, upgrade
from storage.models import Base, ProcessedEvent, ScheduledJob


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrading_twice_changes_nothing(db: Database) -> None:
    upgrade(db.engine)
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == HEAD


def test_the_head_we_check_without_alembic_is_alembics_own() -> None:
    """A start looks at the schema's version itself and skips Alembic when it is HEAD:
    a new migration without a new HEAD would then never run."""
    assert ScriptDirectory.from_config(alembic_config(make_engine("sqlite://"))).get_heads() == [
        HEAD
    ]


def test_a_schema_behind_is_brought_up_to_date(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) is None
        command.upgrade(alembic_config(engine), "0008")
        assert current_revision(engine) == "0008"
        upgrade(engine)
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_times_come_back_aware_and_equal(db: Database) -> None:
    moment = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=2)))
    with db.transaction() as session:
        session.add(ProcessedEvent(channel="console", event_id="e1", processed_at=moment))
    with db.transaction() as session:
        stored = session.scalars(select(ProcessedEvent.processed_at)).one()
    assert stored == moment
    assert stored.tzinfo is not None
    assert stored.utcoffset() == UTC.utcoffset(stored)


def test_jobs_naming_the_function_before_it_moved_are_cleared_for_planning_again(
    database_url: str,
) -> None:
    """APScheduler would drop such a row when it reads it; the next start plans every
    job again from the trail (see the scheduler's tests)."""
    engine = make_engine(database_url)
    try:
        command.upgrade(alembic_config(engine), "0008")
        old = {"id": "unclaimed:2026-0001", "next_run_time": 1.0, "job_state": b"x"}
        with engine.begin() as connection:
            connection.execute(insert(ScheduledJob.__table__), [old])
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(select(ScheduledJob.id)).all() == []
    finally:
        engine.dispose()
