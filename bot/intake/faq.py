"""Common questions answered at once, from the config's [[faq]], with their source."""

from bot.intake.keywords import Keyworded, best
from bot.intake.state import Setting
from bot.texts.i18n import translations


def answer_to(setting: Setting, question: str, locale: str) -> str | None:
    """The configured answer the words of `question` point to, naming its source."""
    entries = [Keyworded(str(index), entry.keywords) for index, entry in enumerate(setting.faq)]
    found = best(question, entries)
    if not isinstance(found, str):
        return None
    entry = setting.faq[int(found)]
    _ = translations(locale).gettext
    return _("{answer} (Source: {source})").format(
        answer=entry.answer.get(locale, setting.address), source=entry.source
    )
