"""Return days invite nobody whose data was erased: there is no chat left to write to.

On SQLite and PostgreSQL; the harness's clock stands on Monday 23 November 2026.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.schedule.jobs import Firing, FollowUpJobs
from storage.models import OutboxMessage
from tests.town import Town, fire

WEEK_BEFORE = datetime(2026, 12, 3, 19, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_a_reminder_skips_an_initiator_who_asked_to_be_forgotten(
    town: Town, jobs: FollowUpJobs
) -> None:
    forgotten = town.submit("bewoner")
    town.submit("buurman", theme="verkeer")
    assert town.say("anna", f"sluiten {forgotten} klaar Het bankje staat er.")  # still invited
    town.say("bewoner", "vergeet mij")
    town.say("bewoner", "ja")
    assert town.initiative(forgotten).erased_at is not None  # kept for statistics only
    town.say("coordinator", "terugkomdag 2026-12-10 19:30 Dorpshuis Ouddorp voor alle")
    assert "voor alle initiatiefnemers" in town.last("coordinator")

    assert fire(town, jobs, "returnday:1:0", WEEK_BEFORE) == Firing(sent=1)
    assert town.last("buurman").startswith("Nog een week: de terugkomdag")
    with town.db.transaction() as session:
        chats = set(session.scalars(select(OutboxMessage.chat_id)))
    assert "" not in chats
    town.say("coordinator", "terugkomdag 1")
    assert "geen antwoord: 1" in town.last("coordinator")  # one invited, not two
