"""A stop is obeyed within seconds, whatever hangs: a database that holds every write,
one that never answers the start, a platform whose stop never returns."""

import asyncio
import json
import os
import signal
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import STOP_SECONDS, serve_platforms
from bot.config.flows import Flow
from bot.config.settings import DATABASE_URL_ENV, Config
from bot.messages import Incoming, Outgoing, PageHandler
from storage.db import make_engine
from storage.migrate import upgrade
from tests.adapters.console.program import PROGRAM
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import RESIDENT, telegram_config
from tests.configs import example, set_key

# Room for the test's own steps around the stop.
SLACK_SECONDS = 1.0


class HangingPlatform:
    """A platform whose stop never returns (until cancelled). As it starts, the
    database stops taking writes (another program holds SQLite's write lock) and a
    resident's message comes in: the core waits for the lock, and so would a stop."""

    channel = "telegram"
    chats: frozenset[str] | None = None

    def __init__(self, locker: sqlite3.Connection | None = None) -> None:
        self._locker = locker
        self.started = asyncio.Event()
        self._delivering: asyncio.Task[object] | None = None

    async def start(self, handler: PageHandler) -> None:
        if self._locker is not None:
            self._locker.execute("BEGIN IMMEDIATE")
        message = Incoming("telegram", "42", "42", "update-1", "hallo")
        self._delivering = asyncio.create_task(handler([message]))
        self.started.set()

    async def stop(self) -> None:
        await asyncio.Event().wait()

    async def send(self, message: Outgoing) -> None:
        pass


@pytest.fixture
def sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "bot.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    return path


def test_a_stop_is_obeyed_while_the_database_and_a_platform_hang(
    sqlite_file: Path, config: Config, flow: Flow
) -> None:
    locker = sqlite3.connect(sqlite_file, isolation_level=None, timeout=5)
    platform = HangingPlatform(locker)

    async def scenario() -> tuple[list[str], float]:
        stop = asyncio.Event()
        running = asyncio.create_task(serve_platforms(config, flow, [platform], stop))
        await asyncio.wait_for(platform.started.wait(), 10)
        await asyncio.sleep(0.3)  # the core is waiting for the write lock now
        stop.set()
        began = time.monotonic()
        left_behind = await running
        took = time.monotonic() - began
        locker.execute("ROLLBACK")  # let the core's thread finish, for the test to end
        return left_behind, took

    try:
        left_behind, took = asyncio.run(scenario())
    finally:
        locker.close()
    assert took < STOP_SECONDS + SLACK_SECONDS
    assert "the messages in hand" in left_behind
    assert "the telegram platform" in left_behind


@pytest.fixture
def silent_server() -> Iterator[socket.socket]:
    """A server that takes connections and never says a word (until it closes)."""
    server = socket.create_server(("127.0.0.1", 0))
    try:
        yield server
    finally:
        server.close()


def test_a_stop_is_obeyed_while_the_database_does_not_answer_the_start(
    silent_server: socket.socket, config: Config, flow: Flow, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = silent_server.getsockname()[1]
    monkeypatch.setenv(DATABASE_URL_ENV, f"postgresql://bot@127.0.0.1:{port}/bot")
    platform = HangingPlatform()

    async def scenario() -> tuple[list[str], float]:
        stop = asyncio.Event()
        running = asyncio.create_task(serve_platforms(config, flow, [platform], stop))
        await asyncio.sleep(0.5)  # connecting, and waiting for an answer
        stop.set()
        began = time.monotonic()
        left_behind = await running
        took = time.monotonic() - began
        silent_server.close()  # the connection left behind fails, and its thread ends
        return left_behind, took

    left_behind, took = asyncio.run(scenario())
    assert took < SLACK_SECONDS
    assert left_behind == ["opening the database"]
    assert not platform.started.is_set()


def _program_env(**more: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    return {**kept, **more}


async def _signalled(process: asyncio.subprocess.Process, times: int) -> tuple[int, float]:
    """Send SIGINT `times`, a moment apart; the exit code, and the seconds from the last
    signal to the exit."""
    for _ in range(times):
        await asyncio.sleep(0.2)
        process.send_signal(signal.SIGINT)
    began = time.monotonic()
    code = await asyncio.wait_for(process.wait(), 60)
    return code, time.monotonic() - began


async def _ended(process: asyncio.subprocess.Process) -> None:
    """A program that did not stop when told is killed, for the next test's sake."""
    if process.returncode is None:
        process.kill()
        await process.wait()


def test_run_stops_at_sigterm_while_the_database_does_not_answer_the_start(
    silent_server: socket.socket, tmp_path: Path
) -> None:
    port = silent_server.getsockname()[1]
    path = tmp_path / "config.toml"
    text = set_key(example(), "[telegram]", "enabled", "true")
    path.write_text(set_key(text, "[bot]", "data_dir", json.dumps(str(tmp_path / "data"))))
    env = _program_env(
        INITIATIEFBOT_TELEGRAM_TOKEN="123456:TEST",
        INITIATIEFBOT_DATABASE_URL=f"postgresql://bot@127.0.0.1:{port}/bot",
    )

    async def scenario() -> tuple[int, float]:
        process = await asyncio.create_subprocess_exec(
            PROGRAM, "run", "--config", str(path), env=env, cwd=tmp_path
        )
        try:
            silent_server.settimeout(30)
            client, _ = await asyncio.to_thread(silent_server.accept)
            with client:  # the program waits for the database's answer now
                await asyncio.sleep(0.2)
                process.send_signal(signal.SIGTERM)
                began = time.monotonic()
                code = await asyncio.wait_for(process.wait(), 60)
                return code, time.monotonic() - began
        finally:
            await _ended(process)

    code, took = asyncio.run(scenario())
    assert code == 0
    assert took < SLACK_SECONDS


@pytest.mark.parametrize(("signals", "code", "within"), [(1, 0, STOP_SECONDS), (2, 130, 0.0)])
def test_run_stops_within_seconds_and_at_once_at_a_second_ctrl_c(
    tmp_path: Path, signals: int, code: int, within: float
) -> None:
    async def scenario() -> tuple[int, float]:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            process = await asyncio.create_subprocess_exec(
                PROGRAM,
                "run",
                "--config",
                str(path),
                env=_program_env(INITIATIEFBOT_TELEGRAM_TOKEN=api.token),
                cwd=tmp_path,
            )
            await api.wait_until(lambda: any(c.method == "getUpdates" for c in api.calls), 30)
            database = tmp_path / "data" / "initiatiefbot.sqlite3"
            locker = sqlite3.connect(database, isolation_level=None, timeout=5)
            try:
                locker.execute("BEGIN IMMEDIATE")  # the bot's writes wait from here on
                api.user_says(RESIDENT, "hallo")
                await api.wait_until(lambda: bool(api.handed_out()))
                await asyncio.sleep(0.3)  # the core is waiting for the write lock now
                return await _signalled(process, signals)
            finally:
                locker.close()
                await _ended(process)

    exit_code, took = asyncio.run(scenario())
    assert exit_code == code
    assert took < within + SLACK_SECONDS
