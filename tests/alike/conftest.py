"""Similar initiatives on: the example config as it is shipped.

`names` and `setting` are made again from it: those of the session, which other tests
may have made first, hold the config of tests/conftest.py, with them off."""

import pytest

from bot.app import build_setting
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, load_config
from bot.intake.state import Setting
from tests.conftest import EXAMPLE_CONFIG


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(EXAMPLE_CONFIG)


@pytest.fixture(scope="session")
def names(config: Config, flow: Flow) -> Names:
    return Names(config, flow)


@pytest.fixture(scope="session")
def setting(config: Config, flow: Flow) -> Setting:
    return build_setting(config, flow)
