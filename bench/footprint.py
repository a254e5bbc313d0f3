"""(c) The footprint of `initiatiefbot run`: started on a database holding many
initiatives and conversations, how long until it says it is running, and its
resident memory once it has been idle for a while."""

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.process import rss_mb

IDLE_SECONDS = 5.0


@dataclass(frozen=True)
class Footprint:
    ready_seconds: float
    rss_mb: float


def measure(program: Path, config: Path, database_url: str, token: str) -> Footprint:
    """`program` (an `initiatiefbot`) started and left idle."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    env["INITIATIEFBOT_DATABASE_URL"] = database_url
    env["INITIATIEFBOT_TELEGRAM_TOKEN"] = token
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(program), "--log-level", "INFO", "run", "--config", str(config)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "running:" in line:
                break
        else:
            raise RuntimeError(f"initiatiefbot run ended with {process.wait()}")
        ready = time.perf_counter() - started
        time.sleep(IDLE_SECONDS)
        return Footprint(ready, rss_mb(process.pid))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
