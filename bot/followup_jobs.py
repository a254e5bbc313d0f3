"""What a follow-up does when its time comes, inside one transaction.

A job re-reads its initiative and plans again from the trail: when the
follow-up is no longer wanted it does nothing, when it is not due yet (or due in
quiet hours) it says when to come back, and otherwise it writes outbox rows and
a trail entry. The trail entry is what makes a second run, after a restart or
from a second process, find nothing left to do.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot import team_texts
from bot.accounts import split_address
from bot.followups import (
    ESCALATE,
    TRAIL_KIND,
    UNCLAIMED,
    Planned,
    TrailEntry,
    Waiting,
    find,
    parse_job_id,
    plan,
    waiting,
)
from bot.names import Names
from bot.outbox import to_payload
from bot.timerules import TimeRules
from bot.turns import Notice
from storage import queries
from storage.models import Initiative, InitiativeEvent

BOT = "bot"


@dataclass(frozen=True)
class Firing:
    """What one run of a job came to: messages written, or a time to come back."""

    sent: int = 0
    later: datetime | None = None


def case_of(initiative: Initiative, trail: Sequence[InitiativeEvent]) -> Waiting:
    # In the order written, which is the order things happened even when two
    # processes' clocks disagree by a little.
    in_order = sorted(trail, key=lambda event: event.id)
    entries = (TrailEntry(event.kind, event.at) for event in in_order)
    return waiting(initiative.reference, initiative.status, entries)


class FollowUpJobs:
    def __init__(self, names: Names, rules: TimeRules) -> None:
        self._names = names
        self._config = names.config
        self._rules = rules

    def planned(self, session: Session, references: Sequence[str] | None) -> list[Planned]:
        """The follow-ups of these initiatives (None: of every open one), soonest first."""
        initiatives = (
            queries.open_initiatives(session, None)
            if references is None
            else queries.initiatives_by_reference(session, references)
        )
        trails = queries.trails(session, [initiative.id for initiative in initiatives])
        return sorted(
            entry
            for initiative in initiatives
            for entry in plan(
                case_of(initiative, trails.get(initiative.id, [])),
                self._rules,
                self._config.schedule,
            )
        )

    def fire(self, session: Session, job_id: str, now: datetime) -> Firing:
        parsed = parse_job_id(job_id)
        if parsed is None:
            return Firing()
        initiative = queries.find_initiative(session, parsed[1])
        if initiative is None:
            return Firing()
        case = case_of(initiative, queries.trail(session, initiative.id))
        due = find(plan(case, self._rules, self._config.schedule), job_id)
        if due is None:
            return Firing()  # claimed, closed or already sent: nothing left to do
        if due.at > now:
            return Firing(later=due.at)
        if self._rules.is_quiet(now):  # late, e.g. after a night of downtime
            return Firing(later=self._rules.first_allowed(now))
        notices = self._notices(parsed[0], initiative, case)
        for notice in notices:
            channel, chat_id = split_address(notice.chat)
            queries.enqueue(session, channel, chat_id, to_payload(notice.reply), now)
        team = initiative.team or self._config.routing.fallback_team
        queries.add_event(session, initiative, TRAIL_KIND[parsed[0]], BOT, now, {"team": team})
        return Firing(sent=len(notices))

    def _notices(self, kind: str, initiative: Initiative, case: Waiting) -> list[Notice]:
        team = self._config.team(initiative.team or self._config.routing.fallback_team)
        since = case.handed_over_at or initiative.created_at
        zone = self._config.bot.zone
        if kind == UNCLAIMED:
            reminder = team_texts.unclaimed_reminder(initiative, since, zone, team.language)
            return [Notice(chat, reminder) for chat in team.notify]
        assert kind == ESCALATE
        coordinators = self._config.routing.coordinators
        if not coordinators:  # nobody above the team: the team hears it, it is not lost
            text = team_texts.escalation(initiative, team.name, since, zone, team.language)
            return [Notice(chat, text) for chat in team.notify]
        language = self._config.bot.default_language
        text = team_texts.escalation(initiative, team.name, since, zone, language)
        return [Notice(person.account, text) for person in coordinators]
