"""Dates and times read the way people say them, in the reader's zone and language."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.texts.formatting import date_in_words, local_time, moment_in_words

pytestmark = pytest.mark.pure

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = date(2026, 11, 23)


def test_a_winter_moment_in_dutch_and_english() -> None:
    moment = datetime(2026, 12, 15, 9, 0, tzinfo=UTC)  # 10.00 in Amsterdam (CET)
    assert moment_in_words(moment, AMSTERDAM, "nl", TODAY) == "dinsdag 15 december om 10.00 uur"
    assert moment_in_words(moment, AMSTERDAM, "en", TODAY) == "Tuesday 15 December, 10.00"
    assert date_in_words(moment, AMSTERDAM, "nl", TODAY) == "dinsdag 15 december"
    assert date_in_words(moment, AMSTERDAM, "en", TODAY) == "Tuesday 15 December"


def test_a_summer_moment_is_two_hours_ahead_of_utc() -> None:
    moment = datetime(2026, 7, 1, 17, 30, tzinfo=UTC)  # 19.30 in Amsterdam (CEST)
    assert moment_in_words(moment, AMSTERDAM, "nl", TODAY) == "woensdag 1 juli om 19.30 uur"
    assert moment_in_words(moment, AMSTERDAM, "en", TODAY) == "Wednesday 1 July, 19.30"


def test_the_hour_has_no_leading_zero() -> None:
    moment = datetime(2026, 3, 2, 8, 5, tzinfo=UTC)  # 9.05 in Amsterdam
    assert moment_in_words(moment, AMSTERDAM, "nl", TODAY) == "maandag 2 maart om 9.05 uur"


def test_midnight_belongs_to_the_local_day() -> None:
    # 23.00 UTC on Monday is midnight in Amsterdam: Tuesday has begun there.
    moment = datetime(2026, 12, 14, 23, 0, tzinfo=UTC)
    assert moment_in_words(moment, AMSTERDAM, "nl", TODAY) == "dinsdag 15 december om 0.00 uur"
    assert moment_in_words(moment, AMSTERDAM, "en", TODAY) == "Tuesday 15 December, 0.00"
    assert date_in_words(moment, AMSTERDAM, "nl", TODAY) == "dinsdag 15 december"


def test_the_local_day_decides_the_year_too() -> None:
    # New Year's Eve 23.30 UTC is already 1 January 2027 in Amsterdam.
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert date_in_words(moment, AMSTERDAM, "nl", TODAY) == "vrijdag 1 januari 2027"
    assert date_in_words(moment, AMSTERDAM, "nl", date(2027, 1, 1)) == "vrijdag 1 januari"
    assert moment_in_words(moment, AMSTERDAM, "en", TODAY) == "Friday 1 January 2027, 0.30"


def test_the_year_shows_only_outside_the_current_year() -> None:
    last_year = datetime(2025, 12, 30, 12, 0, tzinfo=UTC)
    assert date_in_words(last_year, AMSTERDAM, "nl", TODAY) == "dinsdag 30 december 2025"
    assert date_in_words(last_year, AMSTERDAM, "en", TODAY) == "Tuesday 30 December 2025"
    assert (
        moment_in_words(last_year, AMSTERDAM, "nl", TODAY)
        == "dinsdag 30 december 2025 om 13.00 uur"
    )
    assert date_in_words(last_year, AMSTERDAM, "nl", date(2025, 1, 1)) == "dinsdag 30 december"


def test_without_today_the_year_is_left_out() -> None:
    moment = datetime(2031, 5, 6, 10, 0, tzinfo=UTC)
    assert date_in_words(moment, AMSTERDAM, "nl") == "dinsdag 6 mei"
    assert moment_in_words(moment, AMSTERDAM, "en") == "Tuesday 6 May, 12.00"


def test_the_trail_keeps_short_numeric_times() -> None:
    moment = datetime(2026, 12, 14, 23, 0, tzinfo=UTC)
    assert local_time(moment, AMSTERDAM) == "15-12-2026 00:00"
