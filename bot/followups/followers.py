"""The followers' weekly message: what happened to the initiatives of their areas.

A follower (`[[followers]]` in the config: a dorpsraad, a wijkprofessional, a partner
organisation) reads along without acting. Once a week each of its chats gets the
initiatives of its areas that were handed in, taken up or closed in the seven days
before the week's day, by title and status only: no names, no contact details, no
words of the resident beyond the title, and nothing of an erased initiative. A week
with nothing to tell sends nothing.

Who gets it is read from the config at each run, never stored: a follower removed
from the config gets nothing more. A week that ran is an event of its day in
`processed_events`, as the daily jobs keep theirs (`daily`): it runs once across
restarts and processes, and a week missed while the bot was down is sent once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import IntEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cases.receipts import status_name
from bot.cases.timerules import TimeRules
from bot.config.settings import WEEKDAYS, Config, Follower
from bot.followups.plans import FollowUp, Planned
from bot.notices import Notice, Reply
from bot.outbox import rows as outbox
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations
from bot.vocabulary import TrailKind
from storage import queries
from storage.models import Initiative, InitiativeEvent

WEEKLY = "weekly"  # the subject of its job: followers:weekly
# Its weeks are kept as events of this pseudo channel, by the ISO date of their day.
CHANNEL = "followers"
WEEK = timedelta(days=7)


class Step(IntEnum):
    """How far an initiative came in a week; it is told under the furthest."""

    NEW = 1
    TAKEN_UP = 2
    CLOSED = 3


STEPS = {
    TrailKind.SUBMITTED: Step.NEW,
    TrailKind.CLAIMED: Step.TAKEN_UP,
    TrailKind.CLOSED: Step.CLOSED,
    TrailKind.WITHDRAWN: Step.CLOSED,
}


@dataclass(frozen=True, slots=True)
class Happened:
    """One initiative's week, as a follower may read it."""

    title: str
    area: str
    status: str
    step: Step


class Followers:
    """The weekly message to the followers of areas."""

    def __init__(self, config: Config, rules: TimeRules) -> None:
        self._config = config
        self._rules = rules
        self._weekday = WEEKDAYS.index(config.schedule.followers_day)

    def planned(self, session: Session, now: datetime) -> list[Planned]:
        """This week's message, unless it went out already; none without followers."""
        if not self._config.followers:
            return []
        last = queries.last_processed(session, CHANNEL)
        day = self._day_of(now)
        if last is not None and date.fromisoformat(last) >= day:
            day += WEEK
        at = time.fromisoformat(self._config.schedule.followers_at)
        due = self._rules.first_allowed(datetime.combine(day, at, self._rules.zone))
        return [Planned(due, FollowUp.FOLLOWERS, WEEKLY)]

    def run(self, session: Session, due: datetime, now: datetime) -> int:
        """The message of the week `due` falls in, once, to every follower with news in
        its areas; how many messages it wrote."""
        day = self._day_of(due)
        if not queries.mark_processed(session, CHANNEL, day.isoformat(), now):
            return 0
        areas = {area for follower in self._config.followers for area in follower.areas}
        week = happened(session, areas, self._at_midnight(day - WEEK), self._at_midnight(day))
        notices: list[Notice] = []
        for follower in self._config.followers:
            news = [entry for entry in week if entry.area in follower.areas]
            if news:
                reply = Reply(self.text(follower, news, day))
                notices.extend(Notice(chat, reply) for chat in follower.chats)
        return outbox.write(session, notices, now)

    def text(self, follower: Follower, news: Sequence[Happened], day: date) -> str:
        """The message for `follower` of the seven days before `day`."""
        locale = follower.language
        _ = translations(locale).gettext
        names = {area.key: area.name for area in self._config.areas}
        first, last = self._at_midnight(day - WEEK), self._at_midnight(day - timedelta(days=1))
        lines = [
            _("Weekly news for {name}: initiatives in {areas}, {first} to {last}.").format(
                name=follower.name,
                areas=", ".join(names[key] for key in follower.areas),
                first=date_in_words(first, self._rules.zone, locale),
                last=date_in_words(last, self._rules.zone, locale),
            )
        ]
        headings = {Step.NEW: _("New:"), Step.TAKEN_UP: _("Taken up:"), Step.CLOSED: _("Closed:")}
        for step, heading in headings.items():
            entries = [entry for entry in news if entry.step == step]
            if entries:
                lines.append(heading)
            for entry in entries:
                # The area only tells something to who follows more than one.
                where = f" ({names[entry.area]})" if len(follower.areas) > 1 else ""
                status = status_name(entry.status, locale)
                lines.append(f"\u2022 \u201c{entry.title}\u201d{where}: {status}")
        return "\n".join(lines)

    def _day_of(self, moment: datetime) -> date:
        """The week's day (`followers_day`) on or before `moment`'s local date."""
        local = moment.astimezone(self._rules.zone).date()
        return local - timedelta(days=(local.weekday() - self._weekday) % 7)

    def _at_midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), self._rules.zone)


def happened(
    session: Session, areas: Iterable[str], start: datetime, end: datetime
) -> list[Happened]:
    """The initiatives of `areas` handed in, taken up or closed from `start` until `end`,
    each once under the furthest it came, oldest first; not an erased one."""
    rows = session.execute(
        select(Initiative.id, Initiative.title, Initiative.area, Initiative.status)
        .add_columns(InitiativeEvent.kind)
        .join(InitiativeEvent, InitiativeEvent.initiative_id == Initiative.id)
        .where(
            Initiative.area.in_(sorted(areas)),
            Initiative.erased_at.is_(None),
            InitiativeEvent.kind.in_(sorted(STEPS)),
            InitiativeEvent.at >= start,
            InitiativeEvent.at < end,
        )
        .order_by(Initiative.created_at, Initiative.id)
    )
    found: dict[int, Happened] = {}
    for ident, title, area, status, kind in rows:
        step = STEPS[TrailKind(kind)]
        earlier = found.get(ident)
        if earlier is None or earlier.step < step:
            found[ident] = Happened(title, area, status, step)
    return list(found.values())
