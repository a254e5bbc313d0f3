"""The coordinators' daily digest: sent only when something is wrong.

Wrong means: messages parked as failed, team chats the bot cannot reach,
initiatives past their escalation that nobody took up, and initiators who gave the
help a low score (1 or 2). A digest that goes also counts the scores given since the
previous one, with their average. A day gets at most one (see `bot.daily`).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.accounts import address
from bot.cases.routing import team_of
from bot.cases.timerules import TimeRules
from bot.config.settings import Config
from bot.followups import daily
from bot.followups.plans import FollowUp, Planned
from bot.followups.satisfaction import LOW, SCORE
from bot.followups.trail_facts import facts_of
from bot.notices import Notice, Reply
from bot.outbox import rows as outbox
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations
from bot.vocabulary import OPEN, Status, TrailKind
from storage import queries
from storage.models import Initiative, InitiativeEvent

DAILY = "daily"
# The digest's days are kept as events of this pseudo channel.
CHANNEL = "digest"


@dataclass(frozen=True, slots=True)
class Ratings:
    """The satisfaction scores given in a while, and the references of the low ones."""

    scores: tuple[int, ...] = ()
    low: tuple[str, ...] = ()

    def average(self) -> float:
        return sum(self.scores) / len(self.scores)


@dataclass(frozen=True, slots=True)
class Trouble:
    failed_messages: int
    unreachable_teams: tuple[str, ...]
    past_escalation: tuple[Initiative, ...]
    ratings: Ratings = Ratings()

    def __bool__(self) -> bool:
        return bool(
            self.failed_messages
            or self.unreachable_teams
            or self.past_escalation
            or self.ratings.low
        )


class Digest:
    """The coordinators' daily digest: what is wrong today, if anything."""

    def __init__(self, config: Config, rules: TimeRules) -> None:
        self._config = config
        self._rules = rules
        self._zone = config.bot.zone

    def planned(self, session: Session, now: datetime) -> list[Planned]:
        """The next digest: today's, unless today's went out already. A day missed
        while the bot was down is not made up twice: one digest covers it."""
        at = self._config.schedule.digest_at
        if not at:
            return []
        return [
            Planned(daily.next_run(session, CHANNEL, at, self._rules, now), FollowUp.DIGEST, DAILY)
        ]

    def run(self, session: Session, due: datetime, now: datetime) -> int:
        """The digest of the day `due` falls on, once; how many messages it wrote."""
        since = self._previous(session, due)
        if not daily.take_day(session, CHANNEL, due, self._rules, now):
            return 0
        trouble = self.trouble(session, since)
        if not trouble:
            return 0
        language = self._config.bot.default_language
        text = self.text(trouble, language)
        recipients = [person.account for person in self._config.routing.coordinators] or list(
            self._config.team(self._config.routing.fallback_team).notify
        )
        return outbox.write(session, [Notice(chat, Reply(text)) for chat in recipients], now)

    def _previous(self, session: Session, due: datetime) -> datetime:
        """When the digest before the one due at `due` ran: its day at `digest_at`; the
        first one looks back a day."""
        last = queries.last_processed(session, CHANNEL)
        if last is None:
            return due - timedelta(days=1)
        at = time.fromisoformat(self._config.schedule.digest_at)
        return datetime.combine(date.fromisoformat(last), at, self._zone)

    def trouble(self, session: Session, since: datetime) -> Trouble:
        failed = queries.unsent_messages(session, only_failed=True)
        failed_chats = {address(row.channel, row.chat_id) for row in failed}
        unreachable = tuple(
            team.name for team in self._config.teams if failed_chats & set(team.notify)
        )
        waiting = queries.initiatives_in(session, OPEN, None)
        trails = queries.trails(session, [initiative.id for initiative in waiting])
        past = tuple(
            initiative
            for initiative in waiting
            if initiative.status == Status.SUBMITTED
            and FollowUp.ESCALATE in facts_of(initiative, trails.get(initiative.id, [])).team_told
        )
        return Trouble(len(failed), unreachable, past, ratings(session, since))

    def text(self, trouble: Trouble, locale: str) -> str:
        _ = translations(locale).gettext
        lines = [_("Daily digest: something needs your attention.")]
        if trouble.failed_messages:
            lines.append(
                translations(locale)
                .ngettext(
                    "\u2022 {count} message could not be delivered "
                    "(initiatiefbot outbox list --failed).",
                    "\u2022 {count} messages could not be delivered "
                    "(initiatiefbot outbox list --failed).",
                    trouble.failed_messages,
                )
                .format(count=trouble.failed_messages)
            )
        if trouble.unreachable_teams:
            lines.append(
                _("\u2022 Team chats the bot cannot reach: {teams}.").format(
                    teams=", ".join(trouble.unreachable_teams)
                )
            )
        if trouble.past_escalation:
            lines.append(_("\u2022 Passed on to the coordinators and still not taken up:"))
            for initiative in trouble.past_escalation:
                since = date_in_words(initiative.created_at, self._zone, locale)
                team = team_of(self._config, initiative.team)
                title = f"\u201c{initiative.title}\u201d"
                lines.append(f"  {initiative.reference} {title} ({team.name}, {since})")
        lines.extend(_rating_lines(trouble.ratings, locale))
        return "\n".join(lines)


def ratings(session: Session, since: datetime) -> Ratings:
    """The scores initiators gave since `since`, oldest first; no words of theirs."""
    found = session.execute(
        select(InitiativeEvent.data, Initiative.reference)
        .join(Initiative, Initiative.id == InitiativeEvent.initiative_id)
        .where(InitiativeEvent.kind == TrailKind.RATED, InitiativeEvent.at > since)
        .order_by(InitiativeEvent.at, InitiativeEvent.id)
    ).all()
    scores = [(int(data[SCORE]), reference) for data, reference in found if SCORE in data]
    low = tuple(dict.fromkeys(reference for score, reference in scores if score in LOW))
    return Ratings(tuple(score for score, _ in scores), low)


def _rating_lines(ratings: Ratings, locale: str) -> list[str]:
    """The count and average (one decimal, a decimal comma in Dutch), and the low ones."""
    if not ratings.scores:
        return []
    _ = translations(locale).gettext
    count = len(ratings.scores)
    average = f"{ratings.average():.1f}"
    lines = [
        translations(locale)
        .ngettext(
            "\u2022 Satisfaction in the last day: {count} score, on average {average} out of 5.",
            "\u2022 Satisfaction in the last day: {count} scores, on average {average} out of 5.",
            count,
        )
        .format(count=count, average=average if locale == "en" else average.replace(".", ","))
    ]
    if ratings.low:
        lines.append(
            _("\u2022 A low score (1 or 2) for: {references}.").format(
                references=", ".join(ratings.low)
            )
        )
    return lines
