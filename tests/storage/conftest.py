from collections.abc import Iterator

import pytest

from bot.config.names import Names
from bot.config.settings import Config
from bot.followups.timerules import time_rules
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from bot.schedule.jobs import FollowUpJobs
from storage.db import Database, make_engine
from storage.migrate import upgrade
from tests.storage.desk_harness import Clock, Town


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
