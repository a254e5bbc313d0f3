"""What a resident is told about their own initiatives."""

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.config.settings import Config
from bot.texts.formatting import local_date
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
            next_steps.get(locale),
            _("Type \u201cmine\u201d at any time to see how it is doing."),
        ]
    )


def my_initiatives(initiatives: Sequence[Initiative], zone: ZoneInfo, locale: str) -> str:
    _ = translations(locale).gettext
    if not initiatives:
        return _("You have not handed in any initiatives yet. Type \u201cnew\u201d to start one.")
    lines = [_("Your initiatives:")]
    for initiative in initiatives:
        lines.append(
            _("\u2022 {reference} \u201c{title}\u201d, handed in on {date}: {status}").format(
                reference=initiative.reference,
                title=initiative.title,
                date=local_date(initiative.created_at, zone),
                status=status_name(initiative.status, locale),
            )
        )
    return "\n".join(lines)
