"""Initiatives that have waited long, for the platform tests of the teams' morning round."""

from pathlib import Path

from bot.app import build_setting
from bot.config.flows import load_flow
from bot.config.names import Names
from bot.config.settings import database_url, load_config
from bot.inbox.service import Inbox
from storage.db import Database, make_engine
from storage.migrate import upgrade
from tests.configs import set_key
from tests.town import Clock, Town


def handed_in_long_ago(path: Path) -> list[str]:
    """Two initiatives for team West, handed in on the console in November 2026, so their
    reminders are due when the bot of the config at `path` starts; and no quiet hours and
    no days off in that config, so they go out whatever the hour and day the test runs
    (a team's round waits for a working morning)."""
    text = set_key(path.read_text(encoding="utf-8"), "[schedule]", "quiet_hours", '"00:00-00:00"')
    every_day = '["mon", "tue", "wed", "thu", "fri", "sat", "sun"]'
    text = set_key(text, "[schedule]", "working_days", every_day)
    text = set_key(text, "[schedule]", "public_holidays", '""')
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    Path(config.bot.data_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = make_engine(database_url(config, {}))
    upgrade(engine)
    try:
        db, flow = Database(engine), load_flow(config.intake.flow)
        town = Town(db, Inbox(db, Names(config, flow), build_setting(config, flow), Clock()))
        return [town.submit("bewoner"), town.submit("buurvrouw")]
    finally:
        engine.dispose()
