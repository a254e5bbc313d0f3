"""(d), in a process of its own: start the follow-up scheduler on a database, and
print as JSON how long the start took, how many jobs are planned, and the memory."""

import asyncio
import json
import sys
import time
from pathlib import Path

from bench.process import rss_mb
from bot.app import system_clock
from bot.cases.timerules import time_rules
from bot.config.flows import load_flow
from bot.config.names import Names
from bot.config.settings import load_config
from bot.schedule.jobs import FollowUpJobs
from bot.schedule.scheduler import FollowUpScheduler
from storage import queries
from storage.db import Database, make_engine

ROOT = Path(__file__).resolve().parent.parent


async def start_and_stop(db: Database) -> float:
    config = load_config(ROOT / "config.example.toml")
    jobs = FollowUpJobs(Names(config, load_flow(config.intake.flow)), time_rules(config))
    followups = FollowUpScheduler(db, jobs, system_clock, lambda: None)
    started = time.perf_counter()
    await followups.start()
    took = time.perf_counter() - started
    await followups.stop()
    return took


def main(url: str) -> None:
    engine = make_engine(url)
    db = Database(engine)
    took = asyncio.run(start_and_stop(db))
    with db.transaction() as session:
        planned = len(queries.scheduled_jobs(session))
    engine.dispose()
    print(json.dumps({"start_seconds": took, "jobs": planned, "rss_mb": rss_mb()}))


if __name__ == "__main__":
    main(sys.argv[1])
