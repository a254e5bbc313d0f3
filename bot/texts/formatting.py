"""How moments and waiting times read in every feature's texts."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config.settings import Span
from bot.texts.i18n import translations


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """Short and sortable, for the lines of an initiative's trail."""
    return moment.astimezone(zone).strftime("%d-%m-%Y %H:%M")


def date_in_words(moment: datetime, zone: ZoneInfo, locale: str, today: date | None = None) -> str:
    """The day of `moment` as people say it: "dinsdag 15 december", "Tuesday 15 December".

    The year follows ("dinsdag 15 december 2026") only when `today`, the reader's
    date in `zone`, is given and falls in another year. Without `today` the year is
    left out: the weekday already tells which of two years is meant for any moment
    within a few months, and most moments the bot names are that near.
    """
    from babel.dates import format_date

    local = moment.astimezone(zone)
    pattern = "EEEE d MMMM" if today is None or today.year == local.year else "EEEE d MMMM y"
    return str(format_date(local.date(), pattern, locale=locale))


def moment_in_words(
    moment: datetime, zone: ZoneInfo, locale: str, today: date | None = None
) -> str:
    """Day and time of `moment` as people say them: "dinsdag 15 december om 10.00 uur",
    "Tuesday 15 December, 10.00". The year as in `date_in_words`."""
    _ = translations(locale).gettext
    local = moment.astimezone(zone)
    return _("{day}, {time}").format(
        day=date_in_words(moment, zone, locale, today), time=f"{local.hour}.{local.minute:02d}"
    )


def span_text(span: Span, locale: str) -> str:
    """ "5 working days" in the reader's language."""
    ngettext = translations(locale).ngettext
    n = span.amount
    words = {
        "working days": ngettext("{n} working day", "{n} working days", n),
        "days": ngettext("{n} day", "{n} days", n),
        "weeks": ngettext("{n} week", "{n} weeks", n),
        "months": ngettext("{n} month", "{n} months", n),
        "hours": ngettext("{n} hour", "{n} hours", n),
    }
    return words[span.unit].format(n=n)


def example_date(today: date, weeks: int) -> str:
    """A date `weeks` after `today`, as help texts give examples ("2027-01-20"): an
    example copied as it stands is never refused as in the past."""
    return (today + timedelta(weeks=weeks)).isoformat()


def in_the_past(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That moment has already passed. Give a date and time to come.")
