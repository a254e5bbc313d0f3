"""The follow-ups' vocabulary: their kinds, one planned follow-up, and its job id.

A follow-up is known by a job id made of its kind and its subject, an initiative's
reference (`unclaimed:2026-0042`) or a return day's number with the reminder's
index (`returnday:7:0`), so planning it twice plans it once. Every feature that
plans follow-ups speaks this, and the scheduler that fires them reads it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class FollowUp(StrEnum):
    """A kind of follow-up; the value begins its job ids, so it may never change."""

    # To the team: nobody took it up; to the coordinators: still nobody.
    UNCLAIMED = "unclaimed"
    ESCALATE = "escalate"
    # To the resident: has the contact been in touch? And after a worried answer, to
    # the coordinators when the contact still did not write.
    CHECKIN = "checkin"
    CHECKIN_ESCALATE = "checkin-escalate"
    # To the resident: still open after a long time; how is it going?
    STALE = "stale"
    # To the contact: the resident did not answer their question.
    QUESTION = "question"
    # To the resident: their appointment with the contact is tomorrow.
    APPOINTMENT = "appointment"
    # To the resident of an initiative that runs on by itself: a year on, does it still?
    YEARLY = "yearly"
    # To the resident, the morning after the close: how satisfied are they, 1 to 5?
    RATING = "rating"
    # To those invited to a return day: a reminder, before it, with their RSVP buttons.
    RETURN_DAY = "returnday"
    # To the coordinators, once a day, when something is wrong.
    DIGEST = "digest"
    # Once a day: personal data whose retention period ended goes, with a warning before.
    RETENTION = "retention"
    # Once a week, to the followers of areas: what happened to the initiatives there.
    FOLLOWERS = "followers"


INITIATIVE_KINDS = (
    FollowUp.UNCLAIMED,
    FollowUp.ESCALATE,
    FollowUp.CHECKIN,
    FollowUp.CHECKIN_ESCALATE,
    FollowUp.STALE,
    FollowUp.QUESTION,
    FollowUp.APPOINTMENT,
    FollowUp.YEARLY,
    FollowUp.RATING,
)
# The jobs of the calendar rather than of an initiative or a return day.
DAILY_KINDS = (FollowUp.DIGEST, FollowUp.RETENTION, FollowUp.FOLLOWERS)
# For `initiatiefbot schedule list`.
DESCRIPTIONS = {
    FollowUp.UNCLAIMED: "remind the team that nobody took it up",
    FollowUp.ESCALATE: "tell the coordinators that nobody took it up",
    FollowUp.CHECKIN: "ask the initiator whether the contact has been in touch",
    FollowUp.CHECKIN_ESCALATE: "tell the coordinators the initiator still waits for the contact",
    FollowUp.STALE: "ask the initiator how the long-open initiative is going",
    FollowUp.QUESTION: "tell the contact their question was not answered",
    FollowUp.APPOINTMENT: "remind the initiator of their appointment tomorrow",
    FollowUp.YEARLY: "ask the initiator whether their running initiative still runs",
    FollowUp.RATING: "ask the initiator how satisfied they are, after the close",
    FollowUp.RETURN_DAY: "remind those invited to the return day",
    FollowUp.DIGEST: "the coordinators' daily digest, if anything is wrong",
    FollowUp.RETENTION: "warn of and erase personal data whose retention period ended",
    FollowUp.FOLLOWERS: "the followers' weekly news of their areas",
}


@dataclass(frozen=True, order=True)
class Planned:
    """One follow-up: its kind, what it is about (an initiative's reference or a
    return day's number) and, for a return day, which of its reminders."""

    at: datetime
    kind: FollowUp
    subject: str
    part: str = ""

    @property
    def job_id(self) -> str:
        return f"{self.kind}:{self.subject}" + (f":{self.part}" if self.part else "")


@dataclass(frozen=True)
class JobId:
    kind: FollowUp
    subject: str
    part: str = ""


def parse_job_id(text: str) -> JobId | None:
    """What a job id names, or None for an id that is not ours."""
    kind, _, rest = text.partition(":")
    subject, _, part = rest.partition(":")
    if kind not in FollowUp.__members__.values() or not subject:
        return None
    if kind == FollowUp.RETURN_DAY and not (subject.isdigit() and part.isdigit()):
        return None
    return JobId(FollowUp(kind), subject, part)


def job_ids_about(subjects: Iterable[str]) -> tuple[list[str], list[str]]:
    """Where the job store keeps the jobs of the shapes we plan about these subjects: the
    ids of one-part jobs, and how the ids of return day reminders (`returnday:3:0`) begin."""
    ids = [
        f"{kind}:{subject}"
        for subject in subjects
        for kind in FollowUp
        if kind is not FollowUp.RETURN_DAY
    ]
    prefixes = [f"{FollowUp.RETURN_DAY}:{subject}:" for subject in subjects if subject.isdigit()]
    return ids, prefixes


def find(planned: Sequence[Planned], wanted: str) -> Planned | None:
    return next((entry for entry in planned if entry.job_id == wanted), None)
