"""`initiatiefbot run` as an admin starts it: a resident's intake, a claim, the export."""

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from bot.config.settings import TELEGRAM_TOKEN_ENV
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    intake,
    press,
    see,
    telegram_config,
)

PROGRAM = str(Path(sys.executable).parent / "initiatiefbot")


def test_run_serves_telegram_until_sigterm_and_the_result_is_exported(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            env = {k: v for k, v in os.environ.items() if not k.startswith("INITIATIEFBOT_")}
            env[TELEGRAM_TOKEN_ENV] = api.token
            bot = await asyncio.create_subprocess_exec(
                PROGRAM,
                "--log-level",
                "INFO",  # the level where httpx would show request URLs, token included
                "run",
                "--config",
                str(path),
                env=env,
                cwd=tmp_path,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                await api.wait_until(lambda: any(c.method == "getUpdates" for c in api.calls), 30)
                await intake(api)
                notification = await see(api, TEAM_WEST, "Bankje bij de haven")
                await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
                await see(api, RESIDENT, "Goed nieuws: Anna")
            finally:
                bot.send_signal(signal.SIGTERM)
                _, errors = await asyncio.wait_for(bot.communicate(), 30)
            assert bot.returncode == 0, errors.decode()
            assert b"Traceback" not in errors
            assert b"connected as" in errors  # INFO lines were written
            assert api.token.encode() not in errors  # the token is a secret
            for personal in ("Anna de Vries", "12345678", "Bankje bij de haven"):
                assert personal.encode() not in errors  # nor what the resident told
            exporter = await asyncio.create_subprocess_exec(
                PROGRAM,
                "export",
                "--format",
                "json",
                "--config",
                str(path),
                env=env,
                cwd=tmp_path,
                stdout=asyncio.subprocess.PIPE,
            )
            output, _ = await exporter.communicate()
            [row] = json.loads(output)
            assert (row["area"], row["theme"], row["status"]) == (
                "Ouddorp",
                "Groen en natuur",
                "claimed",
            )
            assert (row["team"], row["claimed_by"]) == ("Kernteam West", "Anna")

    asyncio.run(scenario())
