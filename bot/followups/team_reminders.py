"""The teams' morning reminders: one message per team chat, listing every initiative
that still waits for someone to take it up, instead of one message each.

Each initiative keeps its own `unclaimed` job, planned for the morning round of the
day its reminder falls due (`rules.morning_round`). The first of a team's jobs to fire
on a morning writes the round: every initiative of the team whose reminder is due
gets its `reminded` trail entry, so their own jobs find nothing left to do, and the
ones reminded before that still wait are listed again. A team's morning is taken as an
event of its day in `processed_events`, so two processes never both send one.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.cases.routing import team_of
from bot.cases.timerules import TimeRules
from bot.config.names import Names
from bot.config.settings import Team
from bot.followups import texts
from bot.followups.plans import FollowUp, Planned
from bot.followups.rules import Facts, morning, plan
from bot.followups.trail_facts import facts_of
from bot.notices import Notice
from bot.vocabulary import Actor, Status, TrailKind
from storage import queries
from storage.models import Initiative

# The pseudo channel under which a team's mornings are kept, one event per local day.
CHANNEL = "reminders"
UNCLAIMED = FollowUp.UNCLAIMED
# How an initiative comes to a team other than by routing at hand-in.
HANDED_OVER = (TrailKind.FORWARDED,)


@dataclass(frozen=True, slots=True)
class Round:
    """What a team's morning round came to: its messages, or the next morning."""

    notices: list[Notice]
    later: datetime | None = None


class TeamReminders:
    def __init__(self, names: Names, rules: TimeRules) -> None:
        self._names = names
        self._config = names.config
        self._rules = rules

    def round(self, session: Session, due: Initiative, team: Team, now: datetime) -> Round:
        """This morning's round of `team`, once a day, for `due` and all else that waits;
        a reminder that falls due after the team's round went out waits for the next
        working morning."""
        today = now.astimezone(self._rules.zone).date()
        if not self._rules.is_working_day(today):  # a wait in days may end on a Saturday
            return Round([], self._rules.working_start(morning(today, self._rules)))
        if not queries.mark_processed(session, CHANNEL, self._morning_of(team.key, now), now):
            return Round([], self._next_morning(now))
        waiting = self._waiting(session, due, team, now)
        if not waiting:
            return Round([])
        for initiative, case in waiting:
            if UNCLAIMED not in case.team_told:
                data = {"team": team.key}
                queries.add_event(session, initiative, TrailKind.REMINDED, Actor.BOT, now, data)
        initiatives = [initiative for initiative, _ in waiting]
        reminder = texts.team_reminder(self._names, initiatives, now, team.language)
        return Round([Notice(chat, reminder) for chat in team.notify])

    def postponed(
        self, session: Session, planned: Sequence[Planned], now: datetime
    ) -> list[Planned]:
        """`planned`, with each reminder that is due now moved to the round it goes out
        with: a team's reminders go in its morning round, on a working day. One due at
        night or on a day off waits for the next working morning; one whose team's
        round went today, or that came to the team today (the forward itself told the
        team), for the next. Left due, its job would fire, find no round to join, and be
        planned in the past again at every replanning."""
        due = {entry.subject for entry in planned if entry.kind == UNCLAIMED and entry.at <= now}
        if not due:
            return list(planned)
        found = queries.teams_of(session, due, HANDED_OVER)
        teams = {ref: team_of(self._config, team).key for ref, (team, _) in found.items()}
        went = {
            key
            for key in set(teams.values())
            if queries.was_processed(session, CHANNEL, self._morning_of(key, now))
        }
        today = now.astimezone(self._rules.zone).date()
        this_morning = self._rules.working_start(morning(today, self._rules))
        next_morning = self._next_morning(now)

        def round_of(reference: str) -> datetime | None:
            """When a due reminder goes; None: now, in a round made up for the morning."""
            if this_morning > now:  # before the morning, or not a working day
                return this_morning
            came = found.get(reference, (None, None))[1]
            if teams.get(reference) in went or (
                came and came.astimezone(self._rules.zone).date() == today
            ):
                return next_morning
            return None

        moved: list[Planned] = []
        for entry in planned:
            later = (
                round_of(entry.subject)
                if entry.subject in due and entry.kind == UNCLAIMED
                else None
            )
            moved.append(replace(entry, at=later) if later is not None else entry)
        return moved

    def _morning_of(self, team_key: str, now: datetime) -> str:
        """The event id of the team's round on the day of `now`."""
        return f"{team_key}:{now.astimezone(self._rules.zone).date().isoformat()}"

    def _next_morning(self, now: datetime) -> datetime:
        tomorrow = now.astimezone(self._rules.zone).date() + timedelta(days=1)
        return self._rules.working_start(morning(tomorrow, self._rules))

    def _waiting(
        self, session: Session, due: Initiative, team: Team, now: datetime
    ) -> list[tuple[Initiative, Facts]]:
        """The team's initiatives nobody took up whose reminder is due or was sent."""
        unclaimed = list(queries.initiatives_in(session, {Status.SUBMITTED}, [team.key]))
        if due not in unclaimed:  # stored before it had a team: the fallback team has it
            unclaimed.insert(0, due)
        trails = queries.trails(session, [initiative.id for initiative in unclaimed])
        schedule = self._config.schedule
        waiting: list[tuple[Initiative, Facts]] = []
        for initiative in unclaimed:
            case = facts_of(initiative, trails.get(initiative.id, []))
            planned = plan(case, self._rules, schedule)
            reminder = next((entry for entry in planned if entry.kind == UNCLAIMED), None)
            if UNCLAIMED in case.team_told or (reminder is not None and reminder.at <= now):
                waiting.append((initiative, case))
        return waiting
