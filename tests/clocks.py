"""Test clocks for the scheduler, which wakes by the system clock: they only run ahead."""

from datetime import UTC, datetime, time, timedelta

from bot.cases.timerules import TimeRules


def a_quiet_week(rules: TimeRules) -> datetime:
    """10:00 on a Monday at least a week ahead that starts eight working days in a row."""
    day = datetime.now(rules.zone).date() + timedelta(days=7)
    while day.weekday() != 0 or not all(
        rules.is_working_day(day + timedelta(days=n)) for n in (0, 1, 2, 3, 4, 7, 8, 9)
    ):
        day += timedelta(days=1)
    return datetime.combine(day, time(10), rules.zone).astimezone(UTC)
