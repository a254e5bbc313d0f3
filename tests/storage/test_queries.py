"""The queries that must hold under concurrency: references and event dedup."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from storage import conversations, queries
from storage.db import Database
from storage.models import Conversation, Initiative

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_reference_numbers_count_per_year(db: Database) -> None:
    with db.transaction() as session:
        numbers = [queries.next_reference_number(session, 2026) for _ in range(3)]
        numbers.append(queries.next_reference_number(session, 2027))
    assert numbers == [1, 2, 3, 1]


def test_concurrent_transactions_get_distinct_reference_numbers(db: Database) -> None:
    def take() -> int:
        with db.transaction() as session:
            return queries.next_reference_number(session, 2026)

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(lambda _: take(), range(40)))
    assert sorted(numbers) == list(range(1, 41))


def test_a_rolled_back_transaction_gives_its_number_back(db: Database) -> None:
    def crash_after_taking_a_number() -> None:
        with db.transaction() as session:
            queries.next_reference_number(session, 2026)
            raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        crash_after_taking_a_number()
    with db.transaction() as session:
        assert queries.next_reference_number(session, 2026) == 1


def test_an_event_id_is_processed_once(db: Database) -> None:
    with db.transaction() as session:
        assert queries.mark_processed(session, "telegram", "42", NOW)
        assert not queries.mark_processed(session, "telegram", "42", NOW)
        assert queries.mark_processed(session, "matrix", "42", NOW)


def test_a_stale_conversation_update_fails_instead_of_winning(db: Database) -> None:
    with db.transaction() as session:
        conversations.create(session, "console", "c", "s", {"step": None}, NOW)

    def update_what_another_writer_changed() -> None:
        with db.transaction() as session:
            mine = conversations.find(session, "console", "c", "s")
            assert mine is not None
            # Another writer moves the conversation on after we read it.
            session.execute(
                update(Conversation)
                .where(Conversation.id == mine.id)
                .values(state={"step": "title"}, version=Conversation.version + 1),
            )
            conversations.save_many(session, [(mine, {"step": "area"})], NOW)

    with pytest.raises(StaleDataError):
        update_what_another_writer_changed()
    with db.transaction() as session:
        kept = conversations.find(session, "console", "c", "s")
        assert kept is not None
        assert kept.state == {"step": None}  # the whole transaction rolled back


def test_saving_a_conversation_moves_its_version_on_and_clears_the_erasure_warning(
    db: Database,
) -> None:
    with db.transaction() as session:
        conversations.create(session, "console", "c", "s", {"step": None}, NOW)
        session.execute(update(Conversation).values(erasure_warned_at=NOW))
    with db.transaction() as session:
        read = conversations.find(session, "console", "c", "s")
        assert read is not None
        conversations.save_many(session, [(read, {"step": "title"})], NOW)
    with db.transaction() as session:
        stored = session.scalars(select(Conversation)).one()
    assert (stored.state, stored.version, stored.erasure_warned_at) == ({"step": "title"}, 2, None)


def test_a_second_conversation_for_the_same_chat_and_sender_is_refused(db: Database) -> None:
    with db.transaction() as session:
        conversations.create(session, "console", "c", "s", {"step": None}, NOW)
    with pytest.raises(IntegrityError), db.transaction() as session:
        conversations.create(session, "console", "c", "s", {"step": "title"}, NOW)


def test_a_new_initiative_gets_its_id_and_the_defaults_of_what_was_not_set(
    db: Database,
) -> None:
    with db.transaction() as session:
        initiative = Initiative(
            reference="2026-0001",
            channel="console",
            chat_id="anna",
            sender_id="anna",
            locale="nl",
            title="Bankje bij de haven",
            area="ouddorp",
            theme="groen",
            help_wanted=[],
            answers={},
            status="submitted",
            consented_at=NOW,
            created_at=NOW,
            updated_at=NOW,
        )  # no photos, no team, no contact
        queries.add_initiative(session, initiative)
    with db.transaction() as session:
        stored = queries.find_initiative(session, "2026-0001")
        assert stored is not None
        assert (stored.id, stored.photos, stored.team, stored.contact) == (
            initiative.id,
            [],
            None,
            None,
        )
