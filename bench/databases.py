"""The databases a benchmark runs on: a SQLite file, and a fresh schema in the
PostgreSQL named by INITIATIEFBOT_BENCH_DATABASE_URL (default: the local one)."""

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from storage.db import make_engine
from storage.migrate import upgrade

POSTGRES_ENV = "INITIATIEFBOT_BENCH_DATABASE_URL"
POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        _migrate(url)
        yield url


@contextmanager
def postgresql() -> Iterator[str | None]:
    """A URL whose connections use a schema of their own, dropped afterwards; None
    when there is no PostgreSQL to reach."""
    server = os.environ.get(POSTGRES_ENV, POSTGRES_DEFAULT)
    admin = create_engine(server)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError:
        admin.dispose()
        yield None
        return
    separator = "&" if "?" in server else "?"
    url = f"{server}{separator}options=-csearch_path%3D{schema}"
    try:
        _migrate(url)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
