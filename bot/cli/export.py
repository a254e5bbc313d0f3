"""Initiatives, or return days, as JSON or CSV for the municipality's own records and
reports.

`--return-days` writes the return days instead: when and where, the answers and
"hoe was het?" counted, and who came with how many guests; their names only with
personal data, never how to reach them.

Residents' personal data (name, contact details, platform accounts, consent: given
in the chat, or out loud to a contact who handed it in for them) is left out unless
asked for; messages never go in, but for the few words an
initiator wrote with their satisfaction score. Contacts appear by the name and
account the config gives them.

CSV comes in two forms: `csv` for scripts (commas, UTF-8, newlines) and `excel` for
the spreadsheet on an office desk (semicolons, a byte-order mark, CRLF), which Excel
with Dutch settings opens in columns and with its ë intact. In both, a cell a
resident's words begin with `=`, `+`, `-` or `@` cannot become a live formula.
"""

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.cases import on_behalf
from bot.cases.texts import Said, brings, place_detail
from bot.config.names import Names
from bot.followups.satisfaction import COMMENT, SCORE
from bot.returndays import after
from bot.returndays.after import CAME
from bot.returndays.commands import FEEDBACK_ANSWERS
from bot.returndays.places import WAITING
from bot.vocabulary import TrailKind
from storage.models import Initiative, InitiativeEvent, ReturnDay, ReturnDayAnswer

# The trail events whose latest time gets a column of its own.
MILESTONES = {
    TrailKind.ROUTED: "routed_at",
    TrailKind.CLAIMED: "claimed_at",
    TrailKind.CLOSED: "closed_at",
}
COLUMNS = (
    "reference",
    "title",
    "description",
    "area",
    "place_detail",
    "theme",
    "help_wanted",
    "group",
    "brings",
    "handed_in_by",
    "questions",
    "notes",
    "photos",
    "status",
    "team",
    "claimed_by",
    "claimed_by_account",
    "created_at",
    *MILESTONES.values(),
    "satisfaction",
    "satisfaction_comment",
)
# `--return-days`: a return day's columns, then one who came (CSV: a line each).
RETURN_DAY_COLUMNS = (
    "return_day",
    "starts_at",
    "place",
    "status",
    "coming",
    "guests",
    "not_coming",
    "maybe",
    "capacity",
    "waiting",
    *(f"how_was_it_{key}" for key in FEEDBACK_ANSWERS),
)
ATTENDEE_COLUMNS = ("guests_brought", "how_was_it")
Format = Literal["json", "csv", "excel"]
FORMATS: tuple[Format, ...] = ("json", "csv", "excel")
# The first characters that make a spreadsheet read a cell as a formula (tab and CR
# too: some programs skip them and read on); such a cell gets a quote before it, the
# spreadsheets' own mark for "this is text".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
BYTE_ORDER_MARK = "\ufeff"
CRLF = "\r\n"
# Only with --with-personal-data: who handed it in and how to reach them.
PERSONAL_COLUMNS = (
    "name",
    "contact_kind",
    "contact",
    "account",
    "consented_at",
    "consent_kind",
    "privacy_version",
)


def records(
    names: Names,
    initiatives: Sequence[Initiative],
    trails: Mapping[int, Sequence[InitiativeEvent]],
    with_personal_data: bool = False,
) -> list[dict[str, Any]]:
    """One dict per initiative; names instead of keys, local times with their offset."""
    zone = names.config.bot.zone
    rows = []
    for initiative in initiatives:
        trail = trails.get(initiative.id, ())
        said = Said.of(trail)
        handed_in = on_behalf.recorded(initiative.answers)
        row: dict[str, Any] = {
            "reference": initiative.reference,
            "title": initiative.title,
            "description": initiative.description,
            "area": names.area(initiative.area),
            "place_detail": place_detail(initiative) or None,
            "theme": names.theme(initiative.theme, "nl"),
            "help_wanted": names.help_labels(initiative.help_wanted, "nl"),
            "group": on_behalf.group(initiative.answers) or None,
            "brings": brings(initiative) or None,
            # A contact who handed it in for a resident they met or phoned, by name.
            "handed_in_by": handed_in["name"] if handed_in else None,
            "questions": list(said.questions),
            "notes": list(said.notes),
            "photos": len(initiative.photos),
            "status": initiative.status,
            "team": names.team(initiative.team) if initiative.team else None,
            "claimed_by": initiative.claimed_by_name,
            "claimed_by_account": initiative.claimed_by,
            "created_at": _local(initiative.created_at, zone),
        }
        for kind, column in MILESTONES.items():
            times = [event.at for event in trail if event.kind == kind]
            row[column] = _local(max(times), zone) if times else None
        row["satisfaction"] = _last(trail, TrailKind.RATED, SCORE)
        row["satisfaction_comment"] = _last(trail, TrailKind.RATING_COMMENTED, COMMENT)
        if with_personal_data:
            row.update(
                {
                    "name": initiative.name,
                    "contact_kind": initiative.contact_kind,
                    "contact": initiative.contact,
                    # Handed in for them, the resident has no account: the chat is the
                    # contact's, who is named in handed_in_by.
                    "account": None
                    if handed_in
                    else f"{initiative.channel}:{initiative.sender_id}",
                    "consented_at": _local(initiative.consented_at, zone),
                    "consent_kind": handed_in.get("consent", "verbal") if handed_in else "chat",
                    "privacy_version": initiative.privacy_version,
                }
            )
        row["trail"] = [
            {"event": event.kind, "at": _local(event.at, zone), "by": event.actor}
            for event in trail
        ]
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class DayAnswers:
    """A return day as the export reads it: its answers, and the names of who gave them
    (the initiator's from their initiative, a team member's from the config)."""

    day: ReturnDay
    answers: Sequence[ReturnDayAnswer]
    names: Mapping[tuple[str, str], str]


def return_day_records(
    days: Sequence[DayAnswers], zone: ZoneInfo, with_personal_data: bool = False
) -> list[dict[str, Any]]:
    """One dict per return day: when, where, the answers counted, "hoe was het?" counted
    once asked, and who came (with their guests; by name only with personal data)."""
    rows = []
    for entry in days:
        day, answers = entry.day, entry.answers
        came = [answer for answer in answers if answer.answer == CAME]
        said = [answer.answer for answer in answers]
        feedback = after.feedback_counts(day, answers)
        rows.append(
            {
                "return_day": day.id,
                "starts_at": _local(day.starts_at, zone),
                "place": day.place,
                "status": day.status,
                "coming": len(came),
                "guests": sum(answer.guests for answer in came),
                "not_coming": said.count("no"),
                "maybe": said.count("maybe"),
                "capacity": day.capacity,  # None: no limit
                "waiting": said.count(WAITING),
                **{
                    f"how_was_it_{key}": None if feedback is None else feedback.get(key, 0)
                    for key in FEEDBACK_ANSWERS
                },
                "attendees": [
                    {
                        **(
                            {"name": entry.names.get((answer.channel, answer.sender_id))}
                            if with_personal_data
                            else {}
                        ),
                        "guests": answer.guests,
                        "how_was_it": answer.feedback,
                    }
                    for answer in came
                ],
            }
        )
    return rows


def render_return_days(
    rows: list[dict[str, Any]], form: Format, with_personal_data: bool = False
) -> str:
    """JSON as `return_day_records` makes it; CSV with a line per attendee (and a line
    for a day nobody said they would come to), the day's columns repeated."""
    if form == "json":
        return as_json(rows)
    columns = [*RETURN_DAY_COLUMNS, *(("name",) if with_personal_data else ()), *ATTENDEE_COLUMNS]
    lines: list[dict[str, Any]] = []
    for row in rows:
        day = {key: value for key, value in row.items() if key != "attendees"}
        lines.extend(
            {
                **day,
                "name": attendee.get("name"),
                "guests_brought": attendee["guests"],
                "how_was_it": attendee["how_was_it"],
            }
            for attendee in row["attendees"]
        )
        if not row["attendees"]:
            lines.append(day)
    return _csv(lines, columns, excel=form == "excel")


def _last(trail: Sequence[InitiativeEvent], kind: TrailKind, key: str) -> Any:
    """What the last entry of `kind` holds under `key` (the initiator's score, their
    comment); None without one (or once erased)."""
    return next((event.data.get(key) for event in reversed(trail) if event.kind == kind), None)


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat()


def as_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def render(rows: list[dict[str, Any]], form: Format, with_personal_data: bool = False) -> str:
    if form == "json":
        return as_json(rows)
    return as_csv(rows, with_personal_data, excel=form == "excel")


def as_csv(
    rows: list[dict[str, Any]], with_personal_data: bool = False, excel: bool = False
) -> str:
    """The columns of JSON but the trail; the lists (help wanted, questions, notes) joined
    with "; ". `excel`: semicolons, a byte-order mark and CRLF, for Excel."""
    columns = (*COLUMNS, *PERSONAL_COLUMNS) if with_personal_data else COLUMNS
    joined = [
        {**row, **{key: "; ".join(row[key]) for key in ("help_wanted", "questions", "notes")}}
        for row in rows
    ]
    return _csv(joined, columns, excel)


def _csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], excel: bool) -> str:
    lines = _Lines(CRLF if excel else "\n")
    writer = csv.DictWriter(
        lines,
        fieldnames=columns,
        delimiter=";" if excel else ",",
        lineterminator=CRLF,
        extrasaction="ignore",
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({key: inert(value) for key, value in row.items()})
    return (BYTE_ORDER_MARK if excel else "") + "".join(lines.written)


class _Lines:
    """Where the CSV writer puts its rows. It quotes a cell that holds a character of its
    line ending, and only those: written with CRLF, a cell with a lone CR is quoted too
    and cannot end its row early; each row then gets the `ending` asked for."""

    def __init__(self, ending: str) -> None:
        self.ending = ending
        self.written: list[str] = []

    def write(self, row: str) -> int:
        self.written.append(row.removesuffix(CRLF) + self.ending)
        return len(row)


def inert(value: Any) -> Any:
    """A text cell as a spreadsheet shows it rather than runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value
