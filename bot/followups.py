"""Which follow-ups an initiative needs, and when. Pure rules: no clock, no database.

A follow-up is known by a job id made of its kind and the initiative's reference
(`unclaimed:2026-0042`), so planning it twice plans it once. Everything here is
derived again from the initiative's trail whenever it is needed: the trail is
the truth, the scheduler's job store only a list of alarm clocks.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.config import ScheduleSettings
from bot.timerules import TimeRules

UNCLAIMED = "unclaimed"
ESCALATE = "escalate"
KINDS = (UNCLAIMED, ESCALATE)
# For `initiatiefbot schedule list`.
DESCRIPTIONS = {
    UNCLAIMED: "remind the team that nobody took it up",
    ESCALATE: "tell the coordinators that nobody took it up",
}
# What each kind of follow-up leaves on the trail once it went out.
TRAIL_KIND = {UNCLAIMED: "reminded", ESCALATE: "escalated"}
# A team gets an initiative (again) with these: its clock starts over.
HANDED_TO_TEAM = frozenset({"routed", "forwarded", "released"})
WAITING = "submitted"


@dataclass(frozen=True)
class TrailEntry:
    kind: str
    at: datetime


@dataclass(frozen=True)
class Waiting:
    """Where an initiative stands for its follow-ups, read off its trail."""

    reference: str
    status: str
    handed_over_at: datetime | None  # when its current team got it
    done: frozenset[str]  # kinds of follow-up already sent since then


@dataclass(frozen=True, order=True)
class Planned:
    at: datetime
    kind: str
    reference: str

    @property
    def job_id(self) -> str:
        return job_id(self.kind, self.reference)


def job_id(kind: str, reference: str) -> str:
    return f"{kind}:{reference}"


def parse_job_id(text: str) -> tuple[str, str] | None:
    """The kind and reference of a job id, or None for an id that is not ours."""
    kind, _, reference = text.partition(":")
    return (kind, reference) if kind in KINDS and reference else None


def waiting(reference: str, status: str, trail: Iterable[TrailEntry]) -> Waiting:
    """Read the trail in order: a hand-over to a team resets what was sent."""
    handed_over_at: datetime | None = None
    done: set[str] = set()
    sent_as = {trail_kind: kind for kind, trail_kind in TRAIL_KIND.items()}
    for entry in trail:
        if entry.kind in HANDED_TO_TEAM:
            handed_over_at, done = entry.at, set()
        elif entry.kind in sent_as:
            done.add(sent_as[entry.kind])
    return Waiting(reference, status, handed_over_at, frozenset(done))


def plan(case: Waiting, rules: TimeRules, schedule: ScheduleSettings) -> list[Planned]:
    """The follow-ups still to come for `case`, each at its first allowed moment."""
    if case.status != WAITING or case.handed_over_at is None:
        return []
    spans = {UNCLAIMED: schedule.span("remind_after"), ESCALATE: schedule.span("escalate_after")}
    return sorted(
        Planned(rules.due(case.handed_over_at, span), kind, case.reference)
        for kind, span in spans.items()
        if kind not in case.done
    )


def find(planned: Sequence[Planned], wanted: str) -> Planned | None:
    return next((entry for entry in planned if entry.job_id == wanted), None)
