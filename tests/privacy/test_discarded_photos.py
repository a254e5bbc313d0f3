"""The photos of an intake that ends without a hand-in go with it, on SQLite and
PostgreSQL: stopped, or expired (when the resident comes back, or at the daily
retention run if they never do). The resident is told nothing is kept."""

import itertools
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.conversation import respond
from bot.intake.state import Setting, State
from bot.messages import Incoming, Photo
from bot.schedule.jobs import FollowUpJobs
from storage.db import Database
from storage.models import Initiative
from tests.intake.chatting import DUTCH_INTAKE, START
from tests.town import Clock, Town, fire

RESIDENT = "fotograaf"
DAYS_KEPT = 7  # the example config's [intake] keep_unfinished_days

_ids = itertools.count(1)


def send_photo(inbox: Inbox, path: Path) -> None:
    photo = Photo(f"file-{path.stem}", str(path))
    incoming = Incoming("console", RESIDENT, RESIDENT, f"photo-{next(_ids)}", photo=photo)
    assert inbox.handle(incoming).accepted


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def inbox(db: Database, names: Names, setting: Setting, clock: Clock) -> Inbox:
    return Inbox(db, names, setting, clock)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "photos" / "garden.jpg"
    path.parent.mkdir()
    path.write_bytes(b"\xff\xd8 a garden")
    return path


def intake_with_a_photo(town: Town, inbox: Inbox, photo: Path) -> None:
    for text in ["nieuw", "ja", "Een moestuin bij de kerk"]:
        town.say(RESIDENT, text)
    send_photo(inbox, photo)
    assert any("Foto toegevoegd" in text for text in town.inbox(RESIDENT)[-2:])
    assert photo.exists()


def test_stop_deletes_the_photos_of_the_intake(
    db: Database, inbox: Inbox, photo: Path, clock: Clock
) -> None:
    town = Town(db, inbox)
    intake_with_a_photo(town, inbox, photo)

    town.say(RESIDENT, "stop")

    assert "We hebben niets bewaard" in town.last(RESIDENT)
    assert not photo.exists()


def test_an_expired_intake_loses_its_photos_when_the_resident_comes_back(
    db: Database, inbox: Inbox, photo: Path, clock: Clock
) -> None:
    town = Town(db, inbox)
    intake_with_a_photo(town, inbox, photo)

    clock.now += timedelta(days=DAYS_KEPT + 1)
    town.say(RESIDENT, "hallo")

    assert not photo.exists()


def test_an_expired_intake_loses_its_photos_at_the_retention_run(
    db: Database, inbox: Inbox, photo: Path, clock: Clock, jobs: FollowUpJobs
) -> None:
    town = Town(db, inbox)
    intake_with_a_photo(town, inbox, photo)

    fire(town, jobs, "retention:daily", clock.now + timedelta(days=DAYS_KEPT - 1))
    assert photo.exists()  # still theirs to go on with
    fire(town, jobs, "retention:daily", clock.now + timedelta(days=DAYS_KEPT + 1))
    assert not photo.exists()

    clock.now += timedelta(days=DAYS_KEPT + 2)
    town.say(RESIDENT, "hallo")  # the resident, back, hears it was removed
    assert "nu verwijderd" in "\n".join(town.inbox(RESIDENT)[-2:])


def test_the_photos_of_a_handed_in_intake_stay(db: Database, inbox: Inbox, photo: Path) -> None:
    town = Town(db, inbox)
    town.say(RESIDENT, "nieuw")
    for number, answer in enumerate([*DUTCH_INTAKE, "ja"]):
        if number == 2:
            send_photo(inbox, photo)
        town.say(RESIDENT, answer)

    with db.transaction() as session:
        [kept] = session.scalars(select(Initiative.photos).where(Initiative.sender_id == RESIDENT))
    assert [entry["path"] for entry in kept] == [str(photo)]
    assert photo.exists()


KEPT = {"file_id": "f1", "path": "/data/photos/f1.jpg"}


def test_the_core_hands_back_the_photos_an_intake_let_go_of(setting: Setting) -> None:
    """What the shell deletes: stopped or expired, the photos; handed in, none."""
    now = START
    state = respond(setting, State("nl"), "nieuw", now).state
    state = respond(setting, state, "ja", now).state
    with_photo = respond(setting, state, "", now, photo=Photo("f1", KEPT["path"])).state
    assert with_photo.photos == (KEPT,)

    assert respond(setting, with_photo, "stop", now).discarded == (KEPT,)
    later = now + timedelta(days=DAYS_KEPT, seconds=1)
    assert respond(setting, with_photo, "hallo", later).discarded == (KEPT,)
    assert respond(setting, with_photo, "Een moestuin", now).discarded == ()

    for answer in DUTCH_INTAKE[1:]:
        with_photo = respond(setting, with_photo, answer, now).state
    assert with_photo.step is not None
    assert with_photo.photos == (KEPT,)
    handed_in = respond(setting, with_photo, "ja", now)
    assert [type(effect).__name__ for effect in handed_in.effects] == ["Submission"]
    assert handed_in.discarded == ()
