"""What the tests of the time after a close share: an initiative taken up and closed,
its follow-ups as the rules plan them, and the buttons under a message."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.cases.timerules import time_rules
from bot.config.settings import Config
from bot.followups.rules import plan
from bot.followups.trail_facts import facts_of
from storage import queries
from storage.models import OutboxMessage
from tests.town import Town

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def closed_as(town: Town, outcome: str, resident: str = "bewoner") -> str:
    """Handed in, taken up by Anna and closed with `outcome` on Monday 23 November 2026,
    about 10:00 local."""
    reference = town.submit(resident)
    assert town.say("anna", f"claim {reference}", chat="team-west")
    assert town.say("anna", f"sluiten {reference} {outcome} Dank je wel!", chat="team-west")
    return reference


def planned(town: Town, config: Config, reference: str) -> dict[str, str]:
    """The follow-ups the rules want for one initiative, whatever its status, by kind:
    local times. (The scheduler's listing reads the open and running ones.)"""
    with town.db.transaction() as session:
        initiative = queries.find_initiative(session, reference)
        assert initiative is not None
        case = facts_of(initiative, queries.trail(session, initiative.id))
    return {
        entry.kind.value: f"{entry.at.astimezone(AMSTERDAM):%Y-%m-%d %H:%M}"
        for entry in plan(case, time_rules(config), config.schedule)
    }


def choices(town: Town, chat: str) -> list[tuple[str, str]]:
    """The buttons (payload, label) under the last message to `chat`."""
    with town.db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == chat)
            .order_by(OutboxMessage.id.desc())
            .limit(1)
        ).one()
        return [(key, label) for key, label in row.payload.get("choices", [])]


def local(text: str) -> datetime:
    """A local wall-clock time, "YYYY-MM-DD HH:MM", in Amsterdam."""
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)
