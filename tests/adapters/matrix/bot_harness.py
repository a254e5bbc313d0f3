"""The bot under test, running in-process with its Matrix adapter against the test Synapse.

The config is the example's with Matrix enabled, Anna (a Matrix account) in team
West, and team West's room to notify.
"""

import asyncio
import json
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.app import serve
from bot.config.flows import load_flow
from bot.config.settings import MATRIX_PASSWORD_ENV, Config, load_config
from tests.adapters.matrix.people import Person
from tests.adapters.matrix.synapse import Account, Synapse
from tests.configs import example, on_a_platform, set_key, with_west_contact

READY_SECONDS = 30.0


def matrix_config(
    tmp_path: Path, synapse: Synapse, bot: Account, anna: Account, team_room: str, **matrix: str
) -> Path:
    """The example config for a Matrix test; `matrix` overrides keys of [matrix]."""
    settings = {
        "enabled": "true",
        "homeserver": json.dumps(synapse.url),
        "user_id": json.dumps(bot.user_id),
        "sync_timeout_seconds": "2",
        **matrix,
    }
    text = on_a_platform(example())
    for key, value in settings.items():
        text = set_key(text, "[matrix]", key, value)
    text = set_key(text, "[bot]", "data_dir", json.dumps(str(tmp_path / "data")))
    text = with_west_contact(text, f"matrix:{anna.user_id}", f"matrix:{team_room}")
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def sync_token_file(config: Config) -> Path:
    return Path(config.bot.data_dir) / "matrix" / "sync_token"


@asynccontextmanager
async def running_bot(
    config_path: Path,
    bot: Account,
    ready: Callable[[Config], bool] | None = None,
    environ: dict[str, str] | None = None,
) -> AsyncIterator[Config]:
    """`initiatiefbot run` in this event loop until the block ends.

    Ready when `ready(config)` holds; by default once the bot has read a sync to
    its end (its sync token is saved). The secret is the bot's password unless
    `environ` gives others.
    """
    config = load_config(config_path)
    stop = asyncio.Event()
    secrets = environ if environ is not None else {MATRIX_PASSWORD_ENV: bot.password}
    task = asyncio.create_task(serve(config, load_flow(config.intake.flow), stop, secrets))
    started = sync_token_file(config).stat().st_mtime_ns if sync_token_file(config).exists() else 0

    def synced() -> bool:
        token = sync_token_file(config)
        return token.exists() and token.stat().st_mtime_ns != started

    def condition() -> bool:
        return ready(config) if ready is not None else synced()

    try:
        deadline = asyncio.get_running_loop().time() + READY_SECONDS
        while not condition():
            if task.done():
                task.result()  # let its error show
            assert asyncio.get_running_loop().time() < deadline, "the bot did not get ready"
            await asyncio.sleep(0.05)
        yield config
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


@dataclass(frozen=True)
class Scene:
    """The bot's account and config, Anna in team West's room, and Lies, a resident."""

    bot: Account
    anna: Account
    lies: Account
    path: Path
    team_room: str
    contact: Person
    resident: Person


@asynccontextmanager
async def scene(
    tmp_path: Path,
    synapse: Synapse,
    account: Callable[..., Account],
    team_encrypted: bool = False,
    **matrix: str,
) -> AsyncIterator[Scene]:
    """Everyone logged in and team West's room made; the bot is not running yet."""
    bot, anna, lies = account("bot"), account("anna"), account("lies")
    async with Person(synapse.url, anna, tmp_path / "anna") as contact:
        team_room = await contact.open_room([bot.user_id], encrypted=team_encrypted)
        path = matrix_config(tmp_path, synapse, bot, anna, team_room, **matrix)
        async with Person(synapse.url, lies, tmp_path / "lies") as resident:
            yield Scene(bot, anna, lies, path, team_room, contact, resident)


PROGRAM = str(Path(sys.executable).parent / "initiatiefbot")


@asynccontextmanager
async def running_program(
    config_path: Path, bot: Account, private: tuple[str, ...] = ()
) -> AsyncIterator[Config]:
    """`initiatiefbot run` as an admin starts it, in a process of its own, until SIGTERM.

    Its log at INFO must hold no secret, no Matrix id and none of the `private` texts.
    """
    config = load_config(config_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
    env[MATRIX_PASSWORD_ENV] = bot.password
    program = await asyncio.create_subprocess_exec(
        PROGRAM,
        "--log-level",
        "INFO",
        "run",
        "--config",
        str(config_path),
        env=env,
        cwd=config_path.parent,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        deadline = asyncio.get_running_loop().time() + READY_SECONDS
        while not sync_token_file(config).exists():
            assert program.returncode is None, "the program ended early"
            assert asyncio.get_running_loop().time() < deadline, "the program did not get ready"
            await asyncio.sleep(0.05)
        yield config
    finally:
        if program.returncode is None:
            program.send_signal(signal.SIGTERM)
        _, errors = await asyncio.wait_for(program.communicate(), 30)
    assert program.returncode == 0, errors.decode()
    assert b"Traceback" not in errors
    assert bot.password.encode() not in errors  # a secret is never logged
    assert not re.search(rb"@[a-z0-9._=/+-]+:", errors), "a Matrix id in the log"
    for text in private:
        assert text.encode() not in errors, f"{text!r} in the log"


def saved_device(config: Config) -> str:
    login = json.loads((Path(config.bot.data_dir) / "matrix" / "login.json").read_text())
    return str(login["device_id"])
