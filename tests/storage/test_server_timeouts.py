"""A PostgreSQL server that takes the connection and then says nothing: opening the
database fails within the connect timeout, not after minutes. And every connection
carries the statement timeout beside the options its URL already had."""

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from storage.db import CONNECT_TIMEOUT_S, STATEMENT_TIMEOUT_MS, make_engine
from storage.migrate import upgrade


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    taken: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                taken.append(listener.accept()[0])  # held open, never read
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in [*taken, listener]:
        connection.close()


def test_a_server_that_never_answers_fails_the_start_within_the_connect_timeout(
    silent_server: int,
) -> None:
    engine = make_engine(f"postgresql+psycopg://bot@127.0.0.1:{silent_server}/bot")
    started = time.monotonic()

    with pytest.raises(OperationalError, match="timeout"):
        upgrade(engine)

    assert time.monotonic() - started < CONNECT_TIMEOUT_S + 3
    engine.dispose()


def test_connections_get_the_statement_timeout_and_keep_the_urls_options(
    postgres_url: str,
) -> None:
    assert "options=-csearch_path" in postgres_url
    schema = postgres_url.rsplit("%3D", 1)[1]
    engine = make_engine(postgres_url)
    with engine.connect() as connection:
        timeout = connection.execute(text("SHOW statement_timeout")).scalar()
        search_path = connection.execute(text("SHOW search_path")).scalar()
    engine.dispose()

    assert timeout == f"{STATEMENT_TIMEOUT_MS // 1000}s"
    assert search_path == schema


def test_the_urls_own_timeouts_win(silent_server: int, postgres_url: str) -> None:
    quick = make_engine(f"postgresql+psycopg://bot@127.0.0.1:{silent_server}/bot?connect_timeout=2")
    started = time.monotonic()
    with pytest.raises(OperationalError, match="timeout"):
        upgrade(quick)
    assert time.monotonic() - started < 2 + 2
    quick.dispose()

    patient = make_engine(postgres_url.replace("options=", "options=-cstatement_timeout%3D0%20"))
    with patient.connect() as connection:
        assert connection.execute(text("SHOW statement_timeout")).scalar() == "0"
    patient.dispose()
