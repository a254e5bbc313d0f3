""" "vergeet mij" through the real app, on SQLite and PostgreSQL: before, `mijn
gegevens` holds all of the resident's data; after, no table, job or log line does."""

import asyncio
import base64
import itertools
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App
from bot.cases.timerules import time_rules
from bot.config.flows import Flow
from bot.config.settings import Config, load_config
from bot.intake.forgetting import YES
from bot.messages import Incoming, Photo
from storage.db import Database
from storage.models import Base, DeletionEntry, Initiative, ScheduledJob
from tests.clocks import a_quiet_week
from tests.configs import example, set_key
from tests.intake.chatting import DUTCH_INTAKE
from tests.platform import RecordingPlatform

RESIDENT = "r-5551"
NAME = "Saskia Verbeek-\u00d6zt\u00fcrk"
PHONE = "06-24681357"
TITLE = "Moestuin achter de Lindelaan"
RELAYED = "Mijn adres is Lindelaan 12, bel na zessen"
REPLY = "Ik kom dinsdag bij je aan de deur"
PLACE = "Keukentafel Lindelaan 12"
UNFINISHED = "Nog een idee over de Lindelaan"
# Every form the resident's data could be stored in.
TRACES = (
    RESIDENT,
    NAME,
    "Verbeek",
    PHONE,
    "+31624681357",
    "0624681357",
    TITLE,
    RELAYED,
    REPLY,
    PLACE,
    UNFINISHED,
    "photo-of-the-garden",
)


class SteppingClock:
    """Fifteen seconds per reading: a resident typing, never a flood."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=15)
        return self.now


@dataclass
class Scene:
    app: App
    platform: RecordingPlatform
    clock: SteppingClock
    ids: Iterator[int] = field(default_factory=itertools.count)

    async def say(self, sender: str, text: str, chat: str = "", **more: Any) -> bool:
        incoming = Incoming("console", chat or sender, sender, f"x{next(self.ids)}", text, **more)
        [handled] = await self.app.handle_page_and_send([incoming])
        assert not isinstance(handled, Exception)
        return handled.accepted

    async def intake(self, sender: str, title: str, name: str, phone: str, photo: str = "") -> None:
        answers = [*DUTCH_INTAKE]
        answers[1], answers[6], answers[9] = title, name, phone
        await self.say(sender, "nieuw")
        for number, answer in enumerate([*answers, "ja"]):
            if number == 2 and photo:
                await self.say(sender, "", photo=Photo("photo-of-the-garden", photo))
            await self.say(sender, answer)


def everything_stored(db: Database) -> str:
    """Every row of every table, the job store's pickled jobs included, as one text."""
    parts: list[str] = []
    with db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                for value in row:
                    if isinstance(value, bytes):
                        parts.append(value.decode("latin-1"))
                    elif isinstance(value, dict | list):
                        parts.append(json.dumps(value, ensure_ascii=False))
                    else:
                        parts.append(str(value))
    return "\n".join(parts)


def references_of(db: Database, sender: str) -> list[str]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(Initiative.reference)
                .where(Initiative.sender_id == sender)
                .order_by(Initiative.id)
            )
        )


def run_story(
    config: Config, flow: Flow, db: Database, photo: Path
) -> tuple[Scene, dict[str, Any], list[str]]:
    """The resident hands in two initiatives (one taken up, with messages, an appointment
    and a photo), answers a return day, starts a third, asks for their data and for
    being forgotten. A neighbour's initiative is there throughout."""
    platform = RecordingPlatform()
    clock = SteppingClock(a_quiet_week(time_rules(config)))
    scene = Scene(App(config, flow, db, {"console": platform}, clock), platform, clock)
    day = (clock.now + timedelta(days=20)).astimezone(config.bot.zone)

    async def story() -> tuple[dict[str, Any], list[str]]:
        await scene.app.followups.start()
        try:
            await scene.intake("buurman", "Bankje bij de haven", "Piet Buurman", "06-11112222")
            await scene.intake(RESIDENT, TITLE, NAME, PHONE, photo=str(photo))
            await scene.intake(RESIDENT, "Tweede idee", NAME, PHONE)
            first, second = references_of(db, RESIDENT)
            assert await scene.say("anna", f"claim {first}", chat="team-west")
            assert await scene.say(RESIDENT, RELAYED)
            assert await scene.say("anna", f"antwoord {first} {REPLY}", chat="team-west")
            when = f"{day:%d-%m-%Y} 14:00"
            assert await scene.say("anna", f"afspraak {first} {when} {PLACE}", chat="team-west")
            plan = f"terugkomdag {day:%Y-%m-%d} 19:30 Dorpshuis Ouddorp voor alle"
            assert await scene.say("coordinator", plan)
            assert await scene.say(RESIDENT, "", payload="rsvp:1:yes")
            for answer in ["nieuw", "ja", UNFINISHED]:
                await scene.say(RESIDENT, answer)
            assert await scene.say(RESIDENT, "mijn gegevens")
            [copy] = [m.attachment for m in platform.sent if m.attachment][-1:]
            mine = json.loads(copy.content)
            assert await scene.say(RESIDENT, "vergeet mij")
            assert await scene.say(RESIDENT, "", payload=YES)
            return mine, [first, second]
        finally:
            await scene.app.settle()  # the follow-ups of the last events are planned
            await scene.app.followups.stop()

    mine, references = asyncio.run(story())
    return scene, mine, references


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "files" / "garden.jpg"
    path.parent.mkdir()
    path.write_bytes(b"\xff\xd8 a garden")
    return path


def test_my_data_holds_everything_and_after_forget_me_nothing_does(
    db: Database, config: Config, flow: Flow, photo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    scene, mine, (first, second) = run_story(config, flow, db, photo)

    copy = json.dumps(mine, ensure_ascii=False)
    for trace in (NAME, "+31624681357", TITLE, RELAYED, REPLY, PLACE, UNFINISHED):
        assert trace in copy, trace
    assert [(a["answer"], a["guests"]) for a in mine["return_day_answers"]] == [("yes", 0)]

    stored = everything_stored(db)
    assert [trace for trace in TRACES if trace in stored] == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [trace for trace in TRACES if trace in logged] == []
    assert not photo.exists()

    # The initiatives stay for statistics, withdrawn and without a trace of the person.
    with db.transaction() as session:
        kept = {i.reference: i for i in session.scalars(select(Initiative))}
        jobs = list(session.scalars(select(ScheduledJob.id)))
        log_kinds = {e.kind: (e.cause, e.count) for e in session.scalars(select(DeletionEntry))}
    assert (kept[first].status, kept[second].status) == ("withdrawn", "withdrawn")
    assert kept[first].erased_at is not None
    assert kept[first].area == "ouddorp"
    assert not [job for job in jobs if job.endswith((first, second))]
    assert log_kinds["initiative_anonymised"] == ("request", 2)
    assert log_kinds["photo"] == ("request", 1)
    assert log_kinds["return_day_answer"] == ("request", 1)

    # The neighbour's initiative is untouched.
    [theirs] = [i for i in kept.values() if i.sender_id == "buurman"]
    assert (theirs.name, theirs.title) == ("Piet Buurman", "Bankje bij de haven")

    # The team and the contact were told; the resident got a goodbye, then nothing is left.
    assert any(f"{second} is ingetrokken" in text for text in scene.platform.texts("team-west"))
    assert any(f"{first} is ingetrokken" in text for text in scene.platform.texts("anna"))
    assert scene.platform.texts(RESIDENT)[-1].startswith("Klaar: alles wat we over je")


def test_the_resident_can_start_again_afterwards(
    db: Database, config: Config, flow: Flow, photo: Path
) -> None:
    scene, _, _ = run_story(config, flow, db, photo)

    asyncio.run(scene.say(RESIDENT, "nieuw"))
    assert "Welkom" in scene.platform.texts(RESIDENT)[-2]


def test_delete_mode_leaves_no_initiative_either(
    db: Database, flow: Flow, photo: Path, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(set_key(example(), "[retention]", "erased_initiatives", '"delete"'))
    config = load_config(path)
    _, _, (first, second) = run_story(config, flow, db, photo)

    with db.transaction() as session:
        left = list(session.scalars(select(Initiative.reference)))
        log_kinds = {e.kind: e.count for e in session.scalars(select(DeletionEntry))}
    assert first not in left
    assert second not in left
    assert len(left) == 1
    assert log_kinds["initiative_deleted"] == 2
    stored = everything_stored(db)
    assert [trace for trace in TRACES if trace in stored] == []
    # Only the notices telling the team it was withdrawn still name the references.


def test_what_the_file_held_is_base64_in_the_outbox_and_goes_too(
    db: Database, config: Config, flow: Flow, photo: Path
) -> None:
    """The copy from "mijn gegevens" travelled as a file: the outbox kept it encoded."""
    run_story(config, flow, db, photo)
    stored = everything_stored(db)
    encoded = base64.b64encode(NAME.encode()).decode()[:12]
    assert encoded not in stored
