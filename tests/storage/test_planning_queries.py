"""The queries the follow-up planning reads with, on SQLite and PostgreSQL.

They read plain rows, the job store's table included, so their filters and orders
are checked here row by row.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.vocabulary import OPEN
from storage import queries
from storage.db import Database
from storage.models import Initiative, InitiativeEvent, ScheduledJob

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def initiative(session: Session, reference: str, status: str) -> Initiative:
    row = Initiative(
        reference=reference,
        channel="console",
        chat_id=reference,
        sender_id=reference,
        locale="nl",
        title="Bankje bij de haven",
        description=None,
        area="ouddorp",
        theme="groen",
        help_wanted=[],
        answers={},
        status=status,
        consented_at=NOW,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(row)
    session.flush()
    return row


def event(
    session: Session, of: Initiative, kind: str, at: datetime, data: dict[str, Any] | None = None
) -> None:
    session.add(
        InitiativeEvent(initiative_id=of.id, kind=kind, actor="bot", at=at, data=data or {})
    )
    session.flush()  # in this order: the ids are the order written


def test_open_trails_hold_the_open_initiatives_events_together_in_the_order_written(
    db: Database,
) -> None:
    with db.transaction() as session:
        waiting = initiative(session, "2026-0001", "submitted")
        claimed = initiative(session, "2026-0002", "claimed")
        done = initiative(session, "2026-0003", "done")
        initiative(session, "2026-0004", "submitted")  # no trail: nothing to plan
        event(session, waiting, "submitted", NOW)
        event(session, claimed, "submitted", NOW)
        event(session, done, "submitted", NOW)
        # Written later by a process whose clock is a little behind: still later.
        event(session, waiting, "routed", NOW - timedelta(seconds=1), {"team": "west"})
        event(session, claimed, "claimed", NOW + timedelta(hours=1))

    with db.transaction() as session:
        rows = [tuple(row) for row in queries.trails_in(session, OPEN, None)]
        some = queries.trails_in(session, OPEN, ["2026-0002", "2026-0003", "2026-9999"])
        none = queries.trails_in(session, OPEN, [])
    assert rows == [
        (waiting.id, "2026-0001", "submitted", "submitted", NOW, {}, "bot"),
        (
            waiting.id,
            "2026-0001",
            "submitted",
            "routed",
            NOW - timedelta(seconds=1),
            {"team": "west"},
            "bot",
        ),
        (claimed.id, "2026-0002", "claimed", "submitted", NOW, {}, "bot"),
        (claimed.id, "2026-0002", "claimed", "claimed", NOW + timedelta(hours=1), {}, "bot"),
    ]
    assert all(row[4].tzinfo is not None for row in rows)
    assert [(row[1], row[3]) for row in some] == [
        ("2026-0002", "submitted"),
        ("2026-0002", "claimed"),
    ]
    assert none == []


def test_scheduled_jobs_of_some_ids_and_id_beginnings(db: Database) -> None:
    times = {
        "unclaimed:2026-0001": 30.0,
        "stale:2026-0001": 10.0,
        "unclaimed:2026-0002": 20.0,
        "returnday:1:1": 50.0,
        "returnday:1:0": 40.0,
        "returnday:10:0": 5.0,
        "returnday:12:0": 6.0,
        "digest:daily": None,
    }
    with db.transaction() as session:
        for job_id, at in times.items():
            session.add(ScheduledJob(id=job_id, next_run_time=at, job_state=b"state"))

    with db.transaction() as session:
        every = queries.scheduled_jobs(session)
        some = queries.scheduled_jobs(
            session, ["stale:2026-0001", "unclaimed:2026-0009", "digest:daily"], ["returnday:1:"]
        )
        # A prefix is taken as it is written, not as a LIKE pattern.
        like = queries.scheduled_jobs(session, [], ["returnday:1_", "returnday:%"])
        nothing = queries.scheduled_jobs(session, [], [])
    assert sorted(every, key=lambda job: job[0]) == sorted(times.items())
    assert [job_id for job_id, _ in every if times[job_id] is not None] == [
        "returnday:10:0",
        "returnday:12:0",
        "stale:2026-0001",
        "unclaimed:2026-0002",
        "unclaimed:2026-0001",
        "returnday:1:0",
        "returnday:1:1",
    ]
    assert sorted(some, key=lambda job: job[0]) == [
        ("digest:daily", None),
        ("returnday:1:0", 40.0),
        ("returnday:1:1", 50.0),
        ("stale:2026-0001", 10.0),
    ]
    assert like == []
    assert nothing == []


def test_due_jobs_are_those_due_by_then_soonest_first(db: Database) -> None:
    with db.transaction() as session:
        for job_id, at in (("c", 30.0), ("a", 10.0), ("b", 10.0), ("later", 31.0), ("off", None)):
            session.add(ScheduledJob(id=job_id, next_run_time=at, job_state=b"state"))

    with db.transaction() as session:
        assert queries.due_jobs(session, 30.0) == ["a", "b", "c"]
        assert queries.due_jobs(session, 9.0) == []
