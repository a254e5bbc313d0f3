"""What `run` tells its operator about Matrix: connected and stopped in one line each,
and each try again while the homeserver is away as one warning with its URL and why."""

import asyncio
import logging
import socket
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.options import MatrixOptions
from bot.messages import Handled, Incoming
from tests.adapters.matrix.synapse import Account, Synapse

PASSWORD = "geheim-wachtwoord"


async def nobody_talks(page: Sequence[Incoming]) -> list[Handled | Exception]:
    return [Handled() for _ in page]


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_homeserver_away_gives_one_warning_per_try_with_its_url_and_cause(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters")
    homeserver = f"http://127.0.0.1:{closed_port()}"
    options = MatrixOptions(
        homeserver=homeserver,
        user_id="@bot:example.org",
        password=PASSWORD,
        store_dir=tmp_path / "matrix",
        first_retry_seconds=0.2,
    )

    async def scenario() -> None:
        adapter = MatrixAdapter(options)
        await adapter.start(nobody_talks)
        await asyncio.sleep(1.0)  # a few tries
        await adapter.stop()

    asyncio.run(scenario())
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("adapters")]
    tries = [line for line in lines if "logging in" in line]
    assert lines[0].startswith(f"matrix: {homeserver} not reachable at start (Cannot connect")
    assert len(tries) >= 2
    for line in tries:
        assert line.startswith(f"matrix: logging in at {homeserver} failed (Cannot connect")
        assert line.endswith("), trying again")
    assert not any(PASSWORD in line or "stopped" in line for line in lines)  # never up


def test_connecting_and_stopping_are_each_one_info_line(
    tmp_path: Path,
    synapse: Synapse,
    account: Callable[..., Account],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="adapters")
    bot = account("bot")
    options = MatrixOptions(
        homeserver=synapse.url,
        user_id=bot.user_id,
        password=bot.password,
        store_dir=tmp_path / "matrix",
        sync_timeout_seconds=1,
    )

    async def scenario() -> None:
        adapter = MatrixAdapter(options)
        await adapter.start(nobody_talks)
        deadline = asyncio.get_running_loop().time() + 20
        while not (tmp_path / "matrix" / "sync_token").exists():
            assert asyncio.get_running_loop().time() < deadline, "never synced"
            await asyncio.sleep(0.05)
        await adapter.stop()

    asyncio.run(scenario())
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    lines = [line for line in lines if line.startswith("matrix:")]
    assert lines == [
        "matrix: logged in as a new device",
        f"matrix: connected to {synapse.url} (encryption on)",
        "matrix: stopped",
    ]
