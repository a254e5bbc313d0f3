"""What a follow-up does when its time comes, inside one transaction.

A job re-reads its initiative and plans again from the trail: when the
follow-up is no longer wanted it does nothing, when it is not due yet (or due in
quiet hours) it says when to come back, and otherwise it writes outbox rows and
a trail entry. The trail entry is what makes a second run, after a restart or
from a second process, find nothing left to do.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from operator import itemgetter

from sqlalchemy.orm import Session

from bot.accounts import initiator_chat, language_of, on_team
from bot.alike import filing
from bot.cases import on_behalf
from bot.cases.departures import let_go_of_all
from bot.cases.routing import team_of
from bot.cases.timerules import TimeRules
from bot.config.names import Names
from bot.config.settings import Team
from bot.followups import running, satisfaction, texts
from bot.followups.digest import DAILY, Digest
from bot.followups.followers import WEEKLY, Followers
from bot.followups.plans import FollowUp, Planned, find, parse_job_id
from bot.followups.rules import (
    AFTER,
    TRAIL_KIND,
    Facts,
    TrailEntry,
    asks_yearly,
    facts,
    last_contact,
    plan,
)
from bot.followups.team_reminders import TeamReminders
from bot.followups.trail_facts import facts_of
from bot.notices import Notice, Reply
from bot.outbox import rows as outbox
from bot.privacy.retention import Retention
from bot.returndays import from_config
from bot.returndays.desk import ReturnDays
from bot.texts.formatting import moment_in_words
from bot.vocabulary import CLOSED, PROMISED_UNTIL, UNFINISHED, Actor, Status
from storage import queries
from storage.models import Initiative
from storage.queries import TrailRow

# The closed initiatives planned at start: their satisfaction question may still come,
# put off by a pause of the initiator (`[schedule] pause_for`, 4 weeks by default).
RECENTLY_CLOSED = timedelta(days=90)


@dataclass(frozen=True)
class Firing:
    """What one run of a job came to: messages written, or a time to come back."""

    sent: int = 0
    later: datetime | None = None


class FollowUpJobs:
    """What each kind of job does when it fires, and which jobs are wanted now: the
    initiatives' follow-ups, return days' reminders, the digest and retention."""

    def __init__(self, names: Names, rules: TimeRules) -> None:
        self._names = names
        self._config = names.config
        self._rules = rules
        self._zone = names.config.bot.zone
        self.return_days = ReturnDays(names, rules)
        self.team_reminders = TeamReminders(names, rules)
        self.digest = Digest(names.config, rules)
        self.retention = Retention(names.config, rules)
        self.followers = Followers(names.config, rules)

    def planned(
        self, session: Session, subjects: Sequence[str] | None, now: datetime
    ) -> list[Planned]:
        """The follow-ups of these initiatives (by reference), return days (by number) and
        the calendar's jobs ("daily", "weekly"); None: all of them. Soonest first."""
        calendar = {DAILY, WEEKLY}
        references = (
            None
            if subjects is None
            else [s for s in subjects if not s.isdigit() and s not in calendar]
        )
        numbers = None if subjects is None else [int(s) for s in subjects if s.isdigit()]
        for_initiatives = (
            entry
            for case in _facts_of_rows(self._trails(session, references, now))
            for entry in plan(case, self._rules, self._config.schedule)
            # A satisfaction question the bot was down for too long is not asked late.
            if entry.kind != FollowUp.RATING or entry.at >= now - satisfaction.NOT_ASKED_AFTER
        )
        days: list[Planned] = []
        if subjects is None or calendar & set(subjects):
            days = [
                *self.digest.planned(session, now),
                *self.retention.planned(session, now),
                *self.followers.planned(session, now),
            ]
        initiatives = self.team_reminders.postponed(session, list(for_initiatives), now)
        return sorted([*initiatives, *self.return_days.planned(session, numbers), *days])

    def _trails(
        self, session: Session, references: Sequence[str] | None, now: datetime
    ) -> list[TrailRow]:
        """The trails to plan from: these initiatives whatever their status (a close
        plans its satisfaction question); for all, the unfinished ones and those closed
        recently enough to have that question still to come."""
        if references is not None:
            return list(queries.trails_in(session, list(Status), references))
        recent = now - RECENTLY_CLOSED
        return [
            *queries.trails_in(session, UNFINISHED, None),
            *queries.trails_in(session, CLOSED, None, changed_since=recent),
        ]

    def sync_config(self, session: Session, now: datetime) -> bool:
        """At start, what the config file changed brought into the database: its return
        days, and the initiatives held by contacts no longer on their team given back
        (`departures`); and the words of initiatives from before similar ones were
        looked for, filed. Whether anything changed or is to be sent."""
        filing.file_the_rest(session)
        changed_days = from_config.sync(self.return_days, session, now)
        given_back = let_go_of_all(session, self._config, now)
        outbox.write(session, given_back, now)
        return bool(changed_days or given_back)

    def fire(self, session: Session, job_id: str, now: datetime) -> Firing:
        parsed = parse_job_id(job_id)
        if parsed is None:
            return Firing()
        if parsed.kind == FollowUp.DIGEST:
            return self._once_a_day(session, self.digest, now)
        if parsed.kind == FollowUp.RETENTION:
            return self._once_a_day(session, self.retention, now)
        if parsed.kind == FollowUp.FOLLOWERS:
            return self._once_a_day(session, self.followers, now)
        if parsed.kind == FollowUp.RETURN_DAY:
            sent, later = self.return_days.fire(session, int(parsed.subject), parsed.part, now)
            return Firing(sent, later)
        kind = parsed.kind
        initiative = queries.find_initiative(session, parsed.subject)
        if initiative is None:
            return Firing()
        case = facts_of(initiative, queries.trail(session, initiative.id))
        due = find(plan(case, self._rules, self._config.schedule), job_id)
        if due is None:
            return Firing()  # taken up, answered, closed or already sent: nothing to do
        later = self._rules.not_yet(due.at, now)
        if later is not None:
            return Firing(later=later)
        if kind == FollowUp.UNCLAIMED:  # the team's morning round, which writes the trail
            team = self._team(initiative)
            morning = self.team_reminders.round(session, initiative, team, now)
            return Firing(outbox.write(session, morning.notices, now), morning.later)
        if kind == FollowUp.YEARLY and not (
            asks_yearly(case) and on_behalf.initiator_has_a_chat(initiative)
        ):  # nobody to ask: a year on it is closed, and its retention clock starts
            told = running.close_unheard(session, self._config, initiative, now)
            return Firing(outbox.write(session, told, now))
        data: dict[str, object] = {"team": team_of(self._config, initiative.team).key}
        notices: list[Notice] = []
        if (
            kind == FollowUp.APPOINTMENT
            and case.appointment_at is not None
            and case.appointment_at <= now
        ):
            data["skipped"] = "the appointment has passed"  # the bot was down too long
        else:
            notices = self._notices(kind, initiative, case, data, now)
        outbox.write(session, notices, now)
        queries.add_event(session, initiative, TRAIL_KIND[kind], Actor.BOT, now, data)
        return Firing(sent=len(notices))

    def _once_a_day(
        self, session: Session, job: Digest | Retention | Followers, now: datetime
    ) -> Firing:
        """A job of the calendar: its day's run once it is due (and out of quiet hours)."""
        planned = job.planned(session, now)
        if not planned:
            return Firing()  # switched off in the config
        due = planned[0]
        later = self._rules.not_yet(due.at, now)
        if later is not None:
            return Firing(later=later)
        return Firing(sent=job.run(session, due.at, now))

    def _notices(
        self,
        kind: FollowUp,
        initiative: Initiative,
        case: Facts,
        data: dict[str, object],
        now: datetime,
    ) -> list[Notice]:
        """What `kind` says; `data`, the trail entry's, learns what was said (an
        escalation's new date for the resident, the kind of check-in)."""
        if kind == FollowUp.ESCALATE:
            return self._escalate(initiative, case, data, now)
        if kind == FollowUp.CHECKIN:
            return self._checkin(initiative, case, data)
        write = {
            FollowUp.CHECKIN_ESCALATE: self._checkin_escalate,
            FollowUp.STALE: self._stale,
            FollowUp.QUESTION: self._question,
            FollowUp.APPOINTMENT: self._appointment,
            FollowUp.YEARLY: running.yearly_question,
            FollowUp.RATING: satisfaction.question,
        }[kind]
        return write(initiative, case)

    def _team(self, initiative: Initiative) -> Team:
        return team_of(self._config, initiative.team)

    def _escalate(
        self, initiative: Initiative, case: Facts, data: dict[str, object], now: datetime
    ) -> list[Notice]:
        """To the coordinators; and the first time, to the resident: the time the next
        steps promised them has passed (it is the escalation time), with a new date."""
        team, since = self._team(initiative), case.handed_over_at or initiative.created_at
        forwards = case.forwards
        notices = self._to_coordinators(
            team,
            lambda locale: texts.escalation(
                initiative, team.name, since, forwards, self._zone, locale
            ),
        )
        if case.resident_told_late or case.on_behalf:  # no initiator's chat to tell
            return notices
        promised = self._rules.due(now, self._config.schedule.span("escalate_after"))
        data[PROMISED_UNTIL] = promised.isoformat()
        today = now.astimezone(self._zone).date()
        late = texts.promise_passed(initiative, promised, self._zone, initiative.locale, today)
        return [*notices, Notice(initiator_chat(initiative), Reply(late))]

    def _checkin(
        self, initiative: Initiative, case: Facts, data: dict[str, object]
    ) -> list[Notice]:
        """Worded after the last contact there was: an appointment, a message, or none."""
        name, locale = initiative.claimed_by_name or "", initiative.locale
        contact = last_contact(case)
        if contact is None:
            team = self._team(initiative).name
            question = texts.checkin_question(initiative, name, team, locale)
        else:
            data[AFTER] = contact.kind.value
            question = texts.checkin_after_contact(initiative, name, contact, self._zone, locale)
        return [Notice(initiator_chat(initiative), question)]

    def _checkin_escalate(self, initiative: Initiative, case: Facts) -> list[Notice]:
        answered = case.worried_at or initiative.updated_at
        name, forwards = initiative.claimed_by_name or "", case.forwards
        return self._to_coordinators(
            self._team(initiative),
            lambda locale: texts.checkin_escalation(
                initiative, name, answered, forwards, self._zone, locale
            ),
        )

    def _stale(self, initiative: Initiative, case: Facts) -> list[Notice]:
        question = texts.stale_question(initiative, self._zone, initiative.locale)
        return [Notice(initiator_chat(initiative), question)]

    def _question(self, initiative: Initiative, case: Facts) -> list[Notice]:
        """To the contact who asked; one who left the team hears nothing (the trail
        keeps it, and the team got the initiative back)."""
        assert case.question is not None
        asker, asked = case.question.actor, case.question.at
        if not on_team(self._config, asker, self._team(initiative).key):
            return []
        locale = language_of(self._config, asker)
        text = texts.question_unanswered(initiative.reference, asked, self._zone, locale)
        return [Notice(asker, Reply(text))]

    def _appointment(self, initiative: Initiative, case: Facts) -> list[Notice]:
        assert case.appointment is not None
        planned = case.appointment
        reminder = texts.appointment_reminder(
            initiative.reference,
            str(planned.data.get("name", "")),
            moment_in_words(case.appointment_at or planned.at, self._zone, initiative.locale),
            str(planned.data.get("place", "")),
            initiative.locale,
        )
        return [Notice(initiator_chat(initiative), reminder)]

    def _to_coordinators(self, team: Team, text: Callable[[str], Reply]) -> list[Notice]:
        """To every coordinator privately; with none, to the team: never to nobody."""
        coordinators = self._config.routing.coordinators
        if not coordinators:
            return [Notice(chat, text(team.language)) for chat in team.notify]
        reply = text(self._config.bot.default_language)
        return [Notice(person.account, reply) for person in coordinators]


def _facts_of_rows(rows: Iterable[TrailRow]) -> Iterator[Facts]:
    """The facts of each initiative in `rows`, as `queries.trails_in` reads them: an
    initiative's events together, in the order written (see `facts_of`)."""
    for _, trail in groupby(rows, key=itemgetter(0)):
        events = list(trail)
        _, reference, status, *_ = events[0]
        entries = (TrailEntry(kind, at, data, actor) for _, _, _, kind, at, data, actor in events)
        yield facts(reference, status, entries)
