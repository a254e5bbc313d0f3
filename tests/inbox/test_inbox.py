"""One message in, one transaction: the service on SQLite and PostgreSQL."""

import itertools
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.forgetting import YES
from bot.intake.state import Setting
from bot.messages import Incoming
from bot.notices import Outcome
from storage import conversations
from storage.db import Database
from storage.models import Conversation, Initiative, InitiativeEvent, OutboxMessage
from tests.intake.chatting import DUTCH_INTAKE
from tests.town import Clock

_event_ids = itertools.count(1)


def message(sender: str, text: str, event_id: str | None = None) -> Incoming:
    return Incoming("console", sender, sender, event_id or f"e{next(_event_ids)}", text)


def outbox_texts(db: Database, chat_id: str) -> list[str]:
    with db.transaction() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat_id).order_by(OutboxMessage.id)
        )
        return [row.payload["text"] for row in rows]


def service_for(db: Database, names: Names, setting: Setting, clock: Clock | None = None) -> Inbox:
    return Inbox(db, names, setting, clock or Clock())


def to_summary(service: Inbox, sender: str) -> None:
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
        conversation = conversations.find(session, "console", "anna", "anna")
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
        conversation = conversations.find(session, "console", "anna", "anna")
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


def test_a_batch_commits_as_the_same_events_one_by_one(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    script = ["start", *DUTCH_INTAKE, "ja"]
    # Two residents' turns interleaved in batches, as they arrive when many write at once.
    for number, text in enumerate(script):
        turns = [message(sender, text, f"{sender}-{number}") for sender in ("anna", "bram")]
        outcomes = service.handle_batch(turns)
        assert all(not isinstance(outcome, Exception) for outcome in outcomes)
    with db.transaction() as session:
        initiatives = session.scalars(select(Initiative).order_by(Initiative.id)).all()
    assert [initiative.sender_id for initiative in initiatives] == ["anna", "bram"]
    assert "2026-0001" in outbox_texts(db, "anna")[-1]
    assert "2026-0002" in outbox_texts(db, "bram")[-1]

    for number, text in enumerate(script):
        service.handle(message("carla", text, f"carla-{number}"))
    one_by_one = [text.replace("2026-0003", "REF") for text in outbox_texts(db, "carla")]
    batched = [text.replace("2026-0001", "REF") for text in outbox_texts(db, "anna")]
    assert batched == one_by_one


def test_an_event_that_fails_in_a_batch_fails_alone(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    broken = Incoming("console", "bram", "bram", "broken", None)  # type: ignore[arg-type]
    outcomes = service.handle_batch(
        [message("anna", "start", "a1"), broken, message("carla", "start", "c1")]
    )
    assert accepted(outcomes[0])
    assert isinstance(outcomes[1], Exception)
    assert accepted(outcomes[2])
    assert len(outbox_texts(db, "anna")) == len(outbox_texts(db, "carla")) > 0
    assert outbox_texts(db, "bram") == []
    # Nothing of the failed event stayed behind: handled again, it counts as new.
    assert service.handle(message("bram", "start", "broken")).accepted


def test_a_batch_ignores_an_event_it_holds_twice(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    twice = message("anna", "start", "same")
    outcomes = service.handle_batch([twice, twice])
    assert [accepted(outcome) for outcome in outcomes] == [True, False]


def accepted(outcome: Outcome | Exception) -> bool:
    assert not isinstance(outcome, Exception), outcome
    return outcome.handled.accepted


def test_forgotten_in_the_batch_that_handed_in_leaves_nothing_in_the_outbox(
    db: Database, names: Names, setting: Setting
) -> None:
    """The batch's messages are written together at its end; an erasure in it still
    finds (and deletes) what the batch said before it, such as the team's notification."""
    service = service_for(db, names, setting)
    to_summary(service, "anna")
    outcomes = service.handle_batch(
        [
            message("anna", "ja"),  # handed in: a receipt, and the team is notified
            message("anna", "vergeet mij"),
            Incoming("console", "anna", "anna", f"e{next(_event_ids)}", payload=YES),
        ]
    )
    assert all(accepted(outcome) for outcome in outcomes)
    with db.transaction() as session:
        rows = session.scalars(select(OutboxMessage)).all()
    # The team hears it was withdrawn, by reference only; the resident gets the goodbye.
    assert [row.chat_id for row in rows] == ["team-west", "anna"]
    assert "2026-0001" in rows[0].payload["text"]
    assert rows[1].payload["forget_once_sent"]
    assert all("Bankje bij de haven" not in repr(row.payload) for row in rows)


def test_a_batch_writes_each_conversation_it_changed_once(
    db: Database, names: Names, setting: Setting
) -> None:
    """The changed conversations go in with one statement at the batch's end."""
    service = service_for(db, names, setting)
    assert service.handle(message("anna", "start")).accepted
    with db.transaction() as session:
        before = conversations.find(session, "console", "anna", "anna")
    assert before is not None
    answers = [message("anna", answer) for answer in DUTCH_INTAKE[:3]]
    assert all(accepted(outcome) for outcome in service.handle_batch(answers))
    with db.transaction() as session:
        after = conversations.find(session, "console", "anna", "anna")
    assert after is not None
    assert after.version == before.version + 1  # one write for three turns
    assert after.state["answers"]["title"] == DUTCH_INTAKE[1]


def test_my_data_in_a_batch_shows_what_the_batch_changed_and_said_before(
    db: Database, names: Names, setting: Setting
) -> None:
    service = service_for(db, names, setting)
    assert service.handle(message("anna", "start")).accepted
    consent, title = DUTCH_INTAKE[0], DUTCH_INTAKE[1]
    outcomes = service.handle_batch(
        [message("anna", consent), message("anna", title), message("anna", "mijn gegevens")]
    )
    assert all(accepted(outcome) for outcome in outcomes)
    report, asked = outcomes[2], outcomes[1]
    assert not isinstance(report, Exception)
    assert not isinstance(asked, Exception)
    [shown] = [n.reply.attachment for n in report.notices if n.reply.attachment is not None]
    mine = json.loads(shown.content)
    assert mine["conversations"][0]["state"]["answers"]["title"] == title
    # And the question the batch asked just before is among the messages to them.
    question = asked.notices[-1].reply.text
    assert question in [message["text"] for message in mine["messages_to_you"]]
