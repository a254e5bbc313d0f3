"""The handled event ids are forgotten after a while, on SQLite and PostgreSQL; what
the daily jobs read as their last day stays."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage import housekeeping, queries
from storage.db import Database
from storage.models import ProcessedEvent

NOW = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=40)
RECENT = NOW - timedelta(days=2)


def test_old_event_ids_go_but_each_channels_greatest_stays(db: Database) -> None:
    with db.transaction() as session:
        for channel, event_id, at in [
            ("digest", "2026-11-30", OLD),
            ("digest", "2026-12-01", OLD),  # the day the digest last ran
            ("console", "e1", OLD),
            ("console", "e2", OLD),
            ("console", "e3", RECENT),
        ]:
            assert queries.mark_processed(session, channel, event_id, at)

    with db.transaction() as session:
        assert housekeeping.prune_processed(session, NOW - timedelta(days=30)) == 3

    with db.transaction() as session:
        left = session.execute(select(ProcessedEvent.channel, ProcessedEvent.event_id)).all()
        assert sorted(tuple(row) for row in left) == [("console", "e3"), ("digest", "2026-12-01")]
        assert queries.last_processed(session, "digest") == "2026-12-01"
