"""The queries that must hold under concurrency: references and event dedup."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import update
from sqlalchemy.orm.exc import StaleDataError

from storage import queries
from storage.db import Database
from storage.models import Conversation

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
        session.add(
            Conversation(
                channel="console", chat_id="c", sender_id="s", state={"step": None}, updated_at=NOW
            )
        )

    def update_what_another_writer_changed() -> None:
        with db.transaction() as session:
            mine = queries.find_conversation(session, "console", "c", "s")
            assert mine is not None
            # Another writer moves the conversation on after we read it.
            session.execute(
                update(Conversation)
                .where(Conversation.id == mine.id)
                .values(state={"step": "title"}, version=Conversation.version + 1),
                execution_options={"synchronize_session": False},
            )
            mine.state = {"step": "area"}

    with pytest.raises(StaleDataError):
        update_what_another_writer_changed()
    with db.transaction() as session:
        kept = queries.find_conversation(session, "console", "c", "s")
        assert kept is not None
        assert kept.state == {"step": None}  # the whole transaction rolled back
