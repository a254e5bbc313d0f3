"""The Bot API test server of the test suite, run in a thread of its own so that a
benchmark can point `initiatiefbot run` (or our Telegram adapter) at it."""

import asyncio
import json
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.configs import example, set_key

T = TypeVar("T")


@dataclass(frozen=True)
class Served:
    """The server, and a way to act on it in its own thread (it is not thread-safe)."""

    api: FakeBotApi
    loop: asyncio.AbstractEventLoop

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(60)


@contextmanager
def serving() -> Iterator[Served]:
    loop = asyncio.new_event_loop()
    api = FakeBotApi()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(api.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="bot-api", daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield Served(api, loop)
    finally:
        asyncio.run_coroutine_threadsafe(api.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def telegram_config(api: FakeBotApi, folder: Path) -> Path:
    """The example config with Telegram on, pointed at `api`."""
    text = example()
    settings = {
        "enabled": "true",
        "base_url": json.dumps(api.base_url),
        "base_file_url": json.dumps(api.base_file_url),
        "poll_timeout_seconds": "1",
    }
    for key, value in settings.items():
        text = set_key(text, "[telegram]", key, value)
    text = set_key(text, "[bot]", "data_dir", json.dumps(str(folder / "data")))
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path
