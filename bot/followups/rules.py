"""Which follow-ups an initiative needs, and when. Pure rules: no clock, no database.

Everything here is derived again from the initiative's trail whenever it is
needed: the trail is the truth, the scheduler's job store only a list of alarm
clocks (see `plans` for how a follow-up is named).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.cases.timerules import TimeRules
from bot.config.settings import ScheduleSettings
from bot.followups.plans import FollowUp, Planned
from bot.vocabulary import OPEN, Status, TrailKind

# What each kind of follow-up leaves on the trail once it went out.
TRAIL_KIND = {
    FollowUp.UNCLAIMED: TrailKind.REMINDED,
    FollowUp.ESCALATE: TrailKind.ESCALATED,
    FollowUp.CHECKIN: TrailKind.CHECKIN_SENT,
    FollowUp.CHECKIN_ESCALATE: TrailKind.CHECKIN_ESCALATED,
    FollowUp.STALE: TrailKind.STALE_SENT,
    FollowUp.QUESTION: TrailKind.QUESTION_UNANSWERED,
    FollowUp.APPOINTMENT: TrailKind.APPOINTMENT_REMINDED,
}
# Check-in answers that call for the contact, and in time the coordinators.
WORRIED = frozenset({"no", "talk"})


@dataclass(frozen=True)
class TrailEntry:
    kind: str
    at: datetime
    data: Mapping[str, Any] = field(default_factory=dict)
    actor: str = ""


@dataclass
class Facts:
    """Where an initiative stands for its follow-ups, read off its trail.

    Not frozen: `facts` sets it field by field while reading the trail. A copy for
    every entry read took a fifth of a restart with 100,000 planned follow-ups.
    """

    reference: str
    status: str
    created_at: datetime | None = None
    handed_over_at: datetime | None = None  # when its current team got it
    team_told: frozenset[FollowUp] = frozenset()  # UNCLAIMED, ESCALATE sent since then
    claimed_at: datetime | None = None
    checked_in: bool = False  # the check-in after the current claim went out
    worried_at: datetime | None = None  # a "no"/"talk" not yet followed by the contact
    stale_from: datetime | None = None  # since when the long-open check-in counts
    stale_asked: bool = False
    paused_until: datetime | None = None
    reminders_off: bool = False
    asked_at: datetime | None = None  # a contact's question waiting for an answer
    question: TrailEntry | None = None  # that question: who asked what
    appointment_at: datetime | None = None
    appointment: TrailEntry | None = None  # who planned it, and where
    appointment_reminded: bool = False


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def facts(reference: str, status: str, trail: Iterable[TrailEntry]) -> Facts:
    """Read the trail in order; each entry changes what is still to come."""
    state = Facts(reference, status)
    for entry in trail:
        _read(state, entry)
    return state


def _read(state: Facts, entry: TrailEntry) -> None:
    kind, at = entry.kind, entry.at
    match kind:
        case TrailKind.SUBMITTED:
            state.created_at = state.stale_from = at
        case TrailKind.ROUTED | TrailKind.FORWARDED | TrailKind.RELEASED:
            state.handed_over_at, state.team_told = at, frozenset()
            state.claimed_at = state.worried_at = None
        case TrailKind.CLAIMED:
            state.claimed_at, state.checked_in, state.worried_at = at, False, None
        case TrailKind.REMINDED | TrailKind.ESCALATED:
            state.team_told |= {
                FollowUp.UNCLAIMED if kind == TrailKind.REMINDED else FollowUp.ESCALATE
            }
        case TrailKind.CHECKIN_SENT:
            state.checked_in = True
        case TrailKind.CHECKIN_ANSWERED if entry.data.get("answer") in WORRIED:
            state.worried_at = at
        case TrailKind.CHECKIN_ESCALATED:
            state.worried_at = None
        case TrailKind.STALE_SENT:
            state.stale_asked = True
        case TrailKind.ASK_AGAIN if entry.data.get("answer") == "yes":
            state.stale_from, state.stale_asked = at, False
        case TrailKind.PAUSED:
            state.paused_until = _moment(entry.data.get("until"))
        case TrailKind.REMINDERS_OFF:
            state.reminders_off = True
        case TrailKind.REMINDERS_ON:
            state.reminders_off, state.paused_until = False, None
        case TrailKind.RELAYED_TO_CONTACT | TrailKind.QUESTION_UNANSWERED:
            state.asked_at = None
        case TrailKind.APPOINTMENT_PLANNED:
            state.worried_at, state.appointment = None, entry
            state.appointment_at = _moment(entry.data.get("at"))
            state.appointment_reminded = False
        case TrailKind.APPOINTMENT_REMINDED:
            state.appointment_reminded = True
        # The contact writing to the resident (a reply, a question or an appointment
        # above) settles a worried check-in answer.
        case TrailKind.RELAYED_TO_RESIDENT:
            state.worried_at = None
        case TrailKind.ASKED:
            state.worried_at, state.asked_at, state.question = None, at, entry


def plan(case: Facts, rules: TimeRules, schedule: ScheduleSettings) -> list[Planned]:
    """The follow-ups still to come for `case`, each at its first allowed moment."""
    if case.status not in OPEN:
        return []
    wanted: dict[FollowUp, datetime] = {}
    if case.status == Status.SUBMITTED and case.handed_over_at is not None:
        for kind, key in (
            (FollowUp.UNCLAIMED, "remind_after"),
            (FollowUp.ESCALATE, "escalate_after"),
        ):
            if kind not in case.team_told:
                wanted[kind] = rules.due(case.handed_over_at, schedule.span(key))
    if case.worried_at is not None:
        wanted[FollowUp.CHECKIN_ESCALATE] = rules.due(
            case.worried_at, schedule.span("escalate_after")
        )
    if case.asked_at is not None:
        wanted[FollowUp.QUESTION] = rules.due(case.asked_at, schedule.span("question_timeout"))
    if case.appointment_at is not None and not case.appointment_reminded:
        wanted[FollowUp.APPOINTMENT] = rules.first_allowed(case.appointment_at - timedelta(days=1))
    if not case.reminders_off:
        if case.claimed_at is not None and not case.checked_in:
            wanted[FollowUp.CHECKIN] = _after_pause(
                rules.due(case.claimed_at, schedule.span("checkin_after")), case, rules
            )
        if case.stale_from is not None and not case.stale_asked:
            wanted[FollowUp.STALE] = _after_pause(
                rules.due(case.stale_from, schedule.span("stale_after")), case, rules
            )
    return sorted(Planned(at, kind, case.reference) for kind, at in wanted.items())


def _after_pause(due: datetime, case: Facts, rules: TimeRules) -> datetime:
    """A check-in the resident paused waits for the end of the pause."""
    if case.paused_until is None or case.paused_until <= due:
        return due
    return rules.first_allowed(case.paused_until)
