"""Jobs that run once a local day, such as the digest and the retention run.

A day that ran is an event of its local date in `processed_events`, under a
pseudo channel per job, so a day runs at most once across restarts and
processes; a day missed while the bot was down is caught up once after start.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from bot.cases.timerules import TimeRules
from storage import queries


def next_run(session: Session, channel: str, at: str, rules: TimeRules, now: datetime) -> datetime:
    """Today's run at `at` ("HH:MM", local), unless today's ran already; outside quiet hours."""
    last = queries.last_processed(session, channel)
    today = now.astimezone(rules.zone).date()
    day = today if last is None else max(date.fromisoformat(last) + timedelta(days=1), today)
    return rules.first_allowed(datetime.combine(day, time.fromisoformat(at), rules.zone))


def take_day(
    session: Session, channel: str, due: datetime, rules: TimeRules, now: datetime
) -> bool:
    """Claim the local day `due` falls on; False if it was taken before."""
    day = due.astimezone(rules.zone).date().isoformat()
    return queries.mark_processed(session, channel, day, now)
