"""What the bot says about erasing personal data, to residents and to teams."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations


def forgotten(withdrawn: int, locale: str) -> str:
    """To the resident, the last message the bot keeps for them until it is sent."""
    _ = translations(locale).gettext
    ngettext = translations(locale).ngettext
    lines = [_("Done: everything we kept about you has been erased.")]
    if withdrawn:
        lines.append(
            ngettext(
                "Withdrawn: {count} open initiative of yours; its contacts have been told.",
                "Withdrawn: {count} open initiatives of yours; their contacts have been told.",
                withdrawn,
            ).format(count=withdrawn)
        )
    lines.append(_("You are welcome back any time: type \u201cnew\u201d to start again."))
    return "\n".join(lines)


def withdrawn_on_request(reference: str, locale: str) -> str:
    """To a team and the contact: an open initiative is gone with its initiator's data."""
    _ = translations(locale).gettext
    return _(
        "{reference} has been withdrawn: its initiator asked us to erase their personal "
        "data. Its details and messages are gone, and there is nothing more to do."
    ).format(reference=reference)


def closed_initiative_expires(reference: str, on: datetime, zone: ZoneInfo, locale: str) -> str:
    """To the initiator of a closed initiative, before the retention period ends."""
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} was closed a while ago. On {date} we will erase your "
        "personal data in it (your name, contact details and messages), as the privacy "
        "statement says. Type \u201cmy data\u201d before then for a copy."
    ).format(reference=reference, date=date_in_words(on, zone, locale))


def conversation_expires(on: datetime, zone: ZoneInfo, locale: str) -> str:
    """To a resident whose conversation has been untouched for a long time."""
    _ = translations(locale).gettext
    return _(
        "We have not heard from you in a while. On {date} we will erase our conversation "
        "with you, with anything you typed that was not handed in. Just send a message "
        "to keep it; type \u201cmy data\u201d for a copy."
    ).format(date=date_in_words(on, zone, locale))
