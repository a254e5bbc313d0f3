"""Which follow-ups an initiative needs, and when. Pure rules: no clock, no database.

A follow-up is known by a job id made of its kind and the initiative's reference
(`unclaimed:2026-0042`), so planning it twice plans it once. Everything here is
derived again from the initiative's trail whenever it is needed: the trail is
the truth, the scheduler's job store only a list of alarm clocks.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.config.settings import ScheduleSettings
from bot.followups.timerules import TimeRules

# To the team: nobody took it up; to the coordinators: still nobody.
UNCLAIMED = "unclaimed"
ESCALATE = "escalate"
# To the resident: has the contact been in touch? And after a worried answer, to the
# coordinators when the contact still did not write.
CHECKIN = "checkin"
CHECKIN_ESCALATE = "checkin-escalate"
# To the resident: still open after a long time; how is it going?
STALE = "stale"
# To the contact: the resident did not answer their question.
QUESTION = "question"
# To the resident: their appointment with the contact is tomorrow.
APPOINTMENT = "appointment"
# To those invited to a return day: a reminder, before it, with their RSVP buttons.
RETURN_DAY = "returnday"
# To the coordinators, once a day, when something is wrong.
DIGEST = "digest"
# Once a day: personal data whose retention period ended goes, with a warning before.
RETENTION = "retention"
INITIATIVE_KINDS = (UNCLAIMED, ESCALATE, CHECKIN, CHECKIN_ESCALATE, STALE, QUESTION, APPOINTMENT)
DAILY_KINDS = (DIGEST, RETENTION)
KINDS = (*INITIATIVE_KINDS, RETURN_DAY, *DAILY_KINDS)
# For `initiatiefbot schedule list`.
DESCRIPTIONS = {
    UNCLAIMED: "remind the team that nobody took it up",
    ESCALATE: "tell the coordinators that nobody took it up",
    CHECKIN: "ask the initiator whether the contact has been in touch",
    CHECKIN_ESCALATE: "tell the coordinators the initiator is still waiting for the contact",
    STALE: "ask the initiator how the long-open initiative is going",
    QUESTION: "tell the contact their question was not answered",
    APPOINTMENT: "remind the initiator of their appointment tomorrow",
    RETURN_DAY: "remind those invited to the return day (number: reminder)",
    DIGEST: "the coordinators' daily digest, if anything is wrong",
    RETENTION: "warn of and erase personal data whose retention period ended",
}
# What each kind of follow-up leaves on the trail once it went out.
TRAIL_KIND = {
    UNCLAIMED: "reminded",
    ESCALATE: "escalated",
    CHECKIN: "checkin_sent",
    CHECKIN_ESCALATE: "checkin_escalated",
    STALE: "stale_sent",
    QUESTION: "question_unanswered",
    APPOINTMENT: "appointment_reminded",
}
OPEN = frozenset({"submitted", "claimed"})
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
    team_told: frozenset[str] = frozenset()  # UNCLAIMED, ESCALATE sent since then
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


@dataclass(frozen=True, order=True)
class Planned:
    """One follow-up: its kind, what it is about (an initiative's reference or a
    return day's number) and, for a return day, which of its reminders."""

    at: datetime
    kind: str
    subject: str
    part: str = ""

    @property
    def job_id(self) -> str:
        return f"{self.kind}:{self.subject}" + (f":{self.part}" if self.part else "")


@dataclass(frozen=True)
class JobId:
    kind: str
    subject: str
    part: str = ""


def parse_job_id(text: str) -> JobId | None:
    """What a job id names, or None for an id that is not ours."""
    kind, _, rest = text.partition(":")
    subject, _, part = rest.partition(":")
    if kind not in KINDS or not subject:
        return None
    if kind == RETURN_DAY and not (subject.isdigit() and part.isdigit()):
        return None
    return JobId(kind, subject, part)


def job_ids_about(subjects: Iterable[str]) -> tuple[list[str], list[str]]:
    """Where the job store keeps the jobs of the shapes we plan about these subjects: the
    ids of one-part jobs, and how the ids of return day reminders (`returnday:3:0`) begin."""
    ids = [f"{kind}:{subject}" for subject in subjects for kind in KINDS if kind != RETURN_DAY]
    prefixes = [f"{RETURN_DAY}:{subject}:" for subject in subjects if subject.isdigit()]
    return ids, prefixes


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
        case "submitted":
            state.created_at = state.stale_from = at
        case "routed" | "forwarded" | "released":
            state.handed_over_at, state.team_told = at, frozenset()
            state.claimed_at = state.worried_at = None
        case "claimed":
            state.claimed_at, state.checked_in, state.worried_at = at, False, None
        case "reminded" | "escalated":
            state.team_told |= {UNCLAIMED if kind == "reminded" else ESCALATE}
        case "checkin_sent":
            state.checked_in = True
        case "checkin_answered" if entry.data.get("answer") in WORRIED:
            state.worried_at = at
        case "checkin_escalated":
            state.worried_at = None
        case "stale_sent":
            state.stale_asked = True
        case "ask_again" if entry.data.get("answer") == "yes":
            state.stale_from, state.stale_asked = at, False
        case "paused":
            state.paused_until = _moment(entry.data.get("until"))
        case "reminders_off":
            state.reminders_off = True
        case "reminders_on":
            state.reminders_off, state.paused_until = False, None
        case "relayed_to_contact" | "question_unanswered":
            state.asked_at = None
        case "appointment_planned":
            state.worried_at, state.appointment = None, entry
            state.appointment_at = _moment(entry.data.get("at"))
            state.appointment_reminded = False
        case "appointment_reminded":
            state.appointment_reminded = True
        # The contact writing to the resident (a reply, a question or an appointment
        # above) settles a worried check-in answer.
        case "relayed_to_resident":
            state.worried_at = None
        case "asked":
            state.worried_at, state.asked_at, state.question = None, at, entry


def plan(case: Facts, rules: TimeRules, schedule: ScheduleSettings) -> list[Planned]:
    """The follow-ups still to come for `case`, each at its first allowed moment."""
    if case.status not in OPEN:
        return []
    wanted: dict[str, datetime] = {}
    if case.status == "submitted" and case.handed_over_at is not None:
        for kind, key in ((UNCLAIMED, "remind_after"), (ESCALATE, "escalate_after")):
            if kind not in case.team_told:
                wanted[kind] = rules.due(case.handed_over_at, schedule.span(key))
    if case.worried_at is not None:
        wanted[CHECKIN_ESCALATE] = rules.due(case.worried_at, schedule.span("escalate_after"))
    if case.asked_at is not None:
        wanted[QUESTION] = rules.due(case.asked_at, schedule.span("question_timeout"))
    if case.appointment_at is not None and not case.appointment_reminded:
        wanted[APPOINTMENT] = rules.first_allowed(case.appointment_at - timedelta(days=1))
    if not case.reminders_off:
        if case.claimed_at is not None and not case.checked_in:
            wanted[CHECKIN] = _after_pause(
                rules.due(case.claimed_at, schedule.span("checkin_after")), case, rules
            )
        if case.stale_from is not None and not case.stale_asked:
            wanted[STALE] = _after_pause(
                rules.due(case.stale_from, schedule.span("stale_after")), case, rules
            )
    return sorted(Planned(at, kind, case.reference) for kind, at in wanted.items())


def _after_pause(due: datetime, case: Facts, rules: TimeRules) -> datetime:
    """A check-in the resident paused waits for the end of the pause."""
    if case.paused_until is None or case.paused_until <= due:
        return due
    return rules.first_allowed(case.paused_until)


def find(planned: Sequence[Planned], wanted: str) -> Planned | None:
    return next((entry for entry in planned if entry.job_id == wanted), None)
