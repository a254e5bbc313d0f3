"""A config return day on "the second thursday of next month": planned once, kept on
its date across starts, and after it has passed the next one is a new day.

On SQLite and PostgreSQL; the harness's clock stands on Monday 23 November 2026.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, Person, ReturnDaySettings
from bot.returndays import from_config
from bot.returndays.desk import ReturnDays
from storage.db import Database
from storage.models import ReturnDay, ReturnDayAnswer
from tests.town import Town

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INVITED = "Je bent uitgenodigd voor de terugkomdag"
MONTHLY = ReturnDaySettings(
    key="maandelijks", on="second thursday of next month", time="19:30", place="Diekhuis"
)


def synced(
    db: Database, config: Config, flow: Flow, now: datetime, *days: ReturnDaySettings
) -> list[str]:
    """A start at `now` with these return days in the config: which days changed."""
    names = Names(config.model_copy(update={"return_days": list(days)}), flow)
    with db.transaction() as session:
        return from_config.sync(ReturnDays(names, time_rules(config)), session, now)


def stored(db: Database) -> list[tuple[int, str | None, str, str]]:
    with db.transaction() as session:
        return [
            (day.id, day.key, f"{day.starts_at.astimezone(AMSTERDAM):%Y-%m-%d %H:%M}", day.status)
            for day in session.scalars(select(ReturnDay).order_by(ReturnDay.id))
        ]


def invitations(town: Town, chat: str) -> list[str]:
    return [text for text in town.inbox(chat) if text.startswith(INVITED)]


def test_a_monthly_day_stays_on_its_date_and_the_next_is_a_new_day(
    db: Database, config: Config, flow: Flow, town: Town
) -> None:
    town.submit("bewoner")
    start = datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert synced(db, config, flow, start, MONTHLY) == ["1"]
    assert stored(db) == [(1, "maandelijks", "2026-12-10 19:30", "planned")]
    assert "Wanneer: donderdag 10 december om 19.30 uur" in invitations(town, "bewoner")[0]

    december = datetime(2026, 12, 2, 9, tzinfo=UTC)  # "next month" is January now
    assert synced(db, config, flow, december, MONTHLY) == []
    assert stored(db) == [(1, "maandelijks", "2026-12-10 19:30", "planned")]
    assert len(invitations(town, "bewoner")) == 1

    third = MONTHLY.model_copy(update={"on": "third thursday of next month", "time": "20:00"})
    assert synced(db, config, flow, december, third) == ["1"]  # moved within its month
    assert stored(db) == [(1, "maandelijks", "2026-12-17 20:00", "planned")]
    assert "verzet naar donderdag 17 december om 20.00 uur" in town.last("bewoner")
    town.say("bewoner", "", payload="rsvp:1:yes")

    after = datetime(2026, 12, 18, 9, tzinfo=UTC)
    assert synced(db, config, flow, after, third) == ["2"]
    assert stored(db) == [
        (1, None, "2026-12-17 20:00", "planned"),  # it happened: kept, its key let go
        (2, "maandelijks", "2027-01-21 20:00", "planned"),
    ]
    [_, second] = invitations(town, "bewoner")
    assert "Wanneer: donderdag 21 januari om 20.00 uur" in second
    assert synced(db, config, flow, after, third) == []
    with db.transaction() as session:  # the answers stay with the day they were given for
        assert session.scalars(select(ReturnDayAnswer.return_day_id)).all() == [1]


def test_a_passed_fixed_day_given_a_new_date_is_a_new_day(
    db: Database, config: Config, flow: Flow, town: Town
) -> None:
    town.submit("bewoner")
    day = ReturnDaySettings(
        key="vast", at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM), place="Diekhuis"
    )
    assert synced(db, config, flow, datetime(2026, 11, 23, tzinfo=UTC), day) == ["1"]
    after = datetime(2026, 12, 11, tzinfo=UTC)
    assert synced(db, config, flow, after, day) == []  # over, and nothing new to come
    again = day.model_copy(update={"at": datetime(2027, 3, 11, 19, 30, tzinfo=AMSTERDAM)})
    assert synced(db, config, flow, after, again) == ["2"]
    assert [key for _, key, _, _ in stored(db)] == [None, "vast"]
    assert len(invitations(town, "bewoner")) == 2
    assert synced(db, config, flow, after) == ["2"]  # removed: cancelled
    assert stored(db)[1][3] == "cancelled"


MASTERCLASS = ReturnDaySettings(
    key="masterclass",
    at=datetime(2026, 12, 10, 19, 30, tzinfo=AMSTERDAM),
    place="Diekhuis",
    all_initiators=False,
    participants=(
        Person(account="console:anna", name="Anna de Vries"),
        Person(account="console:piet", name="Piet Bakker"),
    ),
    followers=("Dorpsraad Ouddorp",),
    capacity=1,
)


def test_a_config_day_for_participants_a_dorpsraad_and_a_room_of_one(
    db: Database, config: Config, flow: Flow, town: Town
) -> None:
    """The masterclass's participants by name and the dorpsraad's chat, nobody else; the
    one place taken, the next waits; dropped from the config, a participant is taken off
    and their place goes to the one waiting."""
    town.submit("bewoner")  # an initiator, but the day is not for all initiators
    start = datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert synced(db, config, flow, start, MASTERCLASS) == ["1"]
    assert invitations(town, "bewoner") == []
    assert len(invitations(town, "anna")) == len(invitations(town, "piet")) == 1
    [raad] = invitations(town, "dorpsraad-ouddorp")
    assert "Ieder meldt zich zelf aan:\n• Stuur “aanmelden " in raad  # sign-up opened
    assert synced(db, config, flow, start, MASTERCLASS) == []  # a restart changes nothing
    assert len(invitations(town, "anna")) == 1

    town.say("anna", "", payload="rsvp:1:yes")
    town.say("piet", "", payload="rsvp:1:yes")
    assert "wachtlijst, als nummer 1" in town.last("piet")

    without_anna = MASTERCLASS.model_copy(update={"participants": MASTERCLASS.participants[1:]})
    assert synced(db, config, flow, start, without_anna) == ["1"]
    assert town.last("anna").startswith("Je staat niet meer op de lijst")
    assert town.last("piet").startswith("Goed nieuws: er is een plek vrij")

    roomier = without_anna.model_copy(update={"capacity": None})
    assert synced(db, config, flow, start, roomier) == []  # nobody waits: nothing to tell
    with db.transaction() as session:
        day = session.scalars(select(ReturnDay)).one()
        assert day.capacity is None
