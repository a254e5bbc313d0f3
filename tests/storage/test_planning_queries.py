"""The queries the follow-up planning reads with, on SQLite and PostgreSQL.

They read plain rows, so their filters and orders are checked here row by row.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from storage import queries
from storage.db import Database
from storage.models import Initiative, InitiativeEvent

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
        rows = [tuple(row) for row in queries.open_trails(session, None)]
        some = queries.open_trails(session, ["2026-0002", "2026-0003", "2026-9999"])
        none = queries.open_trails(session, [])
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
