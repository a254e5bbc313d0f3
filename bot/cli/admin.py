"""What an administrator runs from the command line: export, outbox, schedule, route dry
run, and erasing one initiative's personal data.

The lists are tables for people and scripts alike: a header line, then a line per
entry, columns separated by tabs; times in the municipality's time zone, which the
header names; things by what they are, not by the keys the bot keeps them under.
"""

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.cases.routing import route
from bot.cases.timerules import time_rules
from bot.cli.export import (
    DayAnswers,
    Format,
    records,
    render,
    render_return_days,
    return_day_records,
)
from bot.config.names import Names
from bot.config.settings import Config
from bot.followups import plans
from bot.matching import Named, match
from bot.outbox import rows as outbox
from bot.privacy import erasure, retention
from bot.returndays.desk import ReturnDays
from bot.vocabulary import ReturnDayStatus
from storage import queries
from storage.db import Database
from storage.models import ReturnDay

PREVIEW = 50
RETURN_DAY = plans.FollowUp.RETURN_DAY
PLANNED = ReturnDayStatus.PLANNED
# An export may hold residents' personal data: only its owner may read the file.
PRIVATE_FILE = 0o600
CAUSES = {
    retention.CAUSE: "retention period ended",
    erasure.REQUEST: "the resident asked",
}


class AdminError(Exception):
    """A request that cannot be carried out; the message says why."""


def export(
    db: Database,
    names: Names,
    form: Format,
    output: Path | None,
    out: TextIO,
    notices: TextIO,
    with_personal_data: bool = False,
    return_days: bool = False,
) -> None:
    """Write every initiative, or with `return_days` every return day and who came;
    `notices` is told whether personal data is in it."""
    with db.transaction() as session:
        if return_days:
            days = _return_days(session, names)
            rows = return_day_records(days, names.config.bot.zone, with_personal_data)
        else:
            rows = records(
                names, queries.all_initiatives(session), queries.trails(session), with_personal_data
            )
    if return_days:
        text = render_return_days(rows, form, with_personal_data)
    else:
        text = render(rows, form, with_personal_data)
    if output:
        write_private(output, text)
    else:
        out.write(text)
    if return_days:
        notices.write(
            "this export names those who said they come to a return day: keep it where "
            "only those who need it can read it, and delete it when done\n"
            if with_personal_data
            else "the names of those who come are left out; --with-personal-data adds them\n"
        )
        return
    notices.write(
        "this export holds residents' personal data (names, contact details, accounts): "
        "keep it where only those who need it can read it, and delete it when done\n"
        if with_personal_data
        else "residents' personal data is left out; --with-personal-data adds it\n"
    )


def _return_days(session: Session, names: Names) -> list[DayAnswers]:
    """Every return day, soonest first, with its answers and who gave them by name."""
    desk = ReturnDays(names, time_rules(names.config))
    return [
        DayAnswers(
            day,
            queries.return_day_answers(session, day.id),
            {(i.channel, i.sender_id): i.name for i in desk.invitees(session, day) if i.name},
        )
        for day in queries.all_return_days(session)
    ]


def write_private(path: Path, text: str) -> None:
    """`text` in UTF-8 in a file only its owner can read (0600), created so rather than
    narrowed after, when others could have opened it already. A file that was there is
    narrowed once it is emptied, before anything new is in it."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    except FileNotFoundError:
        raise AdminError(f"cannot write {path}: there is no folder {path.parent}") from None
    except OSError as error:
        raise AdminError(f"cannot write {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
        if os.fstat(descriptor).st_mode & 0o077:
            os.fchmod(descriptor, PRIVATE_FILE)
        file.write(text)


def list_outbox(db: Database, zone: ZoneInfo, only_failed: bool, out: TextIO) -> None:
    with db.transaction() as session:
        rows = queries.unsent_messages(session, only_failed)
    if not rows:
        out.write("no failed messages\n" if only_failed else "the outbox is empty\n")
        return
    header = ("id", "state", "chat", "tries", f"next try ({zone.key})", "text", "last error")
    lines = []
    for row in rows:
        text = " ".join(str(row.payload.get("text", "")).split())
        preview = text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "\u2026"
        when = _local(row.next_try_at, zone)
        address = f"{row.channel}:{row.chat_id}"
        error = row.last_error or ""
        lines.append((str(row.id), row.state, address, str(row.attempts), when, preview, error))
    _table(out, header, lines)


def list_schedule(db: Database, zone: ZoneInfo, out: TextIO) -> None:
    """Every planned follow-up: when (local time), what it does, and what it is about."""
    with db.transaction() as session:
        jobs = [
            (job_id, at, plans.parse_job_id(job_id))
            for job_id, at in queries.scheduled_jobs(session)
        ]
        numbers = [int(job.subject) for _, _, job in jobs if job and job.kind is RETURN_DAY]
        days = {day.id: day for day in queries.return_days(session, numbers, PLANNED)}
    if not jobs:
        out.write("nothing is planned\n")
        return
    lines = []
    for job_id, timestamp, job in jobs:
        when = (
            "paused" if timestamp is None else _local(datetime.fromtimestamp(timestamp, zone), zone)
        )
        if job is None:
            lines.append((when, job_id, "", "not a follow-up of this bot"))
            continue
        about = _return_day(days, job, zone) if job.kind is RETURN_DAY else job.subject
        lines.append((when, job.kind.value, about, plans.DESCRIPTIONS[job.kind]))
    _table(out, (f"when ({zone.key})", "follow-up", "about", "what it does"), lines)


def _return_day(days: Mapping[int, ReturnDay], job: plans.JobId, zone: ZoneInfo) -> str:
    """A return day reminder in words: "return day 3 at Het Diekhuis, 2027-03-12 19:30
    CET, reminder 1"."""
    day = days.get(int(job.subject))
    where = f" at {day.place}, {_local(day.starts_at, zone)}" if day else ""
    return f"return day {job.subject}{where}, reminder {int(job.part) + 1}"


def list_deletions(db: Database, zone: ZoneInfo, out: TextIO) -> None:
    """The deletion log, oldest first: when (local time), why, what kind, how many."""
    with db.transaction() as session:
        entries = queries.deletion_log(session)
    if not entries:
        out.write("nothing has been erased yet\n")
        return
    lines = [
        (
            _local(entry.at, zone),
            CAUSES.get(entry.cause, entry.cause),
            entry.kind.replace("_", " "),
            str(entry.count),
        )
        for entry in entries
    ]
    _table(out, (f"when ({zone.key})", "why", "what", "how many"), lines)


def _local(moment: datetime, zone: ZoneInfo) -> str:
    """A time as the staff's clocks show it; the zone's short name tells summer from winter."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def _table(out: TextIO, header: Sequence[str], lines: Iterable[Sequence[str]]) -> None:
    """One line per entry; a tab or line break in a cell (a place, an error) is a space,
    so the columns hold."""
    for line in (header, *lines):
        out.write("\t".join(" ".join(cell.split()) for cell in line) + "\n")


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


def erase(db: Database, config: Config, reference: str, now: datetime, out: TextIO) -> None:
    """One initiative's personal data erased, as its initiator asked outside the chat;
    its team and contact are told through the outbox when it was still open."""
    with db.transaction() as session:
        initiative = queries.find_initiative(session, reference)
        if initiative is None:
            raise AdminError(f"there is no initiative {reference}")
        if initiative.erased_at is not None:
            raise AdminError(f"the personal data of {reference} was erased already")
        erased = erasure.forget_initiative(session, config, initiative, now)
        outbox.write(session, erased.notices, now)
    withdrawn = "withdrawn (its team was told) and " if erased.withdrawn else ""
    out.write(f"{reference}: {withdrawn}erased: {erasure.summary(erased.counts)}\n")


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
