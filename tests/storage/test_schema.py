"""The migrations build exactly the schema the models describe, on both databases."""

from datetime import UTC, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from storage.db import Database
from storage.migrate import upgrade
from storage.models import Base, ProcessedEvent


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrading_twice_changes_nothing(db: Database) -> None:
    upgrade(db.engine)
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0008"


def test_times_come_back_aware_and_equal(db: Database) -> None:
    moment = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=2)))
    with db.transaction() as session:
        session.add(ProcessedEvent(channel="console", event_id="e1", processed_at=moment))
    with db.transaction() as session:
        stored = session.scalars(select(ProcessedEvent.processed_at)).one()
    assert stored == moment
    assert stored.tzinfo is not None
    assert stored.utcoffset() == UTC.utcoffset(stored)
