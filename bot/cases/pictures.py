"""What a resident sent with their initiative, for the contact to see: their photos and
the spot they shared on the map.

The contact who takes an initiative up gets both in their private chat, and so does
anyone who asks `toon` there. A team chat is read by more people than need to see a
resident's photos or where they pointed (a front door, a face), so a team's
notification and a `toon` in a team chat only say what there is, and where to see it.

The spot goes as a map pin where the platform has one (`Reply.location`), with a link
to OpenStreetMap in the text for the console and for anyone whose app shows no pin. Each
message names the initiative's reference, so an erasure that removes the messages about
an initiative removes these too.
"""

from bot.cases.commands import Verb, command_word
from bot.cases.photos import photo_notices
from bot.intake.geo import shared_location
from bot.messages import Location
from bot.notices import Notice, Reply
from bot.texts.i18n import translations
from storage.models import Initiative

# Close enough to see the street and the house numbers.
MAP_ZOOM = 18


def sent_along(initiative: Initiative, locale: str, private: bool = True) -> str:
    """One line on what came with the initiative: "Sent along: 3 photos, a spot on the
    map"; "" when nothing did. Outside a `private` chat it says where to see them."""
    language = translations(locale)
    _ = language.gettext
    count = len(initiative.photos)
    parts: list[str] = []
    if count:
        parts.append(
            language.ngettext("{count} photo", "{count} photos", count).format(count=count)
        )
    if shared_location(initiative.answers) is not None:
        parts.append(_("a spot on the map"))
    if not parts:
        return ""
    line = _("Sent along: {what}.").format(what=", ".join(parts))
    if private:
        return line
    where = _("To see them, type \u201c{show} {reference}\u201d in a private chat with the bot.")
    show = command_word(Verb.SHOW, locale)
    return f"{line} {where.format(show=show, reference=initiative.reference)}"


def shown_to(initiative: Initiative, chat: str, locale: str) -> list[Notice]:
    """The spot and the photos of `initiative`, for one private chat ("channel:id")."""
    reference = initiative.reference
    where = shared_location(initiative.answers)
    pin = [] if where is None else [Notice(chat, spot(reference, where, locale))]
    return [*pin, *photo_notices(reference, initiative.photos, [(chat, locale)])]


def spot(reference: str, where: Location, locale: str) -> Reply:
    """The pin, and the same spot as a link for where no pin can be shown."""
    _ = translations(locale).gettext
    text = _("The spot of {reference} that the initiator shared: {link}").format(
        reference=reference, link=map_link(where)
    )
    return Reply(text, location=where)


def map_link(where: Location) -> str:
    """The spot on OpenStreetMap, marked, at street level."""
    latitude, longitude = f"{where.latitude:.6f}", f"{where.longitude:.6f}"
    return (
        f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
        f"#map={MAP_ZOOM}/{latitude}/{longitude}"
    )
