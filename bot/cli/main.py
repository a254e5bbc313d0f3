"""The `initiatiefbot` command. Errors become a short message and an exit code here only."""

import argparse
import asyncio
import io
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from bot.app import (
    Clock,
    ConsoleSeat,
    DatabaseUnavailable,
    chat,
    clock_from,
    open_database,
    serve,
)
from bot.cli import admin, loading
from bot.cli.export import FORMATS
from bot.config.flows import Flow
from bot.config.names import Names
from bot.config.settings import Config, ConfigError
from bot.messages import PlatformRefused
from bot.runtime import logs

CONFIG_ENV = "INITIATIEFBOT_CONFIG"
CONSOLE_PREFIX = "console:"
EXIT_DATABASE = 1
EXIT_CONFIG = 2
EXIT_REFUSED = 2
EXIT_INTERRUPTED = 130

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="initiatiefbot",
        description="Residents hand in neighbourhood and village initiatives by chat.",
    )
    parser.add_argument(
        "--log-level",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log to standard error (default: INFO for run, WARNING otherwise)",
    )
    parser.add_argument(
        "--platform-debug",
        action="store_true",
        help="let the chat and database libraries log at --log-level too; at DEBUG their "
        "lines hold personal data (names, phone numbers, every message)",
    )
    parser.add_argument(
        "--log-format",
        default="text",
        choices=sorted(logs.FORMATTERS),
        help="text: a line for people (default); json: one JSON object per line",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument(
            "--config",
            type=Path,
            default=Path(os.environ.get(CONFIG_ENV, "config.toml")),
            help=f"the configuration file (default ${CONFIG_ENV} or config.toml)",
        )
        return sub

    command("run", "run the bot on the chat platforms the config enables (Telegram, Matrix)")
    chat_command = command("chat", "chat with the bot in the terminal")
    chat_command.add_argument(
        "--as",
        dest="account",
        metavar="ACCOUNT",
        help="speak as this console account, e.g. console:anna (default: [console] account)",
    )
    chat_command.add_argument(
        "--chat",
        metavar="CHAT",
        help="the console chat to speak in, e.g. team-west (default: your own private chat)",
    )
    check = command("check-config", "validate a configuration file")
    check.add_argument("path", type=Path, nargs="?", help="the file (default: --config)")
    command("db", "database maintenance").add_argument(
        "action", choices=["upgrade"], help="upgrade: apply all migrations"
    )
    export = command("export", "write all initiatives (or the return days)")
    export.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="json (default); csv: commas, for scripts; excel: semicolons and a byte-order "
        "mark, for a spreadsheet with Dutch settings",
    )
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    export.add_argument(
        "--with-personal-data",
        action="store_true",
        help="add residents' names, contact details and accounts (only where needed)",
    )
    export.add_argument(
        "--return-days",
        action="store_true",
        help="write the return days instead: answers, guests, how it was, and who came "
        "(by name only with --with-personal-data)",
    )
    dry_run = command("route", "show which team an area and theme go to, and why")
    dry_run.add_argument("--area", required=True, help="area name, alias or key")
    dry_run.add_argument("--theme", required=True, help="theme name or key")
    schedule = command("schedule", "follow-ups planned: reminders, escalations")
    schedule.add_argument("action", choices=["list"], help="list: what is planned, and when")
    command("deletions", "the deletion log: what kind of personal data was erased, how much, when")
    erase = command(
        "erase",
        "erase one initiative's personal data, as its initiator asked by phone or at the desk",
    )
    erase.add_argument("reference", metavar="REF", help="the initiative, e.g. 2026-0042")
    outbox = command("outbox", "messages waiting to be sent or parked as failed")
    outbox.add_argument("action", choices=["list", "retry"])
    outbox.add_argument("ids", type=int, nargs="*", metavar="ID", help="retry: these messages")
    outbox.add_argument("--failed", action="store_true", help="list: only failed messages")
    outbox.add_argument("--all-failed", action="store_true", help="retry: every failed message")
    return parser


def _tolerate_broken_text() -> None:
    """Bytes on standard input that are no UTF-8 arrive as lone surrogates (which the
    core turns into U+FFFD) instead of ending the session, whatever the locale; echoing
    them cannot fail either."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="surrogateescape")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    # A running bot says when it is up, and what it does; a chat's transcript and an
    # admin command's output stay clean.
    level = args.log_level or ("INFO" if args.command == "run" else "WARNING")
    logs.configure(level, os.environ, args.log_format, args.platform_debug)
    if args.command == "outbox" and args.action == "retry" and bool(args.ids) == args.all_failed:
        parser.error("outbox retry takes message IDs or --all-failed")
    try:
        return _run(args)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseUnavailable as error:
        print(f"initiatiefbot: {error}", file=sys.stderr)
        return EXIT_DATABASE
    except PlatformRefused as error:
        print(f"initiatiefbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except admin.AdminError as error:
        print(f"initiatiefbot: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        # Ctrl-C in the chat: everything answered so far is already committed.
        print(file=sys.stderr)
        return EXIT_INTERRUPTED


async def _serve_until_signalled(config: Config, flow: Flow, clock: Clock) -> None:
    """`run` until SIGINT or SIGTERM. The stop is over within seconds (`serve`); a
    second signal ends the program at once, whatever the stop is waiting for."""
    stop = asyncio.Event()

    def signalled() -> None:
        if stop.is_set():
            _exit_now(EXIT_INTERRUPTED)
        log.info("stopping; a second Ctrl-C or SIGTERM stops at once")
        stop.set()

    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, signalled)
    if await serve(config, flow, stop, clock=clock):
        _exit_now(0)  # what was left behind may hold threads, which Python waits for


def _exit_now(code: int) -> NoReturn:
    """End the process without waiting for its threads: one may wait on a database
    that does not answer. Anything not committed is delivered again after a start."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _run(args: argparse.Namespace) -> int:
    if args.command == "check-config":
        loading.load(args.path or args.config)
        print("ok")
        return 0
    config, flow = loading.load(args.config)
    if args.command == "route":
        admin.dry_run_route(config, args.area, args.theme, sys.stdout)
        return 0
    clock = clock_from(os.environ)
    if args.command == "run":
        asyncio.run(_serve_until_signalled(config, flow, clock))
        return 0
    if args.command == "chat":
        account = (args.account or config.console.account).removeprefix(CONSOLE_PREFIX)
        chat_id = (args.chat or account).removeprefix(CONSOLE_PREFIX)
        seat = ConsoleSeat(account, chat_id)
        _tolerate_broken_text()
        asyncio.run(chat(config, flow, seat, sys.stdin, sys.stdout, clock))
        return 0
    db = open_database(config)
    try:
        if args.command == "export":
            admin.export(
                db,
                Names(config, flow),
                args.format,
                args.output,
                sys.stdout,
                sys.stderr,
                args.with_personal_data,
                args.return_days,
            )
        elif args.command == "schedule":
            admin.list_schedule(db, config.bot.zone, sys.stdout)
        elif args.command == "deletions":
            admin.list_deletions(db, config.bot.zone, sys.stdout)
        elif args.command == "erase":
            admin.erase(db, config, args.reference, clock(), sys.stdout)
        elif args.command == "outbox" and args.action == "list":
            admin.list_outbox(db, config.bot.zone, args.failed, sys.stdout)
        elif args.command == "outbox":
            admin.retry_outbox(db, None if args.all_failed else args.ids, clock(), sys.stdout)
        else:
            print(f"database {db.describe()} is up to date")
    finally:
        db.engine.dispose()
    return 0
