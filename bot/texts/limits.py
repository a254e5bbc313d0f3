"""What someone is told when they send more than the limits allow."""

from bot.texts.i18n import translations


def slow_down(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "You are sending a lot of messages in a row. Please wait a minute; then I will "
        "read along again."
    )


def enough_today(limit: int, locale: str) -> str:
    ngettext = translations(locale).ngettext
    return ngettext(
        "You have handed in {count} initiative in the last 24 hours, the most for one day. "
        "Your answers are kept: send it tomorrow.",
        "You have handed in {count} initiatives in the last 24 hours, the most for one day. "
        "Your answers are kept: send it tomorrow.",
        limit,
    ).format(count=limit)


def too_long(length: int, maximum: int, locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "That message is too long for me ({length} characters). Please keep it to "
        "{maximum} characters, or send it in parts."
    ).format(length=length, maximum=maximum)


def slow_core(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "It is a little busy: your message has arrived and I will answer it in a moment. "
        "No need to send it again."
    )
