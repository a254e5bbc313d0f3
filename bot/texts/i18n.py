"""Translations of the bot's own texts, kept as gettext catalogues.

Source texts in the code are English; `locale/nl/LC_MESSAGES/initiatiefbot.po`
holds the Dutch. The `.po` file is compiled in memory at first use, so there is
no build step and no compiled file to keep in step with it; Babel, which reads
it, is loaded then too.
"""

import gettext
from functools import cache
from importlib.resources import files
from io import BytesIO

LOCALES = ("nl", "en")
DOMAIN = "initiatiefbot"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The catalogue for `locale`; English is the source language and needs none."""
    if locale == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po_file = files("bot.texts").joinpath("locale", locale, "LC_MESSAGES", f"{DOMAIN}.po")
    with po_file.open("rb") as source:
        catalog = read_po(source, locale=locale, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
