"""What return days say about who comes: the sign-up link and its poster, people
invited by name, the followers' chats, the places and the waiting list."""

from dataclasses import dataclass

from bot.notices import Reply
from bot.returndays.texts import DayInWords, answer_choices, answerable, calendar, described
from bot.texts.i18n import translations


@dataclass(frozen=True, slots=True)
class SignUpWays:
    """Where a poster's reader can sign up: the platforms the bot is on."""

    code: str
    telegram_link: str = ""  # "https://t.me/<bot>?start=td-<code>"; "" without a username
    telegram: bool = False
    matrix_user: str = ""  # the bot's Matrix id, to write "aanmelden <code>" to


def how_to_sign_up(ways: SignUpWays, locale: str) -> str:
    """One line per platform: the link to open, or the words to send."""
    _ = translations(locale).gettext
    keyword = _("sign up")  # the word the bot reads before a code
    words = f"\u201c{keyword} {ways.code}\u201d"
    lines = []
    if ways.telegram_link:
        lines.append(_("\u2022 Telegram: {link}").format(link=ways.telegram_link))
    elif ways.telegram:
        lines.append(_("\u2022 Telegram: send {words} to the bot").format(words=words))
    if ways.matrix_user:
        link = f"https://matrix.to/#/{ways.matrix_user}"  # opens a chat with the bot
        lines.append(
            _("\u2022 Matrix: open {link} and send {words}").format(link=link, words=words)
        )
    if not lines:
        lines.append(_("\u2022 Send {words} in the chat with the bot.").format(words=words))
    return "\n".join(lines)


def poster(number: int, day: DayInWords, ways: SignUpWays, locale: str) -> str:
    """For the organiser: the text for a poster or a newsletter, and how to close it."""
    _ = translations(locale).gettext
    return "\n\n".join(
        [
            _(
                "Sign-up for return day {number} is open. Put this on a poster or in the news:"
            ).format(number=number),
            _("Come to the return day of {municipality}, {when} at {place}. Sign up:").format(
                municipality=day.municipality, when=day.when(locale), place=day.place
            )
            + "\n"
            + how_to_sign_up(ways, locale),
            _(
                "Whoever signs up gets the invitation with the buttons. To close it: "
                "\u201creturnday {number} signup close\u201d."
            ).format(number=number),
            # The poster could give a Telegram link, but the config lacks the bot's name.
            _(
                "Tip: with [telegram] username in the config, the poster gets a link that "
                "opens Telegram at once."
            )
            if ways.telegram and not ways.telegram_link
            else "",
        ]
    ).rstrip()


def set_in_config(number: int, key: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Return day {number} comes from the config file ([[return_days]] key = "
        "\u201c{key}\u201d). Change it there: a change here would be undone at the next "
        "start."
    ).format(number=number, key=key)


def planned_already(number: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Return day {number} is planned at that moment and place already. Type "
        "\u201creturnday {number}\u201d to see it."
    ).format(number=number)


def signup_closed(number: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Sign-up for return day {number} is closed. Those who signed up stay invited.").format(
        number=number
    )


def welcome(day: DayInWords, locale: str) -> Reply:
    """To someone who signed up: the invitation, with its buttons and calendar file."""
    _ = translations(locale).gettext
    parts = [
        _("Thank you for signing up for the return day of {municipality}.").format(
            municipality=day.municipality
        ),
        *described(day, locale),
        _("Will you come? Choose your answer below."),
    ]
    return answerable("\n\n".join(parts), day, locale)


def unknown_code(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "I do not know that code. Is it typed as on the poster? Such as: "
        "\u201c{keyword} k3m9x2\u201d."
    ).format(keyword=_("sign up"))


def not_open(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Signing up for this return day is not possible (any more): it is over or "
        "cancelled, or signing up has closed. Please ask the municipality."
    )


def for_followers(day: DayInWords, ways: SignUpWays, locale: str) -> Reply:
    """The invitation in a follower's chat (a dorpsraad): each signs up for themselves."""
    _ = translations(locale).gettext
    parts = [
        _("You are invited to the return day of {municipality}.").format(
            municipality=day.municipality
        ),
        *described(day, locale),
        each_signs_up(ways, locale),
    ]
    return Reply("\n\n".join(parts), attachment=calendar(day, locale))


def each_signs_up(ways: SignUpWays, locale: str) -> str:
    """In a followers' chat, for "will you come?": nobody answers for the group."""
    _ = translations(locale).gettext
    return (
        _("Would you like to come? Each of you signs up for themselves:")
        + "\n"
        + how_to_sign_up(ways, locale)
    )


def sign_up_in_private(code: str, locale: str) -> str:
    """To "aanmelden CODE" typed in a group: a sign-up is one person's."""
    _ = translations(locale).gettext
    return _(
        "Each person signs up for themselves, in a chat of their own with the bot: "
        "send \u201c{keyword} {code}\u201d there."
    ).format(keyword=_("sign up"), code=code)


def waiting(day: DayInWords, place_in_line: int, locale: str) -> Reply:
    """On the waiting list, with the buttons: "Ik kom niet" takes them off it."""
    _ = translations(locale).gettext
    text = _(
        "The return day of {when} is full. You are on the waiting list, number "
        "{position}. If a place comes free, you will get a message."
    ).format(when=day.when(locale), position=place_in_line)
    return Reply(text, answer_choices(day.number, locale))


def no_room_for_guests(guests: int, locale: str) -> str:
    translated = translations(locale)
    return translated.ngettext(
        "The day is full: there is no place for more guests. You keep your place, "
        "with {guests} guest.",
        "The day is full: there is no place for more guests. You keep your place, "
        "with {guests} guests.",
        guests,
    ).format(guests=guests)


def place_freed(day: DayInWords, locale: str) -> Reply:
    """To the first on the waiting list whose party fits: the place is theirs."""
    _ = translations(locale).gettext
    text = _(
        "Good news: a place came free at the return day of {when} at {place}. It is "
        "yours now. Can you not come after all? Choose \u201cI'm not coming\u201d, and "
        "the place goes to the next person."
    ).format(when=day.when(locale), place=day.place)
    return answerable(text, day, locale)


def taken_off(day: DayInWords, locale: str) -> Reply:
    _ = translations(locale).gettext
    return Reply(
        _(
            "You are no longer on the list for the return day of {when}. Is that not "
            "right? Please let the municipality know."
        ).format(when=day.when(locale))
    )


def person_added(number: int, name: str, added: bool, locale: str) -> str:
    _ = translations(locale).gettext
    if not added:
        return _("{name} was on the list of return day {number} already.").format(
            name=name, number=number
        )
    return _("{name} is on the list of return day {number} and got the invitation.").format(
        name=name, number=number
    )


def person_removed(number: int, who: str, removed: bool, locale: str) -> str:
    """`who`: their name on the list, or the account typed when they were not on it."""
    _ = translations(locale).gettext
    if not removed:
        return _("{account} was not on the list of return day {number}.").format(
            account=who, number=number
        )
    return _("{account} is no longer on the list of return day {number}.").format(
        account=who, number=number
    )


def capacity_set(number: int, capacity: int | None, given: int, taken: int, locale: str) -> str:
    """To the organiser: the new places, who got one, and whether more come than fit."""
    translated = translations(locale)
    _ = translated.gettext
    if capacity is None:
        text = _("Return day {number} now has no limit on places.").format(number=number)
    else:
        text = translated.ngettext(
            "Return day {number} now has {capacity} place.",
            "Return day {number} now has {capacity} places.",
            capacity,
        ).format(number=number, capacity=capacity)
    if capacity is not None and taken > capacity:
        text += " " + _(
            "{taken} people are coming already. Nobody loses their place: the waiting "
            "list waits until fewer come."
        ).format(taken=taken)
    if given:
        text += " " + translated.ngettext(
            "{count} person from the waiting list got a place.",
            "{count} people from the waiting list got a place.",
            given,
        ).format(count=given)
    return text
