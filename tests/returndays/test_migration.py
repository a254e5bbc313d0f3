"""Migration 0010 gives the return days planned before it a purpose and a programme
to hold, empty; 0011 gives the answers given before it no guests and no "hoe was
het?" yet; 0012 gives the days no limit on places, no sign-up link and nobody
invited by name. On SQLite and PostgreSQL; and each is taken away again."""

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, insert, inspect, select, table, update

from storage.db import make_engine
from storage.migrate import alembic_config
from storage.models import ReturnDay, ReturnDayAnswer, ReturnDayPerson

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
            as_0010 = [table.c[name] for name in [*BEFORE, "purpose", "programme"]]
            day = connection.execute(select(*as_0010)).mappings().one()
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


def test_days_planned_before_0012_have_no_limit_no_link_and_nobody_by_name(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    days = ReturnDay.__table__
    try:
        command.upgrade(alembic_config(engine), "0011")
        with engine.begin() as connection:
            connection.execute(insert(days).values(PLANNED))
        command.upgrade(alembic_config(engine), "0012")
        with engine.begin() as connection:
            day = connection.execute(select(days)).mappings().one()
            assert {name: day[name] for name in BEFORE} == PLANNED
            assert (day["capacity"], day["signup_code"]) == (None, None)
            assert connection.execute(select(ReturnDayPerson.__table__)).all() == []
            connection.execute(update(days).values(capacity=25, signup_code="k3m9x2"))
        command.downgrade(alembic_config(engine), "0011")
        inspector = inspect(engine)
        columns = {column["name"] for column in inspector.get_columns("return_days")}
        assert {"capacity", "signup_code"}.isdisjoint(columns)
        assert "return_day_people" not in inspector.get_table_names()
    finally:
        engine.dispose()
