"""The floor under (a): what one bare transaction per turn costs, doing the writes a
turn does (the event id, the conversation's state, an outbox row written and marked
sent) through the database driver alone, one turn after another."""

import json
import sqlite3
import time
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

STATE = json.dumps({"locale": "nl", "step": "title", "answers": {"consent": "ja"}})
PAYLOAD = json.dumps({"text": "Wat is je idee?", "choices": [], "multiple": False})


def turns_per_second(url: str, residents: int, turns_each: int) -> float:
    """`url` holds our migrated schema, empty."""
    started = time.perf_counter()
    _turns(url, residents, turns_each, 0.0)
    return residents * turns_each / (time.perf_counter() - started)


def turn_latencies(url: str, turns: int, pause: float) -> list[float]:
    """Seconds each of `turns` bare transactions took, one resident's, with `pause`
    seconds between them (as a quiet bot gets its messages)."""
    return _turns(url, 1, turns, pause)


def _turns(url: str, residents: int, turns_each: int, pause: float) -> list[float]:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(parsed.database or "", isolation_level=None)) as lite:
            lite.execute("PRAGMA journal_mode=WAL")
            lite.execute("PRAGMA synchronous=NORMAL")  # as the app has it
            return _run(lite, "?", residents, turns_each, pause)
    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as postgres:
        return _run(postgres, "%s", residents, turns_each, pause)


def _run(db: Any, mark: str, residents: int, turns_each: int, pause: float) -> list[float]:
    """`db`: a sqlite3 or psycopg connection, both of which execute() themselves."""
    now = datetime.now(UTC).isoformat()
    ids = []
    for number in range(residents):
        cursor = db.execute(
            f"INSERT INTO conversations (channel, chat_id, sender_id, state, version, updated_at)"
            f" VALUES ('floor', {mark}, {mark}, {mark}, 1, {mark}) RETURNING id",
            (f"f{number}", f"f{number}", STATE, now),
        )
        ids.append(cursor.fetchone()[0])
    latencies = []
    for turn in range(turns_each):
        for number, conversation in enumerate(ids):
            if pause:
                time.sleep(pause)
            started = time.perf_counter()
            db.execute("BEGIN")
            db.execute(
                f"INSERT INTO processed_events (channel, event_id, processed_at)"
                f" VALUES ('floor', {mark}, {mark})",
                (f"f{number}-{turn}", now),
            )
            db.execute(
                f"UPDATE conversations SET state = {mark}, version = version + 1,"
                f" updated_at = {mark} WHERE id = {mark}",
                (STATE, now, conversation),
            )
            row = db.execute(
                f"INSERT INTO outbox (channel, chat_id, payload, state, attempts, next_try_at,"
                f" created_at) VALUES ('floor', {mark}, {mark}, 'pending', 0, {mark}, {mark})"
                f" RETURNING id",
                (f"f{number}", PAYLOAD, now, now),
            ).fetchone()[0]
            db.execute(
                f"UPDATE outbox SET state = 'sent', sent_at = {mark} WHERE id = {mark}",
                (now, row),
            )
            db.execute("COMMIT")
            latencies.append(time.perf_counter() - started)
    return latencies
