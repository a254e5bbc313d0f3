"""A fixture for tests that configure the program's logging as `main` does."""

import logging
from collections.abc import Iterator

import pytest

from bot.runtime import logs


@pytest.fixture
def logging_kept() -> Iterator[None]:
    """The test run's own logging, as it was, after a test that configures it."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in logs.FLOORS}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, kept in levels.items():
        logging.getLogger(name).setLevel(kept)
