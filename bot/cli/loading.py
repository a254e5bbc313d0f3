"""The config and its flow as every command loads them, with the checks that need the
database library: its URL as SQLAlchemy reads it, and what the config lets in must fit
the column it is kept in.

PostgreSQL refuses a text longer than its column (SQLite does not check), so a flow
that lets a title run to 4,000 characters into a 255-character column would pass a
look at the config and then fail every such submission. The config package knows no
tables (it stands below storage), so the lengths are compared here, read from the
models themselves.
"""

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Column, String
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.config.flows import Flow, load_flow
from bot.config.problems import describe
from bot.config.settings import (
    DATABASE_URL_ENV,
    Config,
    ConfigError,
    database_url,
    load_config,
)
from bot.config.tomllines import Path as KeyPath
from bot.config.tomllines import key_lines
from storage.models import Initiative, ReturnDay, table_of

Lines = dict[KeyPath, int]
INITIATIVES = table_of(Initiative).c
RETURN_DAYS = table_of(ReturnDay).c
# The intake answers kept in a column of their own (the others go in a JSON column).
ANSWER_COLUMNS: dict[str, Column[Any]] = {
    "title": INITIATIVES.title,
    "name": INITIATIVES.name,
    "contact": INITIATIVES.contact,
}


def load(path: Path) -> tuple[Config, Flow]:
    """The config at `path` and its flow; `ConfigError` names every problem of both, and
    of the database URL the environment gives."""
    config = load_config(path)
    lines = key_lines(path.read_text(encoding="utf-8"))
    problems = database_problems(config, lines)
    flow: Flow | None = None
    try:
        flow = load_flow(config.intake.flow)
    except ConfigError as error:
        problems.extend(error.problems)
    else:
        problems.extend(flow_too_long(flow, config.intake.flow))
    problems.extend(config_too_long(config, lines))
    if flow is None or problems:
        raise ConfigError(tuple(problems))
    return config, flow


def database_problems(
    config: Config, lines: Lines, environ: Mapping[str, str] = os.environ
) -> list[str]:
    """What is wrong with the database URL, as SQLAlchemy itself reads it (the config
    package checks what it can without it), named by where the URL came from."""
    try:
        url = make_url(database_url(config, environ))
    except ConfigError as error:
        return list(error.problems)
    except (ArgumentError, ValueError):
        wrong = "cannot be read as a database URL; check its server, port and punctuation"
    else:
        if url.get_backend_name() != "sqlite" or not (url.host or url.username or url.port):
            return []
        wrong = "an SQLite URL names no server: three slashes, then the file"
    if environ.get(DATABASE_URL_ENV):
        return [f"{DATABASE_URL_ENV}: {wrong}"]
    return [describe(("database", "url"), wrong, lines)]


def flow_too_long(flow: Flow, path: str) -> list[str]:
    """Steps whose answers may be longer than the column they are kept in."""
    lines = key_lines(Path(path).read_text(encoding="utf-8")) if path else {}
    problems = []
    for index, step in enumerate(flow.steps):
        limit = _length(ANSWER_COLUMNS[step.id]) if step.id in ANSWER_COLUMNS else None
        if limit is not None and step.max_length > limit:
            message = (
                f"step {step.id!r} allows {step.max_length} characters, but the database "
                f"keeps {limit}: set max_length to {limit} or less"
            )
            problems.append(
                f"intake.flow: {path}: " + describe(("steps", index, "max_length"), message, lines)
            )
    return problems


def config_too_long(config: Config, lines: Lines) -> list[str]:
    """Keys and places of the config longer than the columns that keep them."""
    checked: tuple[tuple[str, str, Iterable[str], Column[Any]], ...] = (
        ("areas", "key", (area.key for area in config.areas), INITIATIVES.area),
        ("themes", "key", (theme.key for theme in config.themes), INITIATIVES.theme),
        ("teams", "key", (team.key for team in config.teams), INITIATIVES.team),
        ("return_days", "key", (day.key for day in config.return_days), RETURN_DAYS.key),
        ("return_days", "place", (day.place for day in config.return_days), RETURN_DAYS.place),
    )
    return [
        describe(
            (section, index, field),
            f"{len(value)} characters, but the database keeps {limit}",
            lines,
        )
        for section, field, values, column in checked
        if (limit := _length(column)) is not None
        for index, value in enumerate(values)
        if len(value) > limit
    ]


def _length(column: Column[Any]) -> int | None:
    kind = column.type
    return kind.length if isinstance(kind, String) else None
