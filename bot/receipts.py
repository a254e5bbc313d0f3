"""What a resident is told about their own initiatives."""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.config import Config
from bot.i18n import translations
from storage.models import Initiative


def status_name(status: str, locale: str) -> str:
    _ = translations(locale).gettext
    names = {"submitted": _("received, waiting for a contact person")}
    return names.get(status, status)


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
                date=_local_date(initiative.created_at, zone),
                status=status_name(initiative.status, locale),
            )
        )
    return "\n".join(lines)


def _local_date(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d-%m-%Y")
