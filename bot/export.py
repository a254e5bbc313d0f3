"""Initiatives as JSON or CSV for the municipality's own records and reports.

Personal data (name, contact details, platform accounts) is left out.
"""

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from bot.config import Config
from storage.models import Initiative

COLUMNS = (
    "reference",
    "title",
    "description",
    "area",
    "theme",
    "help_wanted",
    "status",
    "created_at",
)


def records(config: Config, initiatives: Sequence[Initiative]) -> list[dict[str, Any]]:
    """One dict per initiative; areas and themes by name, times in local time with offset."""
    areas = {area.key: area.name for area in config.areas}
    themes = {theme.key: theme.name.nl for theme in config.themes}
    return [
        {
            "reference": initiative.reference,
            "title": initiative.title,
            "description": initiative.description,
            "area": areas.get(initiative.area, initiative.area),
            "theme": themes.get(initiative.theme, initiative.theme),
            "help_wanted": list(initiative.help_wanted),
            "status": initiative.status,
            "created_at": initiative.created_at.astimezone(config.bot.zone).isoformat(),
        }
        for initiative in initiatives
    ]


def as_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def as_csv(rows: list[dict[str, Any]]) -> str:
    """The same columns as JSON; the help wanted list joined with "; "."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "help_wanted": "; ".join(row["help_wanted"])})
    return buffer.getvalue()
