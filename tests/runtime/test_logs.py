"""Full conversations on each platform leave no personal data and no secret in the logs."""

import asyncio
import json
import logging
import re
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.runtime import logs
from tests.adapters.console.program import INTAKE, run
from tests.adapters.telegram.fake_bot_api import FakeBotApi
from tests.adapters.telegram.harness import (
    ANNA,
    RESIDENT,
    TEAM_WEST,
    intake,
    press,
    running_bot,
    see,
    telegram_config,
)
from tests.conftest import EXAMPLE_CONFIG
from tests.runtime.kept_logging import logging_kept  # noqa: F401 (a fixture)
from tests.runtime.leaks import PERSONAL, leaks


def test_a_telegram_conversation_logs_no_personal_data_nor_the_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # whatever the libraries log, INFO and up is checked

    async def scenario() -> str:
        async with FakeBotApi() as api:
            path = telegram_config(tmp_path, api)
            async with running_bot(path, api):
                await intake(api)
                notification = await see(api, TEAM_WEST, "Bankje bij de haven")
                await press(api, ANNA, TEAM_WEST, notification, "Oppakken")
                await see(api, ANNA, "06 12345678")
                api.user_says(RESIDENT, "Ik bel je morgen, groet Anna de Vries")
                await see(api, ANNA, "Ik bel je morgen")
            return api.token

    token = asyncio.run(scenario())
    assert caplog.records, "nothing was logged at all: the check would prove nothing"
    assert leaks(caplog, token) == []


def test_a_console_conversation_logs_no_personal_data(tmp_path: Path) -> None:
    """The real program at DEBUG: a resident, their team, the contact and a relayed text."""
    config = ["--config", str(EXAMPLE_CONFIG)]

    def logged(args: list[str], lines: list[str]) -> list[str]:
        done = run(["--log-level", "DEBUG", *args, *config], tmp_path, None, lines)
        assert done.returncode == 0, done.stderr
        return done.stderr.splitlines()

    log = logged(["chat"], INTAKE)
    log += logged(["chat", "--as", "console:anna", "--chat", "team-west"], ["1"])
    log += logged(["chat"], ["Ik bel je morgen, groet Anna de Vries"])
    log += logged(["chat", "--as", "console:anna"], [])
    at_info = [line for line in log if re.search(r" (INFO|WARNING|ERROR|CRITICAL) ", line)]
    assert any(" DEBUG " in line for line in log), "nothing was logged: the check proves nothing"
    assert at_info, "nothing at INFO: the check proves nothing"
    assert [line for line in at_info if any(found in line for found in PERSONAL)] == []


@pytest.mark.parametrize("form", ["text", "json"])
def test_every_secret_is_masked_whoever_logs_it(
    capsys: pytest.CaptureFixture[str], form: str
) -> None:
    environ = {
        "INITIATIEFBOT_TELEGRAM_TOKEN": "123456:SECRET-token",
        "INITIATIEFBOT_MATRIX_PASSWORD": "hunter2hunter2",
        "INITIATIEFBOT_DATABASE_URL": "postgresql+psycopg://bot:db-pass-9@db/bot",
    }
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    logs.configure("INFO", environ, form)
    try:
        logging.getLogger("httpx").warning(
            "HTTP Request: POST https://api.telegram.org/bot123456:SECRET-token/getMe"
        )
        logging.getLogger("nio").error("login with %s failed", "hunter2hunter2")
        logging.getLogger("sqlalchemy").error("cannot connect as bot:db-pass-9")
    finally:  # the test run's own logging, as it was
        root.handlers[:] = handlers
        root.setLevel(level)
    written = capsys.readouterr().err
    assert written.count("***") == 3
    for secret in ("SECRET-token", "hunter2hunter2", "db-pass-9"):
        assert secret not in written
    assert "https://api.telegram.org/bot***/getMe" in written
    if form == "json":
        lines = [json.loads(line) for line in written.splitlines()]
        assert [(line["level"], line["logger"]) for line in lines] == [
            ("WARNING", "httpx"),
            ("ERROR", "nio"),
            ("ERROR", "sqlalchemy"),
        ]
        assert lines[1]["message"] == "login with *** failed"
        assert datetime.fromisoformat(lines[0]["time"]).utcoffset() is not None


def test_a_json_log_line_keeps_a_traceback_and_masks_a_secret_it_escapes() -> None:
    formatter = logs.JsonFormatter(['pass"word'])
    try:
        raise ValueError('pass"word in an error')
    except ValueError:
        record = logging.LogRecord("bot", logging.ERROR, "x", 1, "failed", (), sys.exc_info())
    entry = json.loads(formatter.format(record))
    assert entry["message"] == "failed"
    assert "ValueError: *** in an error" in entry["exception"]


def _library_debug_lines() -> list[str]:
    """A debug line of each platform library, as they write them."""
    lines = {
        "telegram.ext.Application": "update from Anna de Vries, 0612345678: hallo",
        "httpx": "HTTP Request: POST https://api.telegram.org/bot1:x/sendMessage",
        "nio.rooms": "Room !abc:example.org handling event of @anna:example.org",
    }
    for name, line in lines.items():
        logging.getLogger(name).debug(line)
    logging.getLogger("bot.inbox").debug("our own debug line")
    return list(lines.values())


@pytest.mark.usefixtures("logging_kept")
def test_debug_logging_keeps_the_platform_libraries_quiet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--log-level", "DEBUG", "check-config", str(EXAMPLE_CONFIG)]) == 0
    lines = _library_debug_lines()
    written = capsys.readouterr().err
    assert "our own debug line" in written
    assert [line for line in lines if line in written] == []
    assert "personal data" not in written


@pytest.mark.usefixtures("logging_kept")
def test_platform_debug_lets_them_log_and_warns_that_it_holds_personal_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["--log-level", "DEBUG", "--platform-debug", "check-config", str(EXAMPLE_CONFIG)]
    assert main(args) == 0
    warned = capsys.readouterr().err
    lines = _library_debug_lines()
    written = capsys.readouterr().err
    assert [line for line in lines if line in written] == lines
    assert "WARNING" in warned
    assert "personal data" in warned
