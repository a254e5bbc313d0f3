"""Migration 0010 gives the return days planned before it a purpose and a programme
to hold, empty; 0011 gives the answers given before it no guests and no "hoe was
het?" yet. On SQLite and PostgreSQL; and both are taken away again."""

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, insert, inspect, select, table, update

from storage.db import make_engine
from storage.migrate import alembic_config
from storage.models import ReturnDay, ReturnDayAnswer

PLANNED = {
    "id": 1,
    "key": "lente",
    "starts_at": datetime(2026, 12, 10, 18, 30, tzinfo=UTC),
    "place": "Diekhuis",
    "audience": {"kind": "all", "keys": []},
    "organiser": "config",
    "status": "planned",
    "reminded": ["0@2026-12-10T18:30:00+00:00"],
    "created_at": datetime(2026, 11, 23, tzinfo=UTC),
    "updated_at": datetime(2026, 11, 23, tzinfo=UTC),
}
BEFORE = [name for name in PLANNED]


def test_a_day_planned_before_keeps_everything_and_gets_room_for_its_texts(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    table = ReturnDay.__table__
    try:
        command.upgrade(alembic_config(engine), "0009")
        with engine.begin() as connection:
            connection.execute(insert(table).values(PLANNED))
        command.upgrade(alembic_config(engine), "0010")
        with engine.begin() as connection:
            day = connection.execute(select(table)).mappings().one()
            assert {name: day[name] for name in BEFORE} == PLANNED
            assert (day["purpose"], day["programme"]) == (None, None)
            texts = {"nl": "Samen terugkijken.", "u": "Samen terugkijken, met u."}
            connection.execute(update(table).values(purpose=texts, programme={"nl": "19.30"}))
            assert connection.execute(select(table.c.purpose)).scalar() == texts

        command.downgrade(alembic_config(engine), "0009")
        columns = {column["name"] for column in inspect(engine).get_columns("return_days")}
        assert {"purpose", "programme"}.isdisjoint(columns)
        assert "reminded" in columns
    finally:
        engine.dispose()


ANSWERED = {
    "id": 1,
    "return_day_id": 1,
    "channel": "telegram",
    "chat_id": "42",
    "sender_id": "42",
    "answer": "yes",
    "answered_at": datetime(2026, 11, 24, tzinfo=UTC),
}


def test_answers_given_before_0011_bring_no_guests_and_await_how_it_was(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    days, answers = ReturnDay.__table__, ReturnDayAnswer.__table__
    try:
        command.upgrade(alembic_config(engine), "0010")
        with engine.begin() as connection:
            connection.execute(insert(days).values(PLANNED))
            # As 0010 knew the table: the model's defaults name columns not there yet.
            before = table("return_day_answers", *(column(name) for name in ANSWERED))
            connection.execute(insert(before).values(ANSWERED))
        command.upgrade(alembic_config(engine), "0011")
        with engine.begin() as connection:
            answer = connection.execute(select(answers)).mappings().one()
            assert {name: answer[name] for name in ANSWERED} == ANSWERED
            assert (answer["guests"], answer["feedback"]) == (0, None)
            connection.execute(update(answers).values(guests=2, feedback="good"))

        command.downgrade(alembic_config(engine), "0010")
        columns = {column["name"] for column in inspect(engine).get_columns("return_day_answers")}
        assert {"guests", "feedback"}.isdisjoint(columns)
        assert "answer" in columns
    finally:
        engine.dispose()
