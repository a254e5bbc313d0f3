from collections.abc import Iterator

import pytest

from storage.db import Database, make_engine
from storage.migrate import upgrade


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated database, on SQLite and on PostgreSQL in turn."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield Database(engine)
    engine.dispose()
