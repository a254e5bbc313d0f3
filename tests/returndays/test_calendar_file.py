"""A return day as an .ics file that calendars read back as the same event."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.notices import Reply
from bot.outbox.rows import to_outgoing, to_payload
from bot.returndays.calendar_file import return_day_file

pytestmark = pytest.mark.pure


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STARTS = datetime(2027, 3, 30, 19, 30, tzinfo=AMSTERDAM)  # just after the change to summer time
CHANGED = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def test_the_file_holds_one_event_at_the_right_moment() -> None:
    file = return_day_file(
        7, STARTS, "Dorpshuis; zaal 2, achter", "Terugkomdag", "Goeree-Overflakkee", CHANGED
    )
    assert (file.name, file.media_type) == ("terugkomdag-7.ics", "text/calendar")
    [event] = Calendar.from_ical(file.content).walk("VEVENT")
    assert event.decoded("dtstart") == STARTS
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=2)
    assert str(event["location"]) == "Dorpshuis; zaal 2, achter"  # escaped and read back
    assert str(event["uid"]) == "terugkomdag-7@goereeoverflakkee.initiatiefbot"


def test_a_moved_day_keeps_its_uid_with_a_higher_sequence() -> None:
    first = return_day_file(7, STARTS, "Dorpshuis", "Terugkomdag", "Oss", CHANGED)
    moved = return_day_file(
        7,
        STARTS + timedelta(days=7),
        "Dorpshuis",
        "Terugkomdag",
        "Oss",
        CHANGED + timedelta(hours=1),
    )
    [before] = Calendar.from_ical(first.content).walk("VEVENT")
    [after] = Calendar.from_ical(moved.content).walk("VEVENT")
    assert before["uid"] == after["uid"]
    assert int(after["sequence"]) > int(before["sequence"])


def test_a_file_survives_the_outbox() -> None:
    file = return_day_file(7, STARTS, "Dorpshuis", "Terugkomdag", "Oss", CHANGED)
    payload = to_payload(Reply("Herinnering", attachment=file))
    assert to_outgoing("console", "anna", payload).attachment == file
    assert to_outgoing("console", "anna", to_payload(Reply("Hallo"))).attachment is None
