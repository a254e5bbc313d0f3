"""The `initiatiefbot` command. Errors become a short message and an exit code here only."""

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.app import DatabaseUnavailable, chat, open_database
from bot.config import Config, ConfigError, load_config
from bot.export import as_csv, as_json, records
from bot.flows import Flow, load_flow
from storage import queries

CONFIG_ENV = "INITIATIEFBOT_CONFIG"
EXIT_CONFIG = 2
EXIT_DATABASE = 1
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="initiatiefbot",
        description="Residents hand in neighbourhood and village initiatives by chat.",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="how much to log to standard error (default WARNING)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_config(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--config",
            type=Path,
            default=Path(os.environ.get(CONFIG_ENV, "config.toml")),
            help=f"the configuration file (default ${CONFIG_ENV} or config.toml)",
        )
        return sub

    with_config(
        commands.add_parser("chat", help="chat with the bot as a resident, in the terminal")
    )
    check = commands.add_parser("check-config", help="validate a configuration file")
    check.add_argument("path", type=Path, nargs="?", help="the file (default: --config)")
    with_config(check)
    db = with_config(commands.add_parser("db", help="database maintenance"))
    db.add_argument("action", choices=["upgrade"], help="upgrade: apply all migrations")
    export = with_config(commands.add_parser("export", help="write all initiatives"))
    export.add_argument("--format", choices=["json", "csv"], default="json")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return _run(args)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseUnavailable as error:
        print(f"initiatiefbot: {error}", file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        # Ctrl-C in the chat: everything answered so far is already committed.
        print(file=sys.stderr)
        return EXIT_INTERRUPTED


def _load(path: Path) -> tuple[Config, Flow]:
    config = load_config(path)
    return config, load_flow(config.intake.flow)


def _run(args: argparse.Namespace) -> int:
    if args.command == "check-config":
        _load(args.path or args.config)
        print("ok")
        return 0
    config, flow = _load(args.config)
    if args.command == "chat":
        asyncio.run(chat(config, flow, sys.stdin, sys.stdout))
        return 0
    db = open_database(config)
    try:
        if args.command == "export":
            with db.transaction() as session:
                rows = records(config, queries.all_initiatives(session))
            text = as_json(rows) if args.format == "json" else as_csv(rows)
            if args.output:
                args.output.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
        else:
            print(f"database {db.describe()} is up to date")
    finally:
        db.engine.dispose()
    return 0
