"""A return day as an iCalendar (.ics) file, for people to put in their own calendar.

The icalendar library writes the format (escaping, line folding, UTC times).
The UID stays the same for a return day, and SEQUENCE grows with every change,
so a calendar that imported it before takes a moved day as an update.

A cancelled day's file says STATUS:CANCELLED under METHOD:PUBLISH, with the same
UID and a higher SEQUENCE. METHOD:CANCEL (RFC 5546) is not used: it requires an
ORGANIZER with a calendar address (an e-mail address), which a chat bot has not.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.messages import Attachment

# A return day's length in calendars: the file needs an end, the command does not ask one.
LENGTH = timedelta(hours=2)
MEDIA_TYPE = "text/calendar"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """What the file says of a return day; `number` only makes its UID."""

    number: int
    starts_at: datetime
    place: str
    summary: str
    municipality: str
    changed_at: datetime
    description: str = ""
    cancelled: bool = False


def return_day_file(day: CalendarEvent, zone: ZoneInfo) -> Attachment:
    """The .ics file, named after the local date: "terugkomdag-2027-01-14.ics"."""
    # Loaded at the first return day, not at every start.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//initiatiefbot//terugkomdag//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    slug = "".join(char for char in day.municipality.lower() if char.isalnum()) or "gemeente"
    event.add("uid", f"terugkomdag-{day.number}@{slug}.initiatiefbot")
    event.add("dtstamp", day.changed_at.astimezone(UTC))
    event.add("sequence", int(day.changed_at.timestamp()))
    event.add("dtstart", day.starts_at.astimezone(UTC))
    event.add("dtend", day.starts_at.astimezone(UTC) + LENGTH)
    event.add("summary", day.summary)
    event.add("location", day.place)
    if day.description:
        event.add("description", day.description)
    event.add("status", "CANCELLED" if day.cancelled else "CONFIRMED")
    calendar.add_component(event)
    name = f"terugkomdag-{day.starts_at.astimezone(zone):%Y-%m-%d}.ics"
    return Attachment(name, MEDIA_TYPE, calendar.to_ical())
