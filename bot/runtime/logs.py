"""The program's log: one line per record on standard error, with every secret masked,
as text for people or as JSON for a log collector (`--log-format json`).

The code logs no secret on purpose; this is the net under it. A library may log
more than we would (httpx logs whole request URLs, and Telegram's hold the bot
token), so each secret the environment gives the program is replaced by "***"
in every line, whatever logger wrote it.

The chat platforms' libraries log personal data when asked for debug output:
python-telegram-bot every update (names, phone numbers, every text), httpx every
request URL (with the bot token), matrix-nio the accounts and rooms of every event.
So `--log-level DEBUG` is for our own code; the libraries stay at their `FLOORS`
unless `--platform-debug` lets them log at that level too, with a warning.
"""

import contextlib
import json
import logging
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.config.settings import (
    DATABASE_URL_ENV,
    MATRIX_ACCESS_TOKEN_ENV,
    MATRIX_PASSWORD_ENV,
    TELEGRAM_TOKEN_ENV,
    TELEGRAM_WEBHOOK_SECRET_ENV,
)

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "***"
SECRET_ENVS = (
    TELEGRAM_TOKEN_ENV,
    TELEGRAM_WEBHOOK_SECRET_ENV,
    MATRIX_PASSWORD_ENV,
    MATRIX_ACCESS_TOKEN_ENV,
)


class MaskingFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__(FORMAT)
        # Longest first: a secret that contains another is masked whole.
        self._secrets = sorted({secret for secret in secrets if secret}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return self.masked(super().format(record))

    def masked(self, line: str) -> str:
        for secret in self._secrets:
            line = line.replace(secret, MASK)
        return line


class JsonFormatter(MaskingFormatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, and the
    exception's traceback where there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        # Masked after encoding too: a secret JSON escapes is masked in its escaped form.
        return self.masked(json.dumps({k: self.masked(v) for k, v in entry.items()}))


def secrets_in(environ: Mapping[str, str]) -> list[str]:
    """The secrets the environment gives the program, the database password included."""
    found = [environ.get(name, "") for name in SECRET_ENVS]
    # Not a URL (or one with a port that is no number): the program reports that itself.
    with contextlib.suppress(ArgumentError, ValueError):
        found.append(make_url(environ.get(DATABASE_URL_ENV, "")).password or "")
    return [secret for secret in found if secret]


FORMATTERS: dict[str, type[MaskingFormatter]] = {"text": MaskingFormatter, "json": JsonFormatter}

# The most each library may log without --platform-debug: INFO where its INFO lines
# hold nothing personal, WARNING where they do or are only noise.
FLOORS = {
    "telegram": logging.INFO,  # DEBUG: every update and request, as sent
    "httpx": logging.WARNING,  # INFO: every request URL (the bot token, Matrix ids)
    "httpcore": logging.WARNING,  # DEBUG: every request and response, step by step
    "hpack": logging.WARNING,  # DEBUG: every HTTP/2 header (tokens)
    "nio": logging.WARNING,  # INFO: the account and room of every event and key
    "aiohttp": logging.INFO,  # DEBUG: (nio's) requests and responses
    "aiohttp.access": logging.WARNING,  # INFO: every request to the webhook, with its address
    "apscheduler": logging.WARNING,  # INFO: every follow-up planned and run
    "peewee": logging.INFO,  # DEBUG: nio's key store's statements, with their values
    "sqlalchemy": logging.WARNING,  # INFO: every statement, with residents' data
}
PLATFORM_DEBUG_WARNING = (
    "--platform-debug: the chat libraries log personal data (names, phone numbers, "
    "every message); keep this log to yourself and delete it when done"
)


def configure(
    level: str, environ: Mapping[str, str], form: str = "text", platform_debug: bool = False
) -> None:
    """Log at `level` to standard error; the libraries of `FLOORS` no more than their
    floor unless `platform_debug`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(FORMATTERS[form](secrets_in(environ)))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    wanted = logging.getLevelNamesMapping()[level]
    for name, floor in FLOORS.items():
        logging.getLogger(name).setLevel(wanted if platform_debug else max(floor, wanted))
    if platform_debug:
        logging.getLogger(__name__).warning(PLATFORM_DEBUG_WARNING)
