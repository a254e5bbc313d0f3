"""A return day as an .ics file that calendars read back as the same event."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.notices import Reply
from bot.outbox.rows import to_outgoing, to_payload
from bot.returndays.calendar_file import CalendarEvent, return_day_file

pytestmark = pytest.mark.pure


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STARTS = datetime(2027, 3, 30, 19, 30, tzinfo=AMSTERDAM)  # just after the change to summer time
CHANGED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
DAY = CalendarEvent(7, STARTS, "Dorpshuis", "Terugkomdag", "Oss", CHANGED)


def test_the_file_holds_one_event_at_the_right_moment() -> None:
    day = CalendarEvent(
        7,
        STARTS,
        "Dorpshuis; zaal 2, achter",
        "Terugkomdag",
        "Goeree-Overflakkee",
        CHANGED,
        "19.30 inloop\n20.00 terugblik",
    )
    file = return_day_file(day, AMSTERDAM)
    # Named by its date: the day's number is for coordinators, not in what residents see.
    assert (file.name, file.media_type) == ("terugkomdag-2027-03-30.ics", "text/calendar")
    [event] = Calendar.from_ical(file.content).walk("VEVENT")
    assert event.decoded("dtstart") == STARTS
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=2)
    assert str(event["location"]) == "Dorpshuis; zaal 2, achter"  # escaped and read back
    assert str(event["description"]) == "19.30 inloop\n20.00 terugblik"
    assert str(event["uid"]) == "terugkomdag-7@goereeoverflakkee.initiatiefbot"
    assert str(event["status"]) == "CONFIRMED"


def test_a_moved_day_keeps_its_uid_with_a_higher_sequence() -> None:
    first = return_day_file(DAY, AMSTERDAM)
    moved = return_day_file(
        replace(DAY, starts_at=STARTS + timedelta(days=7), changed_at=CHANGED + timedelta(hours=1)),
        AMSTERDAM,
    )
    [before] = Calendar.from_ical(first.content).walk("VEVENT")
    [after] = Calendar.from_ical(moved.content).walk("VEVENT")
    assert before["uid"] == after["uid"]
    assert int(after["sequence"]) > int(before["sequence"])
    assert moved.name == "terugkomdag-2027-04-06.ics"


def test_a_cancelled_day_is_the_same_event_marked_cancelled() -> None:
    """METHOD:CANCEL would need an ORGANIZER address (RFC 5546); PUBLISH with STATUS
    CANCELLED, same UID and a higher SEQUENCE, is what calendars take as the update."""
    cancelled = return_day_file(
        replace(DAY, changed_at=CHANGED + timedelta(hours=1), cancelled=True), AMSTERDAM
    )
    calendar = Calendar.from_ical(cancelled.content)
    [event] = calendar.walk("VEVENT")
    [before] = Calendar.from_ical(return_day_file(DAY, AMSTERDAM).content).walk("VEVENT")
    assert str(calendar["method"]) == "PUBLISH"
    assert str(event["status"]) == "CANCELLED"
    assert event["uid"] == before["uid"]
    assert int(event["sequence"]) > int(before["sequence"])


def test_a_file_survives_the_outbox() -> None:
    file = return_day_file(DAY, AMSTERDAM)
    payload = to_payload(Reply("Herinnering", attachment=file))
    assert to_outgoing("console", "anna", payload).attachment == file
    assert to_outgoing("console", "anna", to_payload(Reply("Hallo"))).attachment is None
