"""After a return day: the organiser's follow-up to those who came, with "hoe was
het?" and its answers counted; the attendance list by name only; and the export.

On SQLite and PostgreSQL, by time travel: the clock starts on Monday 23 November 2026
and the day is Thursday 10 December 2026 at 19.30.
"""

import csv
import io
import json
import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.cli import admin
from bot.cli.export import Format
from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from storage.db import Database
from storage.models import Initiative, OutboxMessage
from tests.town import Clock, Town

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PLAN = "terugkomdag 2026-12-10 19:30 Dorpshuis Ouddorp voor alle"
AFTER = datetime(2026, 12, 11, 10, tzinfo=AMSTERDAM)
FOLLOW_UP = "terugkomdag 1 nabericht We planten in maart de bomen.\nBram belt je daarover."
PHONE = "0612345678"  # the example intake's number (06-12345678), as digits
NAMES = {"bewoner": "Anna de Vries", "buurman": "Piet Jansen", "overbuur": "Sara Bakker"}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def here(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:
    """Three initiators and the return day: two come (one with two guests), one not."""
    town = Town(db, Inbox(db, names, setting, clock))
    for resident, area in (
        ("bewoner", "ouddorp"),
        ("buurman", "ouddorp"),
        ("overbuur", "stellendam"),
    ):
        town.submit(resident, area=area)
    with db.transaction() as session:  # the example intake names everyone Anna de Vries
        for resident, name in NAMES.items():
            session.execute(
                update(Initiative).where(Initiative.sender_id == resident).values(name=name)
            )
    town.say("coordinator", PLAN)
    town.say("bewoner", "ik kom met 2 anderen")
    town.say("buurman", "", payload="rsvp:1:yes")
    town.say("overbuur", "lukt niet")
    return town


def last_payload(town: Town, chat: str) -> dict[str, Any]:
    with town.db.transaction() as session:
        row = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == chat)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert row is not None
        return dict(row.payload)


def numbers(line: str) -> list[int]:
    """The counts in a line of the organiser's overview, whatever its language."""
    return [int(found) for found in re.findall(r"\d+", line)]


def test_the_follow_up_goes_after_the_day_to_those_who_came_and_its_answers_count(
    here: Town, clock: Clock
) -> None:
    told = len(here.inbox("overbuur"))
    before = len(here.inbox("bewoner"))
    assert not here.say("coordinator", FOLLOW_UP)  # the day has not begun: refused
    assert "donderdag 10 december om 19.30 uur" in here.last("coordinator")
    assert len(here.inbox("bewoner")) == before
    assert not here.say("bewoner", "", payload="howwas:1:good")  # nothing asked yet

    clock.now = AFTER
    assert here.say("coordinator", FOLLOW_UP)
    assert numbers(here.last("coordinator"))[:2] == [1, 2]  # return day 1, two who came
    for came in ("bewoner", "buurman"):
        follow_up = last_payload(here, came)
        assert "We planten in maart de bomen.\nBram belt je daarover." in follow_up["text"]
        assert [key for key, _ in follow_up["choices"]] == [
            "howwas:1:good",
            "howwas:1:fair",
            "howwas:1:bad",
        ]
    assert len(here.inbox("overbuur")) == told  # said no: not asked how it was
    assert not here.say("coordinator", FOLLOW_UP)  # once per day

    assert here.say("bewoner", "", payload="howwas:1:fair")
    assert here.say("bewoner", "", payload="howwas:1:good")  # the last press counts
    assert here.say("buurman", "", payload="howwas:1:bad")
    assert not here.say("overbuur", "", payload="howwas:1:good")  # did not come
    assert not here.say("bewoner", "", payload="howwas:9:good")  # no such day
    here.say("coordinator", "terugkomdag 1")
    lines = here.last("coordinator").splitlines()
    assert numbers(lines[1]) == [2, 1, 0, 0]
    assert numbers(lines[2]) == [2, 4]  # two guests, four people in all
    assert numbers(lines[3]) == [1, 0, 1]  # good, so-so, not good


def test_a_cancelled_day_has_no_follow_up(here: Town, clock: Clock) -> None:
    here.say("coordinator", "terugkomdag 1 annuleer")
    clock.now = AFTER
    assert not here.say("coordinator", FOLLOW_UP)
    assert not here.say("anna", FOLLOW_UP)  # only coordinators
    assert not here.say("coordinator", "terugkomdag 1 nabericht")  # and never empty


def test_the_attendance_list_names_those_who_come_with_their_guests_and_nothing_else(
    here: Town,
) -> None:
    assert here.say("coordinator", "terugkomdag 1 aanwezigen")
    listed = here.last("coordinator")
    people = [line for line in listed.splitlines() if line.startswith("\u2022 ")]
    assert len(people) == 2
    assert people[0].startswith("\u2022 Anna de Vries")
    assert "+2" in people[0]
    assert people[1] == "\u2022 Piet Jansen"
    assert "Sara Bakker" not in listed  # said no
    assert numbers(listed.splitlines()[-1]) == [2, 2, 4]  # coming, guests, in all
    for private in ("bewoner", "buurman", "console", PHONE, "06-", "2026-"):
        assert private not in listed
    here.say("coordinator", "returnday 1 attendees")
    assert here.last("coordinator") == listed
    assert not here.say("coordinator", "terugkomdag 1 aanwezigen", chat="team-west")
    assert "Anna de Vries" not in here.last("team-west")  # a group reads no names


def exported(db: Database, names: Names, form: Format, personal: bool = False) -> str:
    out, notices = io.StringIO(), io.StringIO()
    admin.export(db, names, form, None, out, notices, personal, return_days=True)
    return out.getvalue()


def test_the_export_has_the_return_days_and_who_came(
    here: Town, db: Database, names: Names, clock: Clock
) -> None:
    clock.now = AFTER
    here.say("coordinator", FOLLOW_UP)
    here.say("buurman", "", payload="howwas:1:bad")
    [day] = json.loads(exported(db, names, "json"))
    assert {key: day[key] for key in ("return_day", "place", "status")} == {
        "return_day": 1,
        "place": "Dorpshuis Ouddorp",
        "status": "planned",
    }
    assert day["starts_at"] == "2026-12-10T19:30:00+01:00"
    assert (day["coming"], day["guests"], day["not_coming"], day["maybe"]) == (2, 2, 1, 0)
    assert (day["how_was_it_good"], day["how_was_it_fair"], day["how_was_it_bad"]) == (0, 0, 1)
    assert day["attendees"] == [
        {"guests": 2, "how_was_it": None},
        {"guests": 0, "how_was_it": "bad"},
    ]  # no names without personal data
    with_names = json.loads(exported(db, names, "json", personal=True))[0]["attendees"]
    assert [person["name"] for person in with_names] == ["Anna de Vries", "Piet Jansen"]
    text = exported(db, names, "csv", personal=True)
    assert PHONE not in text
    assert "bewoner" not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [(row["name"], row["guests_brought"], row["how_was_it"]) for row in rows] == [
        ("Anna de Vries", "2", ""),
        ("Piet Jansen", "0", "bad"),
    ]
    assert "name" not in next(csv.DictReader(io.StringIO(exported(db, names, "csv"))))
