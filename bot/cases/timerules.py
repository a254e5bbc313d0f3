"""When the bot may speak and how it counts days: quiet hours and working days.

Pure functions of a moment in time, for the follow-ups to plan with and for the
cases to count how long a closed initiative still hears its initiator. Everything is
computed on the local wall clock of the municipality's time zone and only then
turned into an aware moment, so "two working days later at ten" stays at ten
across a change to or from summer time.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from bot.config.monthly import months_on
from bot.config.settings import WEEKDAYS, Config, Span

DayOff = Callable[[date], bool]


@dataclass(frozen=True)
class TimeRules:
    zone: ZoneInfo
    quiet_from: time
    quiet_until: time
    working_weekdays: frozenset[int]  # Monday is 0
    day_off: DayOff

    def is_quiet(self, moment: datetime) -> bool:
        """Whether `moment` falls in the quiet hours (equal ends: no quiet hours)."""
        local = moment.astimezone(self.zone).time()
        if self.quiet_from == self.quiet_until:
            return False
        if self.quiet_from < self.quiet_until:  # e.g. 12:00-13:00
            return self.quiet_from <= local < self.quiet_until
        return local >= self.quiet_from or local < self.quiet_until  # across midnight

    def first_allowed(self, moment: datetime) -> datetime:
        """`moment` itself, or the end of the quiet hours it falls in (in UTC)."""
        if not self.is_quiet(moment):
            return moment
        local = moment.astimezone(self.zone)
        day = local.date()
        if local.time() >= self.quiet_until:  # in the evening part: tomorrow morning
            day += timedelta(days=1)
        return _at(day, self.quiet_until, self.zone)

    def not_yet(self, due: datetime, now: datetime) -> datetime | None:
        """When a follow-up due at `due` should come back, or None to go out `now`: it
        waits for its time, and one running late waits out the quiet hours too."""
        if due > now:
            return due
        return self.first_allowed(now) if self.is_quiet(now) else None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.working_weekdays and not self.day_off(day)

    def working_start(self, moment: datetime) -> datetime:
        """`moment` itself when it falls in working time, else the start of the working
        time that follows: the end of the quiet hours, on a working day."""
        allowed = self.first_allowed(moment)
        day = allowed.astimezone(self.zone).date()
        if self.is_working_day(day):
            return allowed
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return _at(day, self.quiet_until, self.zone)

    def after_working_days(self, start: datetime, days: int) -> datetime:
        """The same local time of day, `days` working days after `start` (in UTC)."""
        return self.after(start, Span(days, "working days"))

    def after(self, start: datetime, span: Span) -> datetime:
        """When `span` has passed since `start`: days count on the wall clock, hours do not."""
        return self._shift(start, span, 1)

    def before(self, moment: datetime, span: Span) -> datetime:
        """`span` before `moment`, counted as `after` counts."""
        return self._shift(moment, span, -1)

    def _shift(self, moment: datetime, span: Span, direction: int) -> datetime:
        if span.unit == "hours":
            return (moment + direction * timedelta(hours=span.amount)).astimezone(UTC)
        local = moment.astimezone(self.zone)
        day = local.date()
        if span.unit == "working days":
            counted = 0
            while counted < span.amount:
                day += direction * timedelta(days=1)
                counted += self.is_working_day(day)
        elif span.unit == "months":
            day = months_on(day, direction * span.amount)
        else:
            day += direction * timedelta(days=span.amount * (7 if span.unit == "weeks" else 1))
        return _at(day, local.time(), self.zone)

    def due(self, start: datetime, span: Span) -> datetime:
        """The first moment outside quiet hours once `span` has passed since `start`.

        A wait counted in working days counts from the start of working time and ends
        in it: two working days after something handed in on a Sunday (a holiday, a
        Friday night) are Monday and Tuesday, so it is due on Wednesday morning.
        """
        if span.unit != "working days":
            return self.first_allowed(self.after(start, span))
        return self.working_start(self.after(self.working_start(start), span))


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """That wall-clock time in `zone`, in UTC; a time skipped by summer time moves on."""
    return datetime.combine(day, clock, zone).astimezone(UTC)


def public_holidays(country: str, working_anyway: Iterable[str], extra: Iterable[date]) -> DayOff:
    """Days off: the country's public holidays (from the holidays library) except those
    worked anyway (by the library's name), and the municipality's own extra days."""
    extra_days = frozenset(extra)
    worked = frozenset(working_anyway)
    calendar = holidays.country_holidays(country) if country else None

    def day_off(day: date) -> bool:
        if day in extra_days:
            return True
        if calendar is None or day not in calendar:
            return False
        names = str(calendar.get(day)).split("; ")
        return any(name not in worked for name in names)

    return day_off


def time_rules(config: Config) -> TimeRules:
    """The rules the config describes, in the municipality's time zone."""
    schedule = config.schedule
    quiet_from, quiet_until = schedule.quiet_times()
    return TimeRules(
        zone=config.bot.zone,
        quiet_from=quiet_from,
        quiet_until=quiet_until,
        working_weekdays=frozenset(WEEKDAYS.index(day) for day in schedule.working_days),
        day_off=public_holidays(
            schedule.public_holidays, schedule.working_holidays, schedule.extra_days_off
        ),
    )
