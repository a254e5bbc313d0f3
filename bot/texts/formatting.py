"""How moments and waiting times read in every feature's texts."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config.settings import Span
from bot.texts.i18n import translations


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d-%m-%Y %H:%M")


def local_date(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d-%m-%Y")


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


def in_the_past(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That moment has already passed. Give a date and time to come.")
