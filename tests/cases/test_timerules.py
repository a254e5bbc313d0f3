"""Quiet hours and working days on the municipality's wall clock, summer time included."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cases.timerules import TimeRules, public_holidays, time_rules
from bot.config.settings import Config, ConfigError, Span, load_config
from tests.configs import example, set_key
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def rules(config: Config) -> TimeRules:
    return time_rules(config)  # the example: 21:00-08:00, Mon-Fri, Dutch holidays


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (local(2026, 11, 23, 20, 59), local(2026, 11, 23, 20, 59)),  # just before
        (local(2026, 11, 23, 21, 0), local(2026, 11, 24, 8, 0)),  # evening: next morning
        (local(2026, 11, 23, 23, 59), local(2026, 11, 24, 8, 0)),
        (local(2026, 11, 24, 0, 0), local(2026, 11, 24, 8, 0)),  # after midnight: same day
        (local(2026, 11, 24, 7, 59), local(2026, 11, 24, 8, 0)),
        (local(2026, 11, 24, 8, 0), local(2026, 11, 24, 8, 0)),  # the end is allowed
        # Into summer time: the night of the last Sunday of March is an hour shorter.
        (local(2026, 3, 28, 22, 30), local(2026, 3, 29, 8, 0)),
        # Out of summer time: the night of the last Sunday of October an hour longer.
        (local(2026, 10, 24, 23, 0), local(2026, 10, 25, 8, 0)),
    ],
)
def test_quiet_hours_wait_for_the_morning(
    rules: TimeRules, moment: datetime, allowed: datetime
) -> None:
    assert rules.first_allowed(moment) == allowed


def test_summer_time_changes_the_utc_hour_of_the_morning_not_the_local_one(
    rules: TimeRules,
) -> None:
    before_spring = rules.first_allowed(local(2026, 3, 28, 23, 0))
    assert before_spring == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # 08:00 CEST
    before_autumn = rules.first_allowed(local(2026, 10, 24, 23, 0))
    assert before_autumn == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)  # 08:00 CET
    assert before_spring.tzinfo == UTC


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 23), True),  # a Monday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 1, 1), False),  # Nieuwjaarsdag
        (date(2026, 4, 3), True),  # Goede Vrijdag: worked (working_holidays)
        (date(2026, 4, 6), False),  # Tweede Paasdag
        (date(2026, 4, 27), False),  # Koningsdag, a Monday in 2026
        (date(2025, 4, 26), False),  # Koningsdag 2025 is a Saturday anyway
        (date(2025, 5, 5), False),  # Bevrijdingsdag, a day off in lustrum years
        (date(2026, 5, 5), True),  # and not in others
        (date(2026, 5, 14), False),  # Hemelvaartsdag
        (date(2026, 5, 25), False),  # Tweede Pinksterdag
        (date(2026, 12, 25), False),  # Eerste Kerstdag
        (date(2026, 12, 24), True),  # Christmas Eve is a working day
    ],
)
def test_working_days_skip_weekends_and_dutch_public_holidays(
    rules: TimeRules, day: date, working: bool
) -> None:
    assert rules.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (local(2026, 11, 23, 10, 0), 2, local(2026, 11, 25, 10, 0)),  # Mon -> Wed
        (local(2026, 11, 27, 16, 30), 2, local(2026, 12, 1, 16, 30)),  # Fri -> Tue
        (local(2026, 11, 28, 11, 0), 1, local(2026, 11, 30, 11, 0)),  # Sat -> Mon
        (local(2026, 5, 13, 9, 0), 1, local(2026, 5, 15, 9, 0)),  # over Hemelvaart
        (local(2026, 4, 24, 9, 0), 2, local(2026, 4, 29, 9, 0)),  # over Koningsdag
        (local(2026, 12, 24, 12, 0), 1, local(2026, 12, 28, 12, 0)),  # over Christmas
        (local(2026, 3, 27, 10, 0), 2, local(2026, 3, 31, 10, 0)),  # into summer time
        (local(2026, 10, 23, 10, 0), 2, local(2026, 10, 27, 10, 0)),  # out of it
    ],
)
def test_working_days_later_at_the_same_local_time(
    rules: TimeRules, start: datetime, days: int, due: datetime
) -> None:
    assert rules.after_working_days(start, days) == due


@pytest.mark.parametrize(
    ("moment", "start"),
    [
        (local(2026, 11, 23, 10, 0), local(2026, 11, 23, 10, 0)),  # Monday morning: itself
        (local(2026, 11, 24, 6, 30), local(2026, 11, 24, 8, 0)),  # early: that day at 08:00
        (local(2026, 11, 27, 21, 30), local(2026, 11, 30, 8, 0)),  # Friday night: Monday
        (local(2026, 11, 28, 11, 0), local(2026, 11, 30, 8, 0)),  # Saturday
        (local(2026, 11, 29, 14, 0), local(2026, 11, 30, 8, 0)),  # Sunday
        (local(2026, 12, 25, 12, 0), local(2026, 12, 28, 8, 0)),  # Christmas, then a weekend
        (local(2026, 5, 13, 22, 0), local(2026, 5, 15, 8, 0)),  # the eve of Hemelvaart
    ],
)
def test_working_time_starts_at_the_end_of_the_quiet_hours_of_a_working_day(
    rules: TimeRules, moment: datetime, start: datetime
) -> None:
    assert rules.working_start(moment) == start


@pytest.mark.parametrize(
    ("handed_in", "due"),
    [
        (local(2026, 11, 29, 14, 0), local(2026, 12, 2, 8, 0)),  # Sunday: Mon, Tue; Wednesday
        (local(2026, 11, 28, 11, 0), local(2026, 12, 2, 8, 0)),  # Saturday: the same
        (local(2026, 11, 27, 21, 30), local(2026, 12, 2, 8, 0)),  # Friday night: the same
        (local(2026, 11, 23, 10, 0), local(2026, 11, 25, 10, 0)),  # Monday 10:00: Wednesday
    ],
)
def test_a_wait_in_working_days_counts_from_the_start_of_working_time(
    rules: TimeRules, handed_in: datetime, due: datetime
) -> None:
    assert rules.due(handed_in, Span.parse("2 working days")) == due


@pytest.mark.parametrize(
    ("start", "months", "after"),
    [
        (local(2026, 1, 15, 10, 0), 12, local(2027, 1, 15, 10, 0)),
        (local(2026, 8, 31, 10, 0), 1, local(2026, 9, 30, 10, 0)),  # no 31 September
        (local(2027, 11, 30, 10, 0), 3, local(2028, 2, 29, 10, 0)),  # a leap year
        (local(2026, 10, 1, 10, 0), 1, local(2026, 11, 1, 10, 0)),  # out of summer time
        (local(2026, 12, 5, 9, 0), -13, local(2025, 11, 5, 9, 0)),
    ],
)
def test_months_count_on_the_calendar(
    rules: TimeRules, start: datetime, months: int, after: datetime
) -> None:
    if months < 0:
        assert rules.before(start, Span.parse(f"{-months} months")) == after
    else:
        assert rules.after(start, Span.parse(f"{months} months")) == after


def test_a_wall_clock_time_skipped_by_summer_time_moves_on(rules: TimeRules) -> None:
    # 02:30 does not exist on 29 March 2026; a reminder planned for it is not lost.
    planned = TimeRules(AMSTERDAM, time(0, 0), time(2, 30), frozenset(range(7)), lambda _day: False)
    allowed = planned.first_allowed(local(2026, 3, 29, 1, 0))
    assert allowed > local(2026, 3, 29, 1, 0)
    assert allowed.astimezone(AMSTERDAM).hour == 3


def test_equal_ends_mean_no_quiet_hours() -> None:
    always = TimeRules(AMSTERDAM, time(8, 0), time(8, 0), frozenset(range(5)), lambda _d: False)
    assert not always.is_quiet(local(2026, 11, 23, 3, 0))


def test_extra_days_off_and_no_country() -> None:
    day_off = public_holidays("", ["Good Friday"], [date(2026, 12, 24)])
    assert day_off(date(2026, 12, 24))
    assert not day_off(date(2026, 12, 25))  # no country: Christmas is like any Friday


FIRST = datetime(2024, 1, 1, tzinfo=UTC)
SIX_YEARS = 6 * 365 * 24 * 3600


@cache
def example_rules() -> TimeRules:
    """Read once: hypothesis runs the property a hundred times."""
    return time_rules(load_config(EXAMPLE_CONFIG))


@given(st.integers(min_value=0, max_value=SIX_YEARS), st.integers(min_value=1, max_value=15))
def test_any_due_moment_is_a_later_working_day_outside_quiet_hours(seconds: int, days: int) -> None:
    rules = example_rules()
    start = FIRST + timedelta(seconds=seconds)
    counted = rules.after_working_days(start, days)
    due = rules.first_allowed(counted)
    assert due >= counted > start
    assert counted - start >= timedelta(days=days) - timedelta(hours=1)  # summer time
    assert not rules.is_quiet(due)
    assert rules.is_working_day(counted.astimezone(AMSTERDAM).date())


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("quiet_hours", '"21-08"', "schedule.quiet_hours: Value error, must be two times"),
        ("working_days", '["maandag"]', "schedule.working_days[1]:"),
        ("working_days", "[]", "schedule.working_days:"),
        ("public_holidays", '"XX"', "schedule.public_holidays: Value error, no public"),
        ("extra_days_off", '["morgen"]', "schedule.extra_days_off[1]:"),
    ],
)
def test_bad_schedule_settings_name_the_key(
    tmp_path: Path, key: str, value: str, expected: str
) -> None:

    path = tmp_path / "config.toml"
    path.write_text(set_key(example(), "[schedule]", key, value), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value


def test_a_follow_up_waits_for_its_time_and_then_for_the_morning(rules: TimeRules) -> None:
    due = local(2026, 11, 25, 10, 0)
    assert rules.not_yet(due, local(2026, 11, 24, 12, 0)) == due  # too early
    assert rules.not_yet(due, local(2026, 11, 25, 10, 5)) is None  # its time: go
    late_at_night = local(2026, 11, 25, 23, 0)  # e.g. after a day of downtime
    assert rules.not_yet(due, late_at_night) == local(2026, 11, 26, 8, 0)
