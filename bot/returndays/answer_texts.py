"""What return days say to answers typed in words, and after the day: the follow-up to
those who came, its "hoe was het?", and the organiser's attendance list."""

from collections.abc import Sequence

from bot.messages import Choice
from bot.notices import Reply
from bot.returndays.commands import FEEDBACK_ANSWERS, feedback_button, rsvp_button
from bot.returndays.reading import Answer
from bot.returndays.texts import DayInWords, answer_choices, answerable, described
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations


def understood(day: DayInWords, answer: str, guests: int, locale: str) -> Reply:
    """What was understood of a typed answer, in words, and how to change it."""
    translated = translations(locale)
    _ = translated.gettext
    when = date_in_words(day.starts_at, day.zone, locale)
    if answer == "yes" and guests:
        said = translated.ngettext(
            "Good, you are coming with {guests} guest. See you on {day}!",
            "Good, you are coming with {guests} guests. See you on {day}!",
            guests,
        ).format(guests=guests, day=when)
    elif answer == "yes":
        said = _("Good, you are coming. See you on {day}!").format(day=when)
    elif answer == "no":
        said = _("A pity you cannot come. Thank you for letting us know.")
    else:
        said = _("Maybe, then. You will get another reminder before {day}.").format(day=when)
    change = _(
        "Plans change? Type it, such as \u201cI'm not coming\u201d or \u201cI'm coming with "
        "one guest\u201d, or choose below."
    )
    return Reply(f"{said}\n{change}", answer_choices(day.number, locale))


def about(day: DayInWords, locale: str) -> Reply:
    """A question about the day answered: what it is for, when and where, the programme."""
    _ = translations(locale).gettext
    parts = [
        _("About the return day of {municipality}:").format(municipality=day.municipality),
        *described(day, locale),
        _("Will you come? Choose below, or type it: \u201cI'm coming\u201d, \u201cmaybe\u201d."),
    ]
    return answerable("\n\n".join(parts), day, locale)


def which_day(days: Sequence[DayInWords], said: Answer, locale: str) -> Reply:
    """A typed answer from someone invited to more than one day: which is it for? The
    days by date and place; the buttons keep the answer and its guests."""
    _ = translations(locale).gettext
    return Reply(
        _("You are invited to more than one return day. Which one is your answer for?"),
        tuple(
            Choice(
                rsvp_button(day.number, said.answer, said.guests),
                _("{day}, {place}").format(
                    day=date_in_words(day.starts_at, day.zone, locale), place=day.place
                ),
            )
            for day in days
        ),
    )


def for_organiser(
    number: int, day: DayInWords, name: str, account: str, text: str, locale: str
) -> Reply:
    """To the organiser: what an invitee wrote that the bot could not read, and how to
    answer them (the account names them for the command, and for an erasure to find)."""
    _ = translations(locale).gettext
    who = name or _("someone who signed up")
    return Reply(
        _("{who} writes about return day {number} ({when}):").format(
            who=who, number=number, when=day.when(locale)
        )
        + f"\n\u201c{text}\u201d\n"
        + _("To answer: \u201creturnday {number} reply {account} your text\u201d.").format(
            number=number, account=account
        )
    )


def from_organiser(day: DayInWords, message: str, locale: str) -> Reply:
    _ = translations(locale).gettext
    heading = _("A message from the organiser of the return day of {when}:").format(
        when=day.when(locale)
    )
    return Reply(f"{heading}\n{message}")


def replied(who: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your answer went to {who}.").format(who=who)


def not_invited(account: str, number: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{account} is not invited to return day {number}.").format(
        account=account, number=number
    )


def passed_to_organiser(day: DayInWords, locale: str) -> Reply:
    """To the invitee whose words went to the organiser: and are you coming?"""
    _ = translations(locale).gettext
    return Reply(
        _(
            "I passed your message on to the organiser of the return day of {when}. Will "
            "you come? Choose below. Do you have an idea for your village or "
            "neighbourhood? Type \u201cnew\u201d."
        ).format(when=day.when(locale)),
        answer_choices(day.number, locale),
    )


def follow_up(day: DayInWords, message: str, locale: str) -> Reply:
    """The organiser's message after the day, to one who came, and one question."""
    _ = translations(locale).gettext
    lead = _("A message after the return day of {day}:").format(
        day=date_in_words(day.starts_at, day.zone, locale)
    )
    labels = dict(zip(FEEDBACK_ANSWERS, (_("Good"), _("So-so"), _("Not good")), strict=True))
    question = _("How was it?")
    return Reply(
        f"{lead}\n\n{message}\n\n{question}",
        tuple(Choice(feedback_button(day.number, key), label) for key, label in labels.items()),
    )


def followed_up(number: int, sent: int, locale: str) -> str:
    translated = translations(locale)
    return translated.ngettext(
        "Your message after return day {number} went to {sent} person who came. Their "
        "answers to \u201chow was it?\u201d show in \u201creturnday {number}\u201d.",
        "Your message after return day {number} went to {sent} people who came. Their "
        "answers to \u201chow was it?\u201d show in \u201creturnday {number}\u201d.",
        sent,
    ).format(number=number, sent=sent)


def not_after_yet(day: DayInWords, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "The return day has not started yet: send the follow-up after {when}. Changes "
        "before the day go with \u201cmove\u201d or \u201ccancel\u201d."
    ).format(when=day.when(locale))


def cancelled_day(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That return day was cancelled: there is nobody to follow up.")


def followed_up_before(locale: str) -> str:
    _ = translations(locale).gettext
    return _("The follow-up of this return day went before; it goes once.")


def nobody_came(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Nobody said they would come: there is nobody to send a follow-up to.")


def thanks_for_feedback(locale: str) -> str:
    _ = translations(locale).gettext
    return _("Thank you for your answer!")


def not_asked(locale: str) -> str:
    _ = translations(locale).gettext
    return _("That question is not open for you.")


def attendance(number: int, day: DayInWords, people: Sequence[tuple[str, int]], locale: str) -> str:
    """Who said they come, with their guests, by name only; and how many in all."""
    translated = translations(locale)
    _ = translated.gettext
    guests = sum(count for _name, count in people)
    lines = [
        _("Attendance of return day {number}, {when}, {place}:").format(
            number=number, when=day.when(locale), place=day.place
        )
    ]
    for name, count in people:
        with_guests = translated.ngettext("{name} (+{n} guest)", "{name} (+{n} guests)", count)
        lines.append("\u2022 " + (with_guests.format(name=name, n=count) if count else name))
    lines.append(
        _("Coming: {coming} \u00b7 guests: {guests} \u00b7 people in all: {total}").format(
            coming=len(people), guests=guests, total=len(people) + guests
        )
    )
    return "\n".join(lines)


def attendance_in_private(locale: str) -> str:
    _ = translations(locale).gettext
    return _("The attendance list names people: ask for it in a private chat with the bot.")


def unknown_name(locale: str) -> str:
    _ = translations(locale).gettext
    return _("(name unknown)")
