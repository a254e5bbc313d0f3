"""What return days say: to those invited, and to the coordinators who plan them."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.config.names import Names
from bot.config.settings import RETURN_DAY_TEXT_MAX
from bot.messages import Attachment, Choice
from bot.notices import Reply
from bot.returndays.calendar_file import CalendarEvent, return_day_file
from bot.returndays.commands import FEEDBACK_ANSWERS, PLACE_MAX, Audience, rsvp_button
from bot.texts.formatting import example_date, moment_in_words
from bot.texts.i18n import dutch_address, translations
from bot.vocabulary import ReturnDayStatus


@dataclass(frozen=True, slots=True)
class Counted:
    """The answers to a return day: who said what, and how many were asked."""

    yes: Sequence[str]
    no: Sequence[str]
    maybe: Sequence[str]
    invited: int
    guests: int = 0  # brought by those who said yes
    feedback: Mapping[str, int] | None = None  # "hoe was het?" answered, once asked
    waiting: Sequence[str] = ()  # on the waiting list, first come first
    capacity: int | None = None  # the day's places; None: no limit


def audience_text(names: Names, audience: Audience, locale: str) -> str:
    _ = translations(locale).gettext
    who = _kind_text(names, audience, locale)
    if not audience.followers:
        return who
    followers = _("the chats of {followers}").format(followers=", ".join(audience.followers))
    return _("{who} and {followers}").format(who=who, followers=followers)


def _kind_text(names: Names, audience: Audience, locale: str) -> str:
    _ = translations(locale).gettext
    if audience.kind == "areas":
        listed = ", ".join(names.area(key) for key in audience.keys)
        return _("initiators in {areas}").format(areas=listed)
    if audience.kind == "themes":
        listed = ", ".join(names.theme(key, locale) for key in audience.keys)
        return _("initiators with the theme {themes}").format(themes=listed)
    if audience.kind == "team":
        return _("the members of {team}").format(team=names.team(audience.keys[0]))
    if audience.kind == "named":
        return _("those invited by name or who sign up")
    return _("all initiators")


@dataclass(frozen=True, slots=True)
class DayInWords:
    """A return day as its invitees read of it: never by its number, which only the
    calendar file's UID holds. `purpose` and `programme` by language (`ReturnDay`)."""

    number: int
    starts_at: datetime
    place: str
    municipality: str
    changed_at: datetime
    zone: ZoneInfo
    purpose: Mapping[str, str] | None = None
    programme: Mapping[str, str] | None = None

    def when(self, locale: str) -> str:
        return moment_in_words(self.starts_at, self.zone, locale)


def in_language(texts: Mapping[str, str] | None, locale: str) -> str:
    """A text given by language in the reader's: the polite Dutch where the municipality
    says "u", else the locale's, else whichever there is (typed in chat, in one)."""
    if not texts:
        return ""
    if locale == "nl" and dutch_address() == "u" and texts.get("u"):
        return texts["u"]
    return texts.get(locale) or next(iter(texts.values()), "")


def invitation(day: DayInWords, locale: str) -> Reply:
    """The first message of a return day: what it is, when and where, the programme."""
    _ = translations(locale).gettext
    parts = [
        _("You are invited to the return day of {municipality}.").format(
            municipality=day.municipality
        ),
        *described(day, locale),
        _(
            "Will you come? Choose your answer below. "
            "With the file you put the day in your calendar."
        ),
    ]
    return answerable("\n\n".join(parts), day, locale)


def described(day: DayInWords, locale: str) -> list[str]:
    """What the day is for, when and where it is, and its programme if it has one."""
    _ = translations(locale).gettext
    purpose = in_language(day.purpose, locale) or _(
        "At a return day we look back together: how are the initiatives going, what "
        "works well and where is help needed? You meet initiators and the people of "
        "the municipality who support them."
    )
    parts = [
        purpose,
        _("When: {when}\nWhere: {place}").format(when=day.when(locale), place=day.place),
    ]
    programme = in_language(day.programme, locale)
    if programme:
        parts.append(_("Programme:") + "\n" + programme)
    return parts


def reminder(day: DayInWords, today: date, locale: str) -> Reply:
    """ "Nog een week: …", "Morgen: …", counted in local dates from `today`."""
    _ = translations(locale).gettext
    text = _("{lead}: the return day of {municipality}, {when} at {place}. Will you come?")
    return answerable(
        text.format(
            lead=_days_ahead(day, today, locale),
            municipality=day.municipality,
            when=day.when(locale),
            place=day.place,
        ),
        day,
        locale,
    )


def _days_ahead(day: DayInWords, today: date, locale: str) -> str:
    translated = translations(locale)
    _ = translated.gettext
    days = (day.starts_at.astimezone(day.zone).date() - today).days
    if days <= 0:
        return _("Today")
    if days == 1:
        return _("Tomorrow")
    if days == 7:
        return _("One more week")
    return translated.ngettext("In {n} day", "In {n} days", days).format(n=days)


def moved(day: DayInWords, old: datetime, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "The return day of {old} has moved to {new} at {place}. Can you come then? "
        "With the file your calendar moves it too."
    ).format(old=moment_in_words(old, day.zone, locale), new=day.when(locale), place=day.place)
    return answerable(text, day, locale)


def cancelled(day: DayInWords, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _("The return day of {when} has been cancelled. We are sorry.").format(
        when=day.when(locale)
    )
    return Reply(text, attachment=calendar(day, locale, cancelled=True))


def answerable(text: str, day: DayInWords, locale: str) -> Reply:
    """`text` with the answer buttons and the calendar file."""
    return Reply(text, answer_choices(day.number, locale), attachment=calendar(day, locale))


def answer_choices(number: int, locale: str) -> tuple[Choice, ...]:
    _ = translations(locale).gettext
    return (
        Choice(rsvp_button(number, "yes"), _("I'm coming")),
        Choice(rsvp_button(number, "no"), _("I'm not coming")),
        Choice(rsvp_button(number, "maybe"), _("Maybe")),
    )


def calendar(day: DayInWords, locale: str, cancelled: bool = False) -> Attachment:
    _ = translations(locale).gettext
    event = CalendarEvent(
        day.number,
        day.starts_at,
        day.place,
        _("Return day {municipality}").format(municipality=day.municipality),
        day.municipality,
        day.changed_at,
        in_language(day.programme, locale),
        cancelled,
    )
    return return_day_file(event, day.zone)


def rsvp_thanks(answer: str, locale: str) -> str:
    _ = translations(locale).gettext
    return {
        "yes": _("Thank you, see you at the return day!"),
        "no": _("Thank you for letting us know."),
        "maybe": _("Thank you. You will get another reminder before the day."),
    }[answer]


def planned(
    number: int,
    starts_at: datetime,
    place: str,
    who: str,
    invited: int,
    zone: ZoneInfo,
    locale: str,
) -> str:
    _ = translations(locale).gettext
    return _(
        "Return day {number} planned: {when} at {place}, for {who}. Invitations sent: "
        "{invited}. Reminders go out before it; type \u201creturnday {number}\u201d to see "
        "who is coming."
    ).format(
        number=number,
        when=moment_in_words(starts_at, zone, locale),
        place=place,
        who=who,
        invited=invited,
    )


def changed_for_organiser(number: int, status: str, told: int, locale: str) -> str:
    """`told`: the chats told, of people and of followers (a dorpsraad's group is one)."""
    translated = translations(locale)
    if status == ReturnDayStatus.CANCELLED:
        text = translated.ngettext(
            "Return day {number} is cancelled. {told} chat of those who did not say no was told.",
            "Return day {number} is cancelled. {told} chats of those who did not say no were told.",
            told,
        )
    else:
        text = translated.ngettext(
            "Return day {number} is moved. {told} chat of those who did not say no was told.",
            "Return day {number} is moved. {told} chats of those who did not say no were told.",
            told,
        )
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
    answered = len(counted.yes) + len(counted.no) + len(counted.maybe) + len(counted.waiting)
    unanswered = max(counted.invited - answered, 0)
    lines.append(
        _(
            "Coming: {yes} \u00b7 not coming: {no} \u00b7 maybe: {maybe} \u00b7 no answer: {none}"
        ).format(
            yes=len(counted.yes), no=len(counted.no), maybe=len(counted.maybe), none=unanswered
        )
    )
    lines.append(
        _("Guests: {guests} \u00b7 people in all: {total}").format(
            guests=counted.guests, total=len(counted.yes) + counted.guests
        )
    )
    if counted.capacity is not None:
        lines.append(
            _("Places taken: {taken} of {capacity} \u00b7 waiting list: {waiting}").format(
                taken=len(counted.yes) + counted.guests,
                capacity=counted.capacity,
                waiting=len(counted.waiting),
            )
        )
    if counted.feedback is not None:
        lines.append(
            _("How was it? good: {good} \u00b7 so-so: {fair} \u00b7 not good: {bad}").format(
                **{answer: counted.feedback.get(answer, 0) for answer in FEEDBACK_ANSWERS}
            )
        )
    if with_names:
        named = (
            (_("Coming"), counted.yes),
            (_("Maybe"), counted.maybe),
            (_("Waiting list"), counted.waiting),
        )
        for label, people in named:
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


def usage(why: str, locale: str, today: date) -> str:
    _ = translations(locale).gettext
    if why == "audience":
        return _(
            "For whom? End with \u201cfor all\u201d, \u201cfor area Ouddorp, Goedereede\u201d, "
            "\u201cfor theme green\u201d, \u201cfor team west\u201d or \u201cfor "
            "participants\u201d (only those you add and who sign up). Add the chats of "
            "followers with \u201cand followers Dorpsraad Ouddorp\u201d."
        )
    if why == "person":
        return _(
            "To invite someone by name: \u201creturnday NUMBER participant "
            "matrix:@anna:example.org Anna de Vries\u201d (a Telegram account is a number, "
            "such as telegram:123456). To take them off: \u201creturnday NUMBER "
            "participant remove matrix:@anna:example.org\u201d. On Telegram a sign-up link "
            "is easier: \u201creturnday NUMBER signup\u201d."
        )
    if why == "reply":
        return _(
            "To answer someone: \u201creturnday NUMBER reply ACCOUNT your text\u201d, with "
            "the account the bot named when it passed on their words."
        )
    if why == "capacity":
        return _(
            "How many places? \u201creturnday NUMBER places 25\u201d (guests included), or "
            "\u201creturnday NUMBER places none\u201d for no limit."
        )
    if why == "place":
        return _("That place is too long: name it in at most {maximum} characters.").format(
            maximum=PLACE_MAX
        )
    if why == "followup":
        return _(
            "After the day, write to those who came: \u201creturnday NUMBER followup\u201d "
            "and your text, such as what was agreed and what comes next. They are asked "
            "how it was."
        )
    if why == "text":
        return _(
            "Keep what follows \u201cpurpose:\u201d and \u201cprogramme:\u201d within "
            "{maximum} characters each."
        ).format(maximum=RETURN_DAY_TEXT_MAX)
    planned, moved = example_date(today, 6), example_date(today, 7)
    return " ".join(
        [
            _(
                "To plan a return day: \u201creturnday {day} 19:30 place for all\u201d, "
                "optionally with \u201cpurpose: \u2026\u201d and \u201cprogramme: \u2026\u201d "
                "on the lines below. "
                "Then \u201creturnday NUMBER\u201d, \u201creturnday NUMBER move {later} "
                "19:30\u201d or \u201creturnday NUMBER cancel\u201d."
            ).format(day=planned, later=moved),
            _(
                "Who comes: \u201creturnday NUMBER participant ACCOUNT NAME\u201d, "
                "\u201creturnday NUMBER signup\u201d (a poster's link) and \u201creturnday "
                "NUMBER places 25\u201d."
            ),
        ]
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
