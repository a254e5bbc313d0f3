"""What return days say: to those invited, and to the coordinators who plan them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config.names import Names
from bot.messages import Choice
from bot.notices import Reply
from bot.returndays.calendar_file import return_day_file
from bot.returndays.commands import PLACE_MAX, Audience, rsvp_button
from bot.texts.formatting import moment_in_words
from bot.texts.i18n import translations
from bot.vocabulary import ReturnDayStatus


@dataclass(frozen=True, slots=True)
class Counted:
    """The answers to a return day: who said what, and how many were asked."""

    yes: Sequence[str]
    no: Sequence[str]
    maybe: Sequence[str]
    invited: int


def audience_text(names: Names, audience: Audience, locale: str) -> str:
    _ = translations(locale).gettext
    if audience.kind == "areas":
        listed = ", ".join(names.area(key) for key in audience.keys)
        return _("initiators in {areas}").format(areas=listed)
    if audience.kind == "themes":
        listed = ", ".join(names.theme(key, locale) for key in audience.keys)
        return _("initiators with the theme {themes}").format(themes=listed)
    if audience.kind == "team":
        return _("the members of {team}").format(team=names.team(audience.keys[0]))
    return _("all initiators")


def reminder(
    number: int,
    starts_at: datetime,
    place: str,
    municipality: str,
    changed_at: datetime,
    zone: ZoneInfo,
    locale: str,
) -> Reply:
    _ = translations(locale).gettext
    summary = _("Return day {municipality}").format(municipality=municipality)
    calendar = return_day_file(number, starts_at, place, summary, municipality, changed_at)
    text = _(
        "Reminder: the return day of {municipality} is on {when} at {place}. "
        "Will you come? (return day {number})"
    ).format(
        municipality=municipality,
        when=moment_in_words(starts_at, zone, locale),
        place=place,
        number=number,
    )
    return Reply(
        text,
        (
            Choice(rsvp_button(number, "yes"), _("I'm coming")),
            Choice(rsvp_button(number, "no"), _("I'm not coming")),
            Choice(rsvp_button(number, "maybe"), _("Maybe")),
        ),
        attachment=calendar,
    )


def rsvp_thanks(answer: str, locale: str) -> str:
    _ = translations(locale).gettext
    return {
        "yes": _("Thank you, see you at the return day!"),
        "no": _("Thank you for letting us know."),
        "maybe": _("Thank you. You will get another reminder before the day."),
    }[answer]


def moved(old: datetime, new: datetime, place: str, zone: ZoneInfo, locale: str) -> str:
    _ = translations(locale).gettext
    return _("The return day of {old} has moved to {new} at {place}.").format(
        old=moment_in_words(old, zone, locale), new=moment_in_words(new, zone, locale), place=place
    )


def cancelled(starts_at: datetime, zone: ZoneInfo, locale: str) -> str:
    _ = translations(locale).gettext
    return _("The return day of {when} has been cancelled. We are sorry.").format(
        when=moment_in_words(starts_at, zone, locale)
    )


def planned(
    number: int, starts_at: datetime, place: str, who: str, zone: ZoneInfo, locale: str
) -> str:
    _ = translations(locale).gettext
    return _(
        "Return day {number} planned: {when} at {place}, for {who}. Reminders go out before it; "
        "type \u201creturnday {number}\u201d to see who is coming."
    ).format(number=number, when=moment_in_words(starts_at, zone, locale), place=place, who=who)


def changed_for_organiser(number: int, status: str, told: int, locale: str) -> str:
    _ = translations(locale).gettext
    if status == ReturnDayStatus.CANCELLED:
        text = _("Return day {number} is cancelled; {told} who said they would come were told.")
    else:
        text = _("Return day {number} is moved; {told} who said they would come were told.")
    return text.format(number=number, told=told)


def overview(
    number: int,
    starts_at: datetime,
    place: str,
    who: str,
    status: str,
    counted: Counted,
    with_names: bool,
    zone: ZoneInfo,
    locale: str,
) -> str:
    """One return day and its answers; names only where only the organiser reads them."""
    _ = translations(locale).gettext
    lines = [
        _("Return day {number}: {when} at {place}, for {who}.").format(
            number=number, when=moment_in_words(starts_at, zone, locale), place=place, who=who
        ),
    ]
    if status == ReturnDayStatus.CANCELLED:
        lines.append(_("Cancelled."))
    unanswered = max(counted.invited - len(counted.yes) - len(counted.no) - len(counted.maybe), 0)
    lines.append(
        _(
            "Coming: {yes} \u00b7 not coming: {no} \u00b7 maybe: {maybe} \u00b7 no answer: {none}"
        ).format(
            yes=len(counted.yes), no=len(counted.no), maybe=len(counted.maybe), none=unanswered
        )
    )
    if with_names:
        for label, people in ((_("Coming"), counted.yes), (_("Maybe"), counted.maybe)):
            if people:
                lines.append(f"{label}: {', '.join(people)}")
    return "\n".join(lines)


def listing(days: Sequence[tuple[int, datetime, str, str]], zone: ZoneInfo, locale: str) -> str:
    _ = translations(locale).gettext
    if not days:
        return _("No return days are planned.")
    lines = [_("Planned return days:")]
    for number, starts_at, place, who in days:
        lines.append(
            f"\u2022 {number}: {moment_in_words(starts_at, zone, locale)}, {place} ({who})"
        )
    return "\n".join(lines)


def usage(why: str, locale: str) -> str:
    _ = translations(locale).gettext
    if why == "audience":
        return _(
            "For whom? End with \u201cfor all\u201d, \u201cfor area Ouddorp, Goedereede\u201d, "
            "\u201cfor theme green\u201d or \u201cfor team west\u201d."
        )
    if why == "place":
        return _("That place is too long: name it in at most {maximum} characters.").format(
            maximum=PLACE_MAX
        )
    return _(
        "To plan a return day: \u201creturnday 2027-01-20 19:30 place for all\u201d. "
        "Then \u201creturnday NUMBER\u201d, \u201creturnday NUMBER move 2027-01-27 19:30\u201d "
        "or \u201creturnday NUMBER cancel\u201d."
    )


def unknown(number: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _("There is no return day {number}.").format(number=number)


def coordinators_only(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Only coordinators plan return days.")


def no_longer_open(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That return day is over or cancelled.")
