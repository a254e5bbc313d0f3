"""A date and time as contacts type them: "2027-01-20 19:30" or "20-01-2027 19.30"."""

import re
from datetime import date, datetime, time

_WHEN = re.compile(
    r"^(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"|(?P<day2>\d{1,2})-(?P<month2>\d{1,2})-(?P<year2>\d{4}))"
    r"\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s+(?P<rest>\S.*))?$"
)


def parse_when(text: str) -> tuple[datetime, str] | None:
    """The local wall-clock moment `text` starts with (no zone yet), and the rest of it."""
    found = _WHEN.match(text.strip())
    if found is None:
        return None
    year = found.group("year") or found.group("year2")
    month = found.group("month") or found.group("month2")
    day = found.group("day") or found.group("day2")
    try:
        on = date(int(year), int(month), int(day))
        at = time(int(found.group("hour")), int(found.group("minute")))
    except ValueError:  # 31-02, 25:00
        return None
    return datetime.combine(on, at), (found.group("rest") or "").strip()
