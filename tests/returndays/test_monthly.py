"""A return day of the config on "the second thursday of next month": always ahead,
on any day of the year, and refused with its key when it cannot be read."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config.monthly import MonthlyDay
from bot.config.settings import Config, ConfigError, load_config
from tests.configs import example

pytestmark = pytest.mark.pure

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Every day of a leap year and the next, month ends and New Year's Eve among them.
DAYS = [date(2027, 12, 1) + timedelta(days=n) for n in range(-700, 400)]


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("second thursday of next month", date(2026, 12, 6), date(2027, 1, 14)),
        ("tweede donderdag van volgende maand", date(2026, 12, 31), date(2027, 1, 14)),
        ("Last  Friday of next month", date(2027, 1, 31), date(2027, 2, 26)),
        ("first monday of the month", date(2027, 2, 28), date(2027, 3, 1)),
        ("eerste maandag van de maand", date(2027, 3, 1), date(2027, 4, 5)),  # not today
        ("fourth sunday of the month", date(2027, 3, 27), date(2027, 3, 28)),
        ("laatste woensdag van de maand", date(2028, 2, 1), date(2028, 2, 23)),
    ],
)
def test_the_day_a_rule_names(text: str, today: date, day: date) -> None:
    assert MonthlyDay.parse(text).first_after(today) == day


@pytest.mark.parametrize(
    "text",
    [
        "second thursday of next month",
        "last sunday of next month",
        "first monday of the month",
        "fourth friday of the month",
        "laatste zaterdag van de maand",
    ],
)
def test_a_rule_lies_ahead_on_every_day_of_the_year(text: str) -> None:
    rule = MonthlyDay.parse(text)
    for today in DAYS:
        day = rule.first_after(today)
        assert today < day <= today + timedelta(days=62), (today, day)
        assert day.weekday() == rule.weekday


@pytest.mark.parametrize(
    "text",
    [
        "",
        "second thursday",
        "fifth thursday of next month",
        "second thorsday of next month",
        "second thursday of last month",
        "2027-01-14",
    ],
)
def test_a_rule_that_cannot_be_read(text: str) -> None:
    with pytest.raises(ValueError, match="second thursday of next month"):
        MonthlyDay.parse(text)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 6, 12, tzinfo=UTC),
        datetime(2026, 12, 31, 22, 59, tzinfo=UTC),  # New Year's Eve, late
        datetime(2026, 12, 31, 23, 30, tzinfo=UTC),  # New Year's Day already in Amsterdam
        datetime(2027, 1, 31, 18, tzinfo=UTC),
        datetime(2027, 2, 28, 20, tzinfo=UTC),
        datetime(2028, 2, 29, 9, tzinfo=UTC),
        datetime(2027, 10, 31, 1, 30, tzinfo=UTC),  # the night summer time ends
    ],
)
def test_the_example_return_day_lies_ahead(tmp_path: Path, now: datetime) -> None:
    config = _loaded(tmp_path, example())
    first = config.return_days[0]
    starts_at = first.starts_at(AMSTERDAM, now.astimezone(AMSTERDAM).date())
    assert starts_at > now + timedelta(days=7)  # the week-before reminder can go too
    assert (starts_at.weekday(), starts_at.hour, starts_at.minute) == (3, 19, 30)
    assert 8 <= starts_at.day <= 14  # the second thursday


def test_the_example_documents_both_ways_to_say_when(tmp_path: Path) -> None:
    monthly, fixed = _loaded(tmp_path, example()).return_days
    assert (monthly.on, monthly.time, monthly.at) == (
        "second thursday of next month",
        "19:30",
        None,
    )
    assert monthly.purpose is not None
    assert monthly.programme is not None
    assert fixed.at is not None
    assert fixed.at.tzinfo is None  # a TOML local date-time


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ('on = "second thursday of next month"', 'on = "elke tweede donderdag"'),
            "return_days[1].on: Value error, must read like 'second thursday of next month'",
        ),
        (
            ('time = "19:30"', 'time = "7 uur"'),
            "return_days[1].time: Value error, must be a time as 'HH:MM'",
        ),
        (
            ('time = "19:30"', 'time = "19:30"\nat = 2027-01-14T19:30:00'),
            "return_days[1]: Value error, give either 'at' (a date and time) or 'on' with "
            "'time', not both",
        ),
        (('time = "19:30"\n', ""), "return_days[1]: Value error, 'on' needs 'time'"),
        (
            ("at = 2026-03-12T15:00:00\n", ""),
            "return_days[2]: Value error, give either 'at' (a date and time) or 'on'",
        ),
    ],
)
def test_a_day_that_does_not_say_when_clearly_is_refused_by_its_key(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    text = example()
    assert change[0] in text
    with pytest.raises(ConfigError) as raised:
        _loaded(tmp_path, text.replace(change[0], change[1], 1))
    assert problem in str(raised.value)
    assert "(line " in str(raised.value)


def test_a_purpose_too_long_for_a_message_is_refused(tmp_path: Path) -> None:
    text = example().replace("21.15 closing", "21.15 closing " + "x" * 1000)
    with pytest.raises(ConfigError, match=r"return_days\[1\]\.programme: Value error, keep"):
        _loaded(tmp_path, text)


def _loaded(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)
