"""/healthz and /metrics when the database does not answer: 503, saying so."""

import asyncio
import json
from datetime import UTC, datetime

from bot.runtime.metrics import Metrics
from bot.runtime.monitoring import Monitoring
from storage.db import Database, make_engine
from tests.adapters.telegram.test_monitoring import free_port, get


def test_a_database_that_does_not_answer_is_unhealthy_and_named() -> None:
    port = free_port()
    # Nothing listens on port 1: every connection is refused at once.
    db = Database(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/nothing"))
    metrics = Metrics()
    metrics.watch(db, lambda: datetime.now(UTC))
    monitoring = Monitoring(db, metrics, lambda: {"telegram": True}, "127.0.0.1", port)

    async def scenario() -> tuple[tuple[int, str], tuple[int, str]]:
        await monitoring.start()
        try:
            return await get(port, "/healthz"), await get(port, "/metrics")
        finally:
            await monitoring.stop()

    try:
        (health, body), (scrape, text) = asyncio.run(scenario())
    finally:
        db.engine.dispose()
    assert health == 503
    assert json.loads(body) == {
        "status": "unavailable",
        "database": "not answering (OperationalError)",
    }
    assert (scrape, text) == (503, "database not answering (OperationalError)")
