"""What a resident is told about their own initiatives."""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cases.commands import NO, YES, ResidentVerb, resident_word, withdraw_button
from bot.config.settings import Config
from bot.messages import Choice
from bot.notices import Reply
from bot.texts.formatting import date_in_words
from bot.texts.i18n import translations
from bot.vocabulary import Status
from storage.models import Initiative


def status_name(status: str, locale: str) -> str:
    _ = translations(locale).gettext
    names: dict[str, str] = {
        Status.SUBMITTED: _("received, waiting for a contact person"),
        Status.CLAIMED: _("a contact person is working on it"),
        Status.DONE: _("closed: it has been done"),
        Status.NOT_FEASIBLE: _("closed: it is not feasible"),
        Status.WITHDRAWN: _("closed: withdrawn"),
    }
    return names.get(status, status)


def claimed(reference: str, name: str, team: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Good news: {name} of {team} is taking up your initiative {reference}. "
        "You will hear from them soon."
    ).format(name=name, team=team, reference=reference)


def forwarded(reference: str, team: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your initiative {reference} has been passed on to {team}.").format(
        reference=reference, team=team
    )


def closed(reference: str, status: str, name: str, message: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your initiative {reference} is {status}.\nMessage from {name}: {message}").format(
        reference=reference, status=status_name(status, locale), name=name, message=message
    )


def message_from_contact(reference: str, name: str, team: str, text: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Message from {name} ({team}) about your initiative {reference}:\n{text}\n"
        "You can simply write back here."
    ).format(name=name, team=team, reference=reference, text=text)


def passed_on(name: str, reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your message about {reference} has been passed on to {name}.").format(
        name=name, reference=reference
    )


def confirmation(config: Config, reference: str, title: str, theme: str, locale: str) -> str:
    """The receipt after submitting: the reference and what happens next."""
    _ = translations(locale).gettext
    theme_config = next((t for t in config.themes if t.key == theme), None)
    next_steps = (
        theme_config.next_steps
        if theme_config and theme_config.next_steps
        else config.intake.next_steps
    )
    return "\n".join(
        [
            _("Thank you! We have received your initiative \u201c{title}\u201d.").format(
                title=title
            ),
            _("Your reference is {reference}. Please mention it when you contact us.").format(
                reference=reference
            ),
            next_steps.get(locale, config.municipality.address),
            _("Type \u201cmine\u201d at any time to see how it is doing."),
        ]
    )


def my_initiatives(
    initiatives: Sequence[Initiative], zone: ZoneInfo, locale: str, now: datetime
) -> str:
    _ = translations(locale).gettext
    if not initiatives:
        return _("You have not handed in any initiatives yet. Type \u201cnew\u201d to start one.")
    lines = [_("Your initiatives:")]
    for initiative in initiatives:
        lines.append(
            _("\u2022 {reference} \u201c{title}\u201d, handed in on {date}: {status}").format(
                reference=initiative.reference,
                title=initiative.title,
                date=date_in_words(
                    initiative.created_at, zone, locale, now.astimezone(zone).date()
                ),
                status=status_name(initiative.status, locale),
            )
        )
    return "\n".join(lines)


# --- the resident's words after handing in, and their commands


def closed_start_anew(reference: str, locale: str) -> str:
    """Free text long after the close, with nothing open: nobody reads it any more."""
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} is closed, so I did not pass your message on. "
        "Do you have a new idea? Type \u201cnew\u201d and tell me about it."
    ).format(reference=reference)


def withdraw_sure(reference: str, title: str, locale: str) -> Reply:
    _ = translations(locale).gettext
    text = _(
        "Do you want to withdraw your initiative {reference} \u201c{title}\u201d? "
        "Then it is closed and nobody will work on it any more."
    ).format(reference=reference, title=title)
    word, yes = resident_word(ResidentVerb.WITHDRAW, locale), _("yes")
    typed = _("Press a button, or type: {command}").format(command=f"{word} {reference} {yes}")
    return Reply(
        f"{text}\n{typed}",
        (
            Choice(withdraw_button(YES, reference), _("Yes, withdraw it")),
            Choice(withdraw_button(NO, reference), _("No, keep it")),
        ),
    )


def withdrawn(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} is withdrawn. Thank you for letting us know. "
        "You can always start a new one: type \u201cnew\u201d."
    ).format(reference=reference)


def withdraw_kept(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Fine, your initiative {reference} stays as it is.").format(reference=reference)


def not_yours(reference: str, locale: str) -> str:
    """For an unknown number and for someone else's alike: it says nothing of either."""
    _ = translations(locale).gettext
    return _(
        "I cannot find an initiative {reference} of yours. Type \u201cmine\u201d to see "
        "your initiatives and their numbers."
    ).format(reference=reference)


def already_closed(reference: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Your initiative {reference} is already closed. Do you have a new idea? "
        "Type \u201cnew\u201d."
    ).format(reference=reference)


def added(reference: str, to: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("I have added it to {reference} and passed it on to {name}.").format(
        reference=reference, name=to
    )


def too_many_photos(reference: str, most: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _("{reference} already has {count} photos, the most I can keep.").format(
        reference=reference, count=most
    )


def retitled(reference: str, title: str, locale: str) -> str:
    _ = translations(locale).gettext
    return _("Your initiative {reference} now has the title \u201c{title}\u201d.").format(
        reference=reference, title=title
    )


def resident_usage(verb: ResidentVerb, locale: str) -> str:
    _ = translations(locale).gettext
    word = resident_word(verb, locale)
    match verb:
        case ResidentVerb.WITHDRAW:
            text = _(
                "To withdraw an initiative, type \u201c{word} NUMBER\u201d, for example "
                "\u201c{word} 2026-0001\u201d."
            )
        case ResidentVerb.ADD:
            text = _(
                "To add something, type \u201c{word} NUMBER your text\u201d, for example "
                "\u201c{word} 2026-0001 It is about the bench by the harbour.\u201d. "
                "For a photo, send it with \u201c{word} NUMBER\u201d as its caption."
            )
    return text.format(word=word)
