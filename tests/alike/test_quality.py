"""The search for similar initiatives holds its floor on the labelled set, on SQLite and
on PostgreSQL: precision at 3 of at least 0.8, recall at 3 of at least 0.7."""

from datetime import UTC, datetime

import pytest

from bot.config.settings import Config
from storage.db import Database
from tests.alike import quality
from tests.alike.labelled import NOT_SIMILAR, SIMILAR


def test_the_labelled_set_is_big_enough() -> None:
    assert len(SIMILAR) + len(NOT_SIMILAR) >= 60
    assert not set(SIMILAR) & set(NOT_SIMILAR)


@pytest.mark.parametrize("resident", [False, True], ids=["team", "intake"])
def test_precision_and_recall_at_three(db: Database, config: Config, resident: bool) -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    ids = quality.hand_in(db, now)

    measured = quality.measure(db, config, ids, now, resident=resident)

    assert measured.precision >= 0.8, measured
    assert measured.recall >= 0.7, measured
