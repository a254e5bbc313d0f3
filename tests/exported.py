"""What `initiatiefbot export --format json` says about the initiatives of a test's config."""

import io
import json
from typing import Any

from bot.app import open_database
from bot.cli import admin
from bot.config.flows import load_flow
from bot.config.names import Names
from bot.config.settings import Config


def exported(config: Config) -> list[dict[str, Any]]:
    db = open_database(config)
    try:
        out = io.StringIO()
        names = Names(config, load_flow(config.intake.flow))
        admin.export(db, names, "json", None, out, io.StringIO())
        rows: list[dict[str, Any]] = json.loads(out.getvalue())
        return rows
    finally:
        db.engine.dispose()
