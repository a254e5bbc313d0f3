"""Which follow-ups an initiative needs, and when. Pure rules: no clock, no database.

Everything here is derived again from the initiative's trail whenever it is
needed: the trail is the truth, the scheduler's job store only a list of alarm
clocks (see `plans` for how a follow-up is named).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.cases.timerules import TimeRules
from bot.config.settings import ScheduleSettings, Span
from bot.followups.plans import FollowUp, Planned
from bot.vocabulary import ON_BEHALF, OPEN, PROMISED_UNTIL, CloseReason, Status, TrailKind

# What each kind of follow-up leaves on the trail once it went out.
TRAIL_KIND = {
    FollowUp.UNCLAIMED: TrailKind.REMINDED,
    FollowUp.ESCALATE: TrailKind.ESCALATED,
    FollowUp.CHECKIN: TrailKind.CHECKIN_SENT,
    FollowUp.CHECKIN_ESCALATE: TrailKind.CHECKIN_ESCALATED,
    FollowUp.STALE: TrailKind.STALE_SENT,
    FollowUp.QUESTION: TrailKind.QUESTION_UNANSWERED,
    FollowUp.APPOINTMENT: TrailKind.APPOINTMENT_REMINDED,
    FollowUp.YEARLY: TrailKind.YEARLY_SENT,
    FollowUp.RATING: TrailKind.RATING_ASKED,
}
# Check-in answers that call for the contact, and in time the coordinators.
WORRIED = frozenset({"no", "talk"})
# The key in a check-in's data that says which contact it was worded after.
AFTER = "after"
# A running initiative's initiator is asked this long after it was set running, and
# after each yearly question (answered or not).
EVERY_YEAR = Span(12, "months")
# The closes after which the initiator is asked how satisfied they are: not a withdrawal.
RATED_OUTCOMES = frozenset({CloseReason.DONE, CloseReason.NOT_FEASIBLE, CloseReason.RUNNING})


class Contact(StrEnum):
    """What last put the claiming contact in touch with the resident."""

    APPOINTMENT = "appointment"
    MESSAGE = "message"  # a message or a question


@dataclass(frozen=True, slots=True)
class LastContact:
    kind: Contact
    at: datetime  # the appointment's time, or when the message was written


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
    # When its teams' clock started: at routing, and again after a claim ends (a
    # release, or a forward by the contact who had it); an unclaimed forward keeps it.
    handed_over_at: datetime | None = None
    team_told: frozenset[FollowUp] = frozenset()  # UNCLAIMED, ESCALATE sent since then
    forwards: int = 0  # how often it went to another team
    resident_told_late: bool = False  # the one "the promised time passed" message went
    claimed_at: datetime | None = None
    # Since when the claiming contact is in touch: the claim, their last message or
    # question, or a planned appointment (its time, when that is later); and that entry.
    in_touch_at: datetime | None = None
    last_contact: TrailEntry | None = None
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
    # Handed in by a contact for a resident without a chat (the hand-in puts ON_BEHALF on
    # its "submitted" entry): its chat is the contact's, so nothing resident-facing.
    on_behalf: bool = False
    # Running: since when the next yearly question counts (set running, asked, answered).
    yearly_from: datetime | None = None
    yearly_unanswered: int = 0  # yearly questions sent since the last answer
    rated_close_at: datetime | None = None  # its first close the initiator may score
    rating_asked: bool = False


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
            state.on_behalf = ON_BEHALF in entry.data
        case TrailKind.CLOSED:
            if entry.data.get("outcome") == CloseReason.RUNNING:
                state.yearly_from = at
            if entry.data.get("outcome") in RATED_OUTCOMES and state.rated_close_at is None:
                state.rated_close_at = at
        case TrailKind.RATING_ASKED:
            state.rating_asked = True
        case TrailKind.YEARLY_SENT:
            state.yearly_from, state.yearly_unanswered = at, state.yearly_unanswered + 1
        case TrailKind.YEARLY_ANSWERED:
            state.yearly_from, state.yearly_unanswered = at, 0
        case TrailKind.FORWARDED if state.claimed_at is None:
            # Still nobody's: the clock runs on, and the coordinators told stay told;
            # only the new team has not been reminded yet.
            state.forwards += 1
            state.team_told -= {FollowUp.UNCLAIMED}
        case TrailKind.FORWARDED:  # by the contact who had it: their claim ends, as below
            state.forwards += 1
            _handed_over(state, at)
        case TrailKind.ROUTED | TrailKind.RELEASED:
            _handed_over(state, at)
        case TrailKind.CLAIMED:
            state.claimed_at, state.checked_in, state.worried_at = at, False, None
            state.in_touch_at, state.last_contact = at, None
        case TrailKind.REMINDED:
            state.team_told |= {FollowUp.UNCLAIMED}
        case TrailKind.ESCALATED:
            state.team_told |= {FollowUp.ESCALATE}
            state.resident_told_late |= PROMISED_UNTIL in entry.data
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
            _in_touch(state, entry, max(at, state.appointment_at or at))
        case TrailKind.APPOINTMENT_REMINDED:
            state.appointment_reminded = True
        # The contact writing to the resident (a reply, a question or an appointment
        # above) settles a worried check-in answer.
        case TrailKind.RELAYED_TO_RESIDENT:
            state.worried_at = None
            _in_touch(state, entry, at)
        case TrailKind.ASKED:
            state.worried_at, state.asked_at, state.question = None, at, entry
            _in_touch(state, entry, at)


def last_contact(case: Facts) -> LastContact | None:
    """What the check-in of `case` follows, other than the claim itself."""
    entry = case.last_contact
    if entry is None:
        return None
    if entry.kind == TrailKind.APPOINTMENT_PLANNED:
        return LastContact(Contact.APPOINTMENT, case.appointment_at or entry.at)
    return LastContact(Contact.MESSAGE, entry.at)


def _handed_over(state: Facts, at: datetime) -> None:
    """A team got it with nobody holding it: their clock starts now."""
    state.handed_over_at, state.team_told = at, frozenset()
    state.claimed_at = state.worried_at = state.in_touch_at = state.last_contact = None


def _in_touch(state: Facts, entry: TrailEntry, since: datetime) -> None:
    """The claiming contact wrote to the resident or planned to meet them: a check-in
    then waits its full time again, from this (see `plan`)."""
    if state.claimed_at is not None:
        state.in_touch_at, state.last_contact = since, entry


def plan(case: Facts, rules: TimeRules, schedule: ScheduleSettings) -> list[Planned]:
    """The follow-ups still to come for `case`, each at its first allowed moment."""
    if case.status not in OPEN:
        return _after_close(case, rules)
    wanted: dict[FollowUp, datetime] = {}
    if case.status == Status.SUBMITTED and case.handed_over_at is not None:
        for kind, key in (
            (FollowUp.UNCLAIMED, "remind_after"),
            (FollowUp.ESCALATE, "escalate_after"),
        ):
            if kind not in case.team_told:
                wanted[kind] = rules.due(case.handed_over_at, schedule.span(key))
        if FollowUp.UNCLAIMED in wanted:  # the teams' reminders go out bundled, mornings
            wanted[FollowUp.UNCLAIMED] = morning_round(
                wanted[FollowUp.UNCLAIMED], schedule.span("remind_after").unit == "hours", rules
            )
    if case.worried_at is not None:
        wanted[FollowUp.CHECKIN_ESCALATE] = rules.due(
            case.worried_at, schedule.span("escalate_after")
        )
    if case.asked_at is not None:
        wanted[FollowUp.QUESTION] = rules.due(case.asked_at, schedule.span("question_timeout"))
    # What goes to the initiator: never to the chat of a contact who handed it in for them.
    if not case.on_behalf:
        wanted.update(_to_initiator(case, rules, schedule))
    return sorted(Planned(at, kind, case.reference) for kind, at in wanted.items())


def _to_initiator(
    case: Facts, rules: TimeRules, schedule: ScheduleSettings
) -> dict[FollowUp, datetime]:
    """The open initiative's follow-ups for its initiator: their appointment tomorrow,
    and, unless they turned them off, the check-ins."""
    wanted: dict[FollowUp, datetime] = {}
    if case.appointment_at is not None and not case.appointment_reminded:
        wanted[FollowUp.APPOINTMENT] = rules.first_allowed(case.appointment_at - timedelta(days=1))
    if not case.reminders_off:
        if case.in_touch_at is not None and not case.checked_in:
            wanted[FollowUp.CHECKIN] = _after_pause(
                rules.due(case.in_touch_at, schedule.span("checkin_after")), case, rules
            )
        if case.stale_from is not None and not case.stale_asked:
            wanted[FollowUp.STALE] = _after_pause(
                rules.due(case.stale_from, schedule.span("stale_after")), case, rules
            )
    return wanted


def _after_close(case: Facts, rules: TimeRules) -> list[Planned]:
    """What a closed or running initiative's initiator is still asked, unless they turned
    the questions off (or have no chat: handed in on their behalf).

    How satisfied they are, once, the morning after the close: a moment to take the
    news in, and never in the quiet hours. While it runs, a year on, whether it still
    does: on a working day, as an answer may call for a contact. That one comes also
    when nobody can be asked (`asks_yearly`): then it closes the initiative instead, or
    its personal data would be kept for as long as nobody says it stopped.
    """
    wanted: list[Planned] = []
    if case.status == Status.RUNNING and case.yearly_from is not None:
        due = rules.working_start(rules.after(case.yearly_from, EVERY_YEAR))
        wanted.append(Planned(_after_pause(due, case, rules), FollowUp.YEARLY, case.reference))
    if case.on_behalf or case.reminders_off:
        return wanted
    if case.rated_close_at is not None and not case.rating_asked:
        day = case.rated_close_at.astimezone(rules.zone).date() + timedelta(days=1)
        due = _after_pause(morning(day, rules), case, rules)
        wanted.append(Planned(due, FollowUp.RATING, case.reference))
    return sorted(wanted)


# Yearly questions left unanswered before the bot stops asking and closes it.
MOST_UNANSWERED = 2


def asks_yearly(case: Facts) -> bool:
    """Whether the yearly question goes to the initiator, rather than closing it: they
    have a chat (not handed in for them), want questions, and answered one of the last."""
    return not (case.on_behalf or case.reminders_off or case.yearly_unanswered >= MOST_UNANSWERED)


def morning(day: date, rules: TimeRules) -> datetime:
    """The morning of `day`: when its quiet hours end, the teams' reminders go out."""
    return rules.first_allowed(datetime.combine(day, rules.quiet_until, rules.zone)).astimezone(UTC)


def morning_round(due: datetime, by_the_hour: bool, rules: TimeRules) -> datetime:
    """The morning round a reminder due at `due` goes out with: that day's, for a wait
    counted in days (it counts whole days); for one counted in hours, the first round
    after it, so it never goes early."""
    day = due.astimezone(rules.zone).date()
    at = morning(day, rules)
    return morning(day + timedelta(days=1), rules) if by_the_hour and at < due else at


def _after_pause(due: datetime, case: Facts, rules: TimeRules) -> datetime:
    """A check-in the resident paused waits for the end of the pause."""
    if case.paused_until is None or case.paused_until <= due:
        return due
    return rules.first_allowed(case.paused_until)
