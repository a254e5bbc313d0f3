"""A municipality in a test: residents and contacts talking to the real service."""

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.inbox.service import Inbox
from bot.messages import Incoming
from bot.schedule.jobs import Firing, FollowUpJobs
from storage.db import Database
from storage.models import Initiative, InitiativeEvent, OutboxMessage
from tests.intake.chatting import DUTCH_INTAKE

_event_ids = itertools.count(1)


class Clock:
    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Town:
    db: Database
    service: Inbox

    def say(self, account: str, text: str, chat: str = "", payload: str = "") -> bool:
        """`account` (a console id) writes `text` in `chat` (default: their own chat)."""
        incoming = Incoming(
            "console", chat or account, account, f"e{next(_event_ids)}", text, payload
        )
        return self.service.handle(incoming).accepted

    def submit(self, resident: str, area: str = "1", theme: str = "1") -> str:
        answers = [*DUTCH_INTAKE]
        answers[3:5] = [area, theme]
        for text in ["start", *answers, "ja"]:
            self.say(resident, text)
        with self.db.transaction() as session:
            return (
                session.scalars(
                    select(Initiative.reference)
                    .where(Initiative.sender_id == resident)
                    .order_by(Initiative.id.desc())
                ).first()
                or ""
            )

    def inbox(self, chat: str) -> list[str]:
        """Everything written to the outbox for `chat`, oldest first."""
        with self.db.transaction() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.chat_id == chat)
                .order_by(OutboxMessage.id)
            )
            return [row.payload["text"] for row in rows]

    def last(self, chat: str) -> str:
        messages = self.inbox(chat)
        return messages[-1] if messages else ""

    def choices(self, chat: str) -> dict[str, str]:
        """The buttons under the last message to `chat` that has any: label to key."""
        with self.db.transaction() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.chat_id == chat)
                .order_by(OutboxMessage.id.desc())
            )
            for row in rows:
                if row.payload.get("choices"):
                    return {label: key for key, label in row.payload["choices"]}
        return {}

    def initiative(self, reference: str) -> Initiative:
        with self.db.transaction() as session:
            return session.scalars(
                select(Initiative).where(Initiative.reference == reference)
            ).one()

    def trail(self, reference: str) -> list[tuple[str, str, dict[str, object]]]:
        with self.db.transaction() as session:
            events = session.scalars(
                select(InitiativeEvent)
                .join(Initiative)
                .where(Initiative.reference == reference)
                .order_by(InitiativeEvent.id)
            )
            return [(e.kind, e.actor, dict(e.data)) for e in events]


def fire(town: Town, jobs: FollowUpJobs, job_id: str, now: datetime) -> Firing:
    """Run one follow-up job at `now`, as the scheduler would."""
    with town.db.transaction() as session:
        return jobs.fire(session, job_id, now)
