"""What an administrator runs from the command line: export, outbox, schedule, route dry run."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.cases.routing import route
from bot.cli.export import as_csv, as_json, records
from bot.config.names import Names
from bot.config.settings import Config
from bot.followups import plans
from bot.matching import Named, match
from storage import queries
from storage.db import Database

PREVIEW = 50


class AdminError(Exception):
    """A request that cannot be carried out; the message says why."""


def export(
    db: Database,
    names: Names,
    form: str,
    output: Path | None,
    out: TextIO,
    notices: TextIO,
    with_personal_data: bool = False,
) -> None:
    """Write every initiative; `notices` is told whether personal data is in it."""
    with db.transaction() as session:
        rows = records(
            names, queries.all_initiatives(session), queries.trails(session), with_personal_data
        )
    text = as_json(rows) if form == "json" else as_csv(rows, with_personal_data)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        out.write(text)
    notices.write(
        "this export holds residents' personal data (names, contact details, accounts): "
        "keep it where only those who need it can read it, and delete it when done\n"
        if with_personal_data
        else "residents' personal data is left out; --with-personal-data adds it\n"
    )


def list_outbox(db: Database, only_failed: bool, out: TextIO) -> None:
    with db.transaction() as session:
        rows = queries.unsent_messages(session, only_failed)
    if not rows:
        out.write("no failed messages\n" if only_failed else "the outbox is empty\n")
    for row in rows:
        text = " ".join(str(row.payload.get("text", "")).split())
        preview = text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "\u2026"
        out.write(
            f"{row.id}\t{row.state}\t{row.channel}:{row.chat_id}\ttries {row.attempts}\t"
            f"next {row.next_try_at.isoformat(timespec='seconds')}\t{preview}"
            + (f"\terror: {row.last_error}" if row.last_error else "")
            + "\n"
        )


def list_schedule(db: Database, zone: ZoneInfo, out: TextIO) -> None:
    """Every planned follow-up: when (local time), what, and for which initiative."""
    with db.transaction() as session:
        jobs = queries.scheduled_jobs(session)
    if not jobs:
        out.write("nothing is planned\n")
    for job_id, timestamp in jobs:
        kind, _, subject = job_id.partition(":")
        when = (
            datetime.fromtimestamp(timestamp, zone).strftime("%Y-%m-%d %H:%M %Z")
            if timestamp is not None
            else "paused"
        )
        parsed = plans.parse_job_id(job_id)
        what = plans.DESCRIPTIONS[parsed.kind] if parsed else "not a follow-up of this bot"
        out.write(f"{when}\t{kind}\t{subject}\t{what}\n")


def list_deletions(db: Database, zone: ZoneInfo, out: TextIO) -> None:
    """The deletion log, oldest first: when (local time), why, what kind, how many."""
    with db.transaction() as session:
        entries = queries.deletion_log(session)
    if not entries:
        out.write("nothing has been erased yet\n")
    for entry in entries:
        when = entry.at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
        out.write(f"{when}\t{entry.cause}\t{entry.kind}\t{entry.count}\n")


def retry_outbox(
    db: Database, message_ids: Sequence[int] | None, now: datetime, out: TextIO
) -> None:
    """Parked rows become due again at `now`: the dispatcher's clock, not the wall's."""
    with db.transaction() as session:
        count = queries.retry_failed(session, message_ids, now)
    if message_ids is not None and count < len(message_ids):
        raise AdminError(
            "only messages parked as failed can be retried; see `outbox list --failed`"
        )
    out.write(f"{count} message(s) will be sent again\n")


def dry_run_route(config: Config, area_typed: str, theme_typed: str, out: TextIO) -> None:
    """Which team an initiative of this area and theme goes to, and by which rule."""
    by_postcode = [a.key for a in config.areas if area_typed.strip() in a.postcodes]
    area = (
        by_postcode[0]
        if by_postcode
        else _resolve("area", area_typed, [Named(a.key, a.names()) for a in config.areas])
    )
    theme = _resolve("theme", theme_typed, [Named(t.key, t.names()) for t in config.themes])
    decision = route(config, area, theme)
    team = config.team(decision.team)
    out.write(f"team: {team.name} ({team.key})\n")
    if decision.route is None:
        out.write("rule: no route matched, so the fallback team ([routing] fallback_team)\n")
        return
    rule = config.routes[decision.route - 1]
    areas = ", ".join(rule.areas) or "any"
    themes = ", ".join(rule.themes) or "any"
    out.write(f"rule: route {decision.route} (areas: {areas}; themes: {themes})\n")


def _resolve(kind: str, typed: str, options: list[Named]) -> str:
    found = match(typed, options)
    if isinstance(found, str):
        return found
    known = ", ".join(option.key for option in options)
    raise AdminError(f"unknown {kind} {typed!r}; known: {known}")
