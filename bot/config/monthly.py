"""A day of the month as people name it: "second thursday of next month".

For a return day in the config that should always lie ahead, such as the example's:
`on = "second thursday of next month"` (or "tweede donderdag van volgende maand").
"of the month" ("van de maand") names this month's day while it is still to come,
else next month's. Pure: `today` is passed in.
"""

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "last": -1,
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "laatste": -1,
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "maandag"),
            ("tuesday", "dinsdag"),
            ("wednesday", "woensdag"),
            ("thursday", "donderdag"),
            ("friday", "vrijdag"),
            ("saturday", "zaterdag"),
            ("sunday", "zondag"),
        )
    )
    for name in names
}
NEXT_MONTH = ("of next month", "van volgende maand", "van de volgende maand")
THIS_MONTH = ("of the month", "van de maand")
_RULE = re.compile(r"^(\S+)\s+(\S+)\s+(.+)$")
USAGE = (
    "must read like 'second thursday of next month': first, second, third, fourth or "
    "last, a weekday, then 'of next month' or 'of the month' (in Dutch: 'tweede "
    "donderdag van volgende maand')"
)


@dataclass(frozen=True, slots=True)
class MonthlyDay:
    ordinal: int  # 1-4, or -1 for the last
    weekday: int  # Monday is 0, as date.weekday()
    next_month: bool  # "of next month"; else "of the month", this one while to come

    @classmethod
    def parse(cls, text: str) -> "MonthlyDay":
        found = _RULE.match(" ".join(text.lower().split()))
        if found is None:
            raise ValueError(USAGE)
        ordinal, weekday, tail = found.groups()
        if ordinal not in ORDINALS or weekday not in WEEKDAYS:
            raise ValueError(USAGE)
        if tail not in NEXT_MONTH + THIS_MONTH:
            raise ValueError(USAGE)
        return cls(ORDINALS[ordinal], WEEKDAYS[weekday], tail in NEXT_MONTH)

    def in_month(self, year: int, month: int) -> date:
        """This rule's day in that month."""
        if self.ordinal > 0:
            first = date(year, month, 1)
            ahead = (self.weekday - first.weekday()) % 7
            return first + timedelta(days=ahead + 7 * (self.ordinal - 1))
        last = _first_of_next(year, month) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - self.weekday) % 7)

    def first_after(self, today: date) -> date:
        """The day this rule names as seen on `today`: always after it."""
        this_month = self.in_month(today.year, today.month)
        if not self.next_month and this_month > today:
            return this_month
        following = _first_of_next(today.year, today.month)
        return self.in_month(following.year, following.month)


def _first_of_next(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1)


def months_on(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier); the 31st becomes the last
    day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, monthrange(year, month + 1)[1]))
