"""The command menus platforms show (Telegram's "/" list), in Dutch and English."""

from bot.cases.commands import ResidentVerb, Verb, command_word, resident_word
from bot.messages import Menu
from bot.texts.i18n import translations

LANGUAGES = ("nl", "en")


def menus() -> list[Menu]:
    return [menu for language in LANGUAGES for menu in (_private(language), _group(language))]


def _private(locale: str) -> Menu:
    _ = translations(locale).gettext
    dutch = locale == "nl"
    # The other language's word is listed too, so the menu shows how to switch.
    return Menu(
        "private",
        locale,
        (
            ("nieuw" if dutch else "new", _("Hand in a new initiative")),
            ("mijn" if dutch else "mine", _("My initiatives and how they are doing")),
            (
                resident_word(ResidentVerb.ADD, locale),
                _("Add text or a photo to your initiative"),
            ),
            (resident_word(ResidentVerb.WITHDRAW, locale), _("Withdraw your initiative")),
            ("terug" if dutch else "back", _("Back to the previous question")),
            ("overslaan" if dutch else "skip", _("Skip a question that is not required")),
            ("stop", _("Stop, and forget what you typed so far")),
            ("help", _("What I can do")),
            ("language" if dutch else "taal", "English" if dutch else "Nederlands"),
        ),
    )


def _group(locale: str) -> Menu:
    _ = translations(locale).gettext
    verbs = (
        (Verb.OPEN, _("Your team's open initiatives")),
        (Verb.SHOW, _("One initiative and its trail")),
        (Verb.CLAIM, _("Take up an initiative")),
        (Verb.RELEASE, _("Give it back to the team")),
        (Verb.FORWARD, _("Pass it to another team")),
        (Verb.COMMENT, _("An internal note")),
        (Verb.TITLE, _("Give it a better title")),
        (Verb.REPLY, _("Write to the initiator")),
        (Verb.CLOSE, _("Close it")),
        (Verb.HELP, _("What contacts can type")),
    )
    commands = tuple((command_word(verb, locale), text) for verb, text in verbs)
    return Menu("group", locale, (*commands, ("chatid", _("The ids of this chat and of you"))))
