"""Meeting and joining, with similar initiatives on: the example config as shipped
(see tests/alike/conftest.py)."""

import pytest

from bot.config.names import Names
from bot.inbox.service import Inbox
from bot.intake.state import Setting
from storage.db import Database
from tests.alike.conftest import config, names, setting  # noqa: F401 (fixtures)
from tests.town import Clock, Town


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def town(db: Database, names: Names, setting: Setting, clock: Clock) -> Town:  # noqa: F811
    return Town(db, Inbox(db, names, setting, clock))
