"""Fixtures shared by every layer: the example config, its flow, and databases."""

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from bot.app import build_setting
from bot.cases.timerules import time_rules
from bot.config.flows import Flow, load_flow
from bot.config.names import Names
from bot.config.settings import Config, SimilarSettings, load_config
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import FollowUpJobs
from storage.db import Database, make_engine
from storage.migrate import upgrade
from tests.town import Clock, Town

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "config.example.toml"
POSTGRES_URL_ENV = "INITIATIEFBOT_TEST_DATABASE_URL"
REQUIRE_POSTGRES_ENV = "INITIATIEFBOT_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def config() -> Config:
    """The example config, without similar initiatives: the tests of every other part
    hand in the same "Bankje bij de haven" again and again, and count each message.
    The tests of similar initiatives (tests/alike) turn them on."""
    example = load_config(EXAMPLE_CONFIG)
    return example.model_copy(update={"similar": SimilarSettings(enabled=False)})


@pytest.fixture(scope="session")
def flow() -> Flow:
    return load_flow("")


@pytest.fixture(scope="session")
def names(config: Config, flow: Flow) -> Names:
    return Names(config, flow)


@pytest.fixture(scope="session")
def setting(config: Config, flow: Flow) -> Setting:
    return build_setting(config, flow)


def _postgres_server_url() -> str:
    """The PostgreSQL to test against; skips without one, fails where CI requires it."""
    url = os.environ.get(POSTGRES_URL_ENV, "")
    reason = ""
    if not url:
        reason = f"no PostgreSQL: set {POSTGRES_URL_ENV} to run these tests"
    else:
        probe = create_engine(url)
        try:
            with probe.connect():
                pass
        except Exception as error:
            reason = f"PostgreSQL at {POSTGRES_URL_ENV} unreachable: {type(error).__name__}"
        finally:
            probe.dispose()
    if reason:
        if os.environ.get(REQUIRE_POSTGRES_ENV):
            pytest.fail(f"{reason} ({REQUIRE_POSTGRES_ENV} is set, so this may not skip)")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections work in a fresh schema of their own, dropped afterwards."""
    server = _postgres_server_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in server else "?"
    yield f"{server}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated database, on SQLite and on PostgreSQL in turn."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield Database(engine)
    engine.dispose()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting) -> Town:
    return Town(db, Inbox(db, names, setting, Clock()))


@pytest.fixture
def jobs(names: Names, config: Config) -> FollowUpJobs:
    """The follow-up jobs of the example config, to run with `fire`."""
    return FollowUpJobs(names, time_rules(config))


@pytest.fixture(autouse=True)
def _pure_tests_use_no_network(request: pytest.FixtureRequest) -> None:
    """A test module marked `pure` tests plain functions: any attempt to open a network
    connection (a database, a platform) fails its tests."""
    if request.node.get_closest_marker("pure") is None:
        return
    monkeypatch = request.getfixturevalue("monkeypatch")

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("pure tests may not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
