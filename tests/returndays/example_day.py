"""The example config's return days as /tmp/docs/invite-docs.md proposes them, and the
example config with them in place of whatever it holds now.

Until config.example.toml carries this block (the lead merges it), tests put it in;
once it does, `with_example_days` finds it there and changes nothing.
"""

import re

from tests.configs import example

EXAMPLE_DAYS = '''# Return days (terugkomdagen) planned here rather than from chat (see
# docs/follow-ups.md, "Return days"). `key` names a day: change its time or
# place and everyone invited who did not say no is told, with a new calendar
# file; remove it and it is cancelled. When it is: `at`, a local date and time
# in [bot] timezone, or `on` with `time`: a day of the month that always lies
# ahead, "first", "second", "third", "fourth" or "last", a weekday, and "of next
# month" or "of the month" (this month's while it is still to come; Dutch works
# too: "tweede donderdag van volgende maand"). Such a day stays on its date
# once planned; after it has passed, the next start plans the next one as a
# new day. Give one of `at` and `on`, not both.
# Everyone invited gets an invitation when the day is planned: `purpose` (what
# a return day is and why to come; without it a general text), the date, time
# and place, `programme` (optional), a calendar file and the buttons "Ik kom",
# "Ik kom niet", "Misschien". Invite all initiators (no areas, themes or team),
# those of some areas or themes, or the members of one team.
[[return_days]]
key = "terugkomdag"
on = "second thursday of next month"
time = "19:30"
place = "Het Diekhuus, Middelharnis"
areas = []
themes = []
team = ""

[return_days.purpose]
nl = """Op de terugkomdag kijken we samen terug. Hoe gaat het met je initiatief? \\
Wat ging goed en waar loop je tegenaan? Je ontmoet andere initiatiefnemers, \\
de dorpsraden en de mensen van de gemeente."""
u = """Op de terugkomdag kijken we samen terug. Hoe gaat het met uw initiatief? \\
Wat ging goed en waar loopt u tegenaan? U ontmoet andere initiatiefnemers, \\
de dorpsraden en de mensen van de gemeente."""
en = """At the return day we look back together. How is your initiative going? \\
What went well and what is in your way? You meet other initiators, the \\
village councils and the people of the municipality."""

[return_days.programme]
nl = """
19.30 inloop met koffie
19.45 terugblik: wat is er gebeurd?
20.30 in groepjes: wat heb je nodig?
21.15 afsluiting"""
en = """
19.30 coffee
19.45 looking back: what happened?
20.30 in small groups: what do you need?
21.15 closing"""

# A day on a fixed date, here for the members of team West only. Its time has
# passed, so it is ignored: copy it with a date to come.
[[return_days]]
key = "kernteam-west-2026"
at = 2026-03-12T15:00:00
place = "Gemeentehuis, Middelharnis"
team = "west"
'''

# From the comment above the first [[return_days]] to the next table of another kind.
_DAYS = re.compile(
    r"(?:^#[^\n]*\n)*^\[\[return_days\]\]$.*?(?=\n(?:#[^\n]*\n)*\[(?!\[?return_days))",
    re.S | re.M,
)


def with_example_days(text: str) -> str:
    """`text` (a config) with the proposed example days in place of its return days."""
    if 'on = "second thursday of next month"' in text:
        return text
    replaced, count = _DAYS.subn(lambda _: EXAMPLE_DAYS.rstrip("\n"), text, count=1)
    assert count == 1, "no [[return_days]] in the config"
    return replaced


def example_with_days() -> str:
    return with_example_days(example())
