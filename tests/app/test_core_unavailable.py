"""A database that stops answering: the app says so with `CoreUnavailable`, which tells
an adapter not to confirm the event, so the platform delivers it again."""

import asyncio
import shutil
from pathlib import Path

from bot.app import App
from bot.config.flows import Flow
from bot.config.settings import Config
from bot.messages import CoreUnavailable, Incoming
from storage.db import Database, make_engine
from storage.migrate import upgrade


def test_a_database_that_is_gone_is_reported_as_unavailable(
    tmp_path: Path, config: Config, flow: Flow
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder / 'bot.sqlite3'}")
    upgrade(engine)
    app = App(config, flow, Database(engine), {})
    engine.dispose()
    shutil.rmtree(folder)  # the disk went away under the bot
    incoming = Incoming(
        channel="console", chat_id="anna", sender_id="anna", event_id="e1", text="hoi"
    )
    [result] = asyncio.run(app.handle_page([incoming]))
    assert isinstance(result, CoreUnavailable)
    assert "database did not answer" in str(result)
    engine.dispose()
