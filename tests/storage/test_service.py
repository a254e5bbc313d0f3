"""One message in, one transaction: the service on SQLite and PostgreSQL."""

import itertools
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.messages import Incoming
from bot.names import Names
from bot.service import IntakeService
from bot.state import Setting
from storage import queries
from storage.db import Database
from storage.models import Conversation, Initiative, InitiativeEvent, OutboxMessage
from tests.storage.desk_harness import Clock
from tests.unit.chatting import DUTCH_INTAKE

_event_ids = itertools.count(1)


def message(sender: str, text: str, event_id: str | None = None) -> Incoming:
    return Incoming("console", sender, sender, event_id or f"e{next(_event_ids)}", text)


def outbox_texts(db: Database, chat_id: str) -> list[str]:
    with db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat_id).order_by(OutboxMessage.id)
        )
        return [row.payload["text"] for row in rows]


def service_for(
    db: Database, names: Names, setting: Setting, clock: Clock | None = None
) -> IntakeService:
    return IntakeService(db, names, setting, clock or Clock())


def to_summary(service: IntakeService, sender: str) -> None:
    for text in ["start", *DUTCH_INTAKE]:
        assert service.handle(message(sender, text)).accepted


def test_a_submitted_intake_is_stored_with_reference_trail_and_receipt(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    to_summary(service, "anna")
    assert service.handle(message("anna", "ja")).accepted

    with db.transaction() as session:
        initiative = session.scalars(select(Initiative)).one()
        events = session.scalars(select(InitiativeEvent)).all()
        conversation = queries.find_conversation(session, "console", "anna", "anna")
    assert initiative.reference == "2026-0001"
    assert (initiative.area, initiative.theme) == ("ouddorp", "groen")
    assert initiative.help_wanted == ["advice", "permit"]
    assert (initiative.contact_kind, initiative.contact) == ("phone", "+31612345678")
    assert initiative.status == "submitted"
    assert [(e.kind, e.initiative_id) for e in events] == [
        ("submitted", initiative.id),
        ("routed", initiative.id),
    ]
    assert events[1].data["reason"] == "kern Ouddorp, thema Groen en natuur, route 2"
    assert initiative.team == "west"
    assert conversation is not None
    assert conversation.state["step"] is None
    receipt = outbox_texts(db, "anna")[-1]
    assert "2026-0001" in receipt
    assert "Bankje bij de haven" in receipt


def test_the_reference_year_is_the_local_year(db: Database, names: Names, setting: Setting) -> None:
    # 23:00 UTC on 31 December is already New Year's Day in Amsterdam.
    clock = Clock(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    service = service_for(db, names, setting, clock)
    to_summary(service, "anna")
    service.handle(message("anna", "ja"))
    with db.transaction() as session:
        assert session.scalars(select(Initiative.reference)).one() == "2027-0001"


def test_a_repeated_event_changes_nothing_and_sends_nothing(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    assert service.handle(message("anna", "start", "same")).accepted
    before = outbox_texts(db, "anna")
    assert not service.handle(message("anna", "start", "same")).accepted
    assert outbox_texts(db, "anna") == before


def test_residents_submitting_at_once_get_distinct_references(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    residents = [f"bewoner{n}" for n in range(12)]
    for resident in residents:
        to_summary(service, resident)
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(lambda r: service.handle(message(r, "ja")).accepted, residents))
    with db.transaction() as session:
        references = session.scalars(select(Initiative.reference)).all()
    assert sorted(references) == [f"2026-{n:04d}" for n in range(1, 13)]


def test_one_resident_writing_from_two_places_at_once_is_serialised(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    service.handle(message("anna", "start"))
    service.handle(message("anna", "ja"))
    titles = [f"Idee nummer {n}" for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(lambda t: service.handle(message("anna", t)).accepted, titles))
    with db.transaction() as session:
        conversation = queries.find_conversation(session, "console", "anna", "anna")
        count = session.scalar(select(func.count()).select_from(Conversation))
    assert count == 1
    assert conversation is not None
    # Every message was applied in turn: one became the title, the next ones answers.
    assert conversation.state["answers"]["title"] in titles
    assert conversation.version == 10


def test_mine_lists_the_residents_own_initiatives_only(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    for resident in ("anna", "bram"):
        to_summary(service, resident)
        service.handle(message(resident, "ja"))
    service.handle(message("anna", "mijn"))
    listing = outbox_texts(db, "anna")[-1]
    assert "2026-0001" in listing
    assert "2026-0002" not in listing
    assert "ontvangen" in listing
