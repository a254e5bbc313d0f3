"""A return day as an iCalendar (.ics) file, for people to put in their own calendar.

The icalendar library writes the format (escaping, line folding, UTC times).
The UID stays the same for a return day, and SEQUENCE grows with every change,
so a calendar that imported it before takes a moved day as an update.
"""

from datetime import datetime, timedelta

from bot.messages import Attachment

# A return day's length in calendars: the file needs an end, the command does not ask one.
LENGTH = timedelta(hours=2)
MEDIA_TYPE = "text/calendar"


def return_day_file(
    number: int,
    starts_at: datetime,
    place: str,
    summary: str,
    municipality: str,
    changed_at: datetime,
) -> Attachment:
    # Loaded at the first return day, not at every start.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//initiatiefbot//terugkomdag//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    slug = "".join(char for char in municipality.lower() if char.isalnum()) or "gemeente"
    event.add("uid", f"terugkomdag-{number}@{slug}.initiatiefbot")
    event.add("dtstamp", changed_at)
    event.add("sequence", int(changed_at.timestamp()))
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + LENGTH)
    event.add("summary", summary)
    event.add("location", place)
    calendar.add_component(event)
    return Attachment(f"terugkomdag-{number}.ics", MEDIA_TYPE, calendar.to_ical())
