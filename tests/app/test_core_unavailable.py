"""A database that stops answering: the app says so with `CoreUnavailable`, which tells
an adapter not to confirm the event, so the platform delivers it again."""

import asyncio
import io
import logging
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.pool import Pool

from bot.app import App
from bot.cli.main import main
from bot.config.flows import Flow
from bot.config.settings import DATABASE_URL_ENV, Config
from bot.inbox import outages
from bot.messages import CoreUnavailable, Handled, Incoming
from bot.texts import limits as limit_texts
from storage.db import Database, make_engine
from storage.migrate import upgrade
from tests.conftest import EXAMPLE_CONFIG
from tests.platform import RecordingPlatform
from tests.runtime.kept_logging import logging_kept  # noqa: F401 (a fixture)


def _with_its_disk_gone(
    tmp_path: Path, config: Config, flow: Flow
) -> tuple[App, RecordingPlatform]:
    """An App whose SQLite database was there at start, and then went away."""
    folder = tmp_path / "data"
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder / 'bot.sqlite3'}")
    upgrade(engine)
    platform = RecordingPlatform()
    app = App(config, flow, Database(engine), {"console": platform})
    engine.dispose()
    shutil.rmtree(folder)  # the disk went away under the bot
    return app, platform


def test_a_database_that_is_gone_is_reported_as_unavailable(
    tmp_path: Path, config: Config, flow: Flow
) -> None:
    app, platform = _with_its_disk_gone(tmp_path, config, flow)
    incoming = Incoming(
        channel="console", chat_id="anna", sender_id="anna", event_id="e1", text="hoi"
    )

    async def twice() -> list[Handled | Exception]:
        return [*await app.handle_page([incoming]), *await app.handle_page([incoming])]

    results = asyncio.run(twice())
    assert all(isinstance(result, CoreUnavailable) for result in results)
    assert "database did not answer" in str(results[0])
    assert platform.texts("anna") == [limit_texts.slow_core("nl")]  # once


def test_a_note_the_platform_would_not_take_goes_with_the_next_delivery(
    tmp_path: Path, config: Config, flow: Flow
) -> None:
    """A chat that was just answered may have to wait its turn on the platform: the note
    is not lost for that, but sent when the event comes again, and then only once."""
    app, platform = _with_its_disk_gone(tmp_path, config, flow)
    incoming = Incoming("console", "anna", "anna", "e1", "hoi")
    platform.failing_chats.add("anna")

    async def delivered_three_times() -> None:
        await app.handle_page([incoming])
        platform.failing_chats.clear()
        await app.handle_page([incoming])
        await app.handle_page([incoming])

    asyncio.run(delivered_three_times())
    assert platform.tries == 2
    assert platform.texts("anna") == [limit_texts.slow_core("nl")]


def test_a_terminal_is_not_told_that_its_line_will_be_answered_later(
    tmp_path: Path, config: Config, flow: Flow
) -> None:
    """Nothing delivers a console's line again: the console asks for it again itself."""
    app, platform = _with_its_disk_gone(tmp_path, config, flow)
    incoming = Incoming("console", "anna", "anna", "e1", "hoi")
    [result] = asyncio.run(app.handle_page_and_send([incoming]))
    assert isinstance(result, CoreUnavailable)
    assert platform.sent == []


def _read_only(engine: Engine) -> None:
    """Every connection of `engine` from now on refuses to write, as a read-only file
    or a standby server does. (Root, which tests may run as, writes files whatever
    their mode, so SQLite is told instead; it answers a 0444 file the same way.)"""

    @event.listens_for(engine, "connect")
    def _refuse_writes(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET default_transaction_read_only = on")
            connection.commit()
        cursor.close()

    engine.dispose()  # connections made before now could still write


def test_a_database_that_cannot_be_written_is_no_passing_outage(
    database_url: str, config: Config, flow: Flow, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    _read_only(engine)
    platform = RecordingPlatform(channel="telegram")
    app = App(config, flow, Database(engine), {"telegram": platform})

    def says(text: str, number: int) -> Incoming:
        return Incoming("telegram", "42", "42", f"ro-{number}", text)

    async def redelivered() -> list[list[Handled | Exception]]:
        first = await app.handle_page([says("hallo", 1), says("een bankje", 2)])
        return [first, await app.handle_page([says("hallo", 1), says("een bankje", 2)])]

    with caplog.at_level(logging.WARNING, logger="bot.app"):
        pages = asyncio.run(redelivered())
    engine.dispose()
    # Not confirmed, so the platform keeps the messages until the database is put right.
    assert all(isinstance(result, CoreUnavailable) for page in pages for result in page)
    assert platform.texts("42") == [outages.cannot_write("nl")]  # once, and nothing else
    [logged] = caplog.records
    assert logged.levelno == logging.ERROR
    assert "cannot be written" in logged.getMessage()


class _TurnsReadOnly(io.StringIO):
    """Console input that makes the database refuse writes as its first line is read:
    the database fails while the chat runs, after a start that went well. (A file's
    mode binds neither the connections already open nor root, which tests may run as;
    SQLite answers its query_only the way it answers a read-only file.)"""

    read_only = False

    def readline(self, size: int | None = -1) -> str:
        self.read_only = True
        return super().readline(size)

    def refuse_writes(self, connection: Any, _record: Any, _proxy: Any) -> None:
        if self.read_only:
            connection.execute("PRAGMA query_only = ON")


@pytest.mark.usefixtures("logging_kept")
def test_the_console_says_once_what_is_wrong_and_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    monkeypatch.chdir(tmp_path)
    typed = _TurnsReadOnly("".join(f"regel {n}\n" for n in range(100)))
    monkeypatch.setattr(sys, "stdin", typed)
    event.listen(Pool, "checkout", typed.refuse_writes)
    try:
        code = main(["chat", "--config", str(EXAMPLE_CONFIG)])
    finally:
        event.remove(Pool, "checkout", typed.refuse_writes)
    out, err = capsys.readouterr()
    assert code == 1
    assert out.count(outages.cannot_write("nl")) == 1
    assert "regel 99" not in out  # the chat ended there, not at the end of the input
    assert "send your message again" not in out
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("initiatiefbot: cannot write to the database")


@pytest.mark.usefixtures("logging_kept")
def test_a_console_on_a_read_only_database_file_exits_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bot.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    url = f"sqlite:///{path}"
    if os.geteuid() == 0:  # root writes whatever a file's mode: SQLite opens it read-only
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        path.chmod(0o444)
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("ja\n"))
    code = main(["chat", "--config", str(EXAMPLE_CONFIG)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    [line] = err.splitlines()
    assert line.startswith("initiatiefbot: ")
    assert re.search("read-?only", line)
