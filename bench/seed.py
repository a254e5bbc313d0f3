"""Many initiatives and conversations at once, written in bulk (not through the app:
seeding 100,000 through the intake would take longer than the figures it serves)."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from storage.db import Database
from storage.models import Conversation, Initiative, InitiativeEvent

BATCH = 5000
Trail = list[tuple[str, dict[str, str]]]


def initiatives(db: Database, count: int, open_share: float, now: datetime) -> None:
    """`count` initiatives of team West, the first `open_share` of them waiting for a
    contact (each with three follow-ups to come), the rest closed a month ago."""
    open_count = int(count * open_share)
    for start in range(0, count, BATCH):
        rows = [
            _initiative(n, "console", f"seed{n}", "submitted" if n < open_count else "done", now)
            for n in range(start, min(count, start + BATCH))
        ]
        _store(db, rows, [("submitted", {}), ("routed", {"team": "west"})])


def claimed_on_telegram(db: Database, count: int, first_chat: int, claimed_at: datetime) -> None:
    """`count` initiatives from Telegram private chats `first_chat` onwards, taken up by
    Anna at `claimed_at`: each has its check-in with the initiator due after that."""
    for start in range(0, count, BATCH):
        rows = [
            _initiative(n, "telegram", str(first_chat + n), "claimed", claimed_at)
            for n in range(start, min(count, start + BATCH))
        ]
        _store(db, rows, [("submitted", {}), ("routed", {"team": "west"}), ("claimed", {})])


def _store(db: Database, rows: list[dict[str, Any]], trail: Trail) -> None:
    with db.transaction() as session:
        session.execute(insert(Initiative), rows)
        references = [row["reference"] for row in rows]
        found = session.execute(
            select(Initiative.id, Initiative.created_at).where(Initiative.reference.in_(references))
        )
        events = [
            {"initiative_id": i, "kind": kind, "actor": "bench", "at": at, "data": data}
            for i, at in found
            for kind, data in trail
        ]
        session.execute(insert(InitiativeEvent), events)


def _initiative(number: int, channel: str, chat: str, status: str, at: datetime) -> dict[str, Any]:
    when = at if status in ("submitted", "claimed") else at - timedelta(days=30)
    claimed = status == "claimed"
    return {
        "reference": f"B-{number:07d}",
        "channel": channel,
        "chat_id": chat,
        "sender_id": chat,
        "locale": "nl",
        "title": "Bankje bij de haven",
        "description": "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
        "area": "ouddorp",
        "theme": "groen",
        "help_wanted": ["advice"],
        "name": "Anna de Vries",
        "contact_kind": "phone",
        "contact": "+31612345678",
        "answers": {},
        "photos": [],
        "status": status,
        "team": "west",
        "claimed_by": "console:anna" if claimed else None,
        "claimed_by_name": "Anna" if claimed else None,
        "consented_at": when,
        "created_at": when,
        "updated_at": when,
    }


def conversations(db: Database, count: int, now: datetime) -> None:
    """`count` residents halfway an intake."""
    state = {
        "locale": "nl",
        "step": "area",
        "answers": {"consent": {"at": now.isoformat(), "version": ""}, "title": "Speeltuin"},
        "history": ["consent", "title", "description"],
        "touched_at": now.isoformat(),
        "known": True,
    }
    for start in range(0, count, BATCH):
        rows = [
            {
                "channel": "console",
                "chat_id": f"talk{n}",
                "sender_id": f"talk{n}",
                "state": state,
                "version": 1,
                "updated_at": now,
            }
            for n in range(start, min(count, start + BATCH))
        ]
        with db.transaction() as session:
            session.execute(insert(Conversation), rows)
