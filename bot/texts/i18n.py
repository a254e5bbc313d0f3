"""Translations of the bot's own texts, kept as gettext catalogues.

Source texts in the code are English; `locale/nl/LC_MESSAGES/initiatiefbot.po`
holds the Dutch, addressing the reader with "je". `initiatiefbot-u.po` beside it
holds only the texts that read differently with the polite "u"; when the
municipality chooses "u" ([municipality] address), that catalogue answers first
and the "je" catalogue answers the rest.

The `.po` files are compiled in memory at first use, so there is no build step
and no compiled file to keep in step with them; Babel, which reads them, is
loaded then too.
"""

import gettext
from functools import cache
from importlib.resources import files
from io import BytesIO

LOCALES = ("nl", "en")
DOMAIN = "initiatiefbot"
# How the Dutch texts address the reader; the first is the default.
ADDRESSES = ("je", "u")


class _Chosen:
    """The Dutch form of address of this process: one choice, made at startup.

    Like the cache of `translations`, it is shared by everything in the process;
    `set_dutch_address` changes both together."""

    dutch_address = ADDRESSES[0]


_CHOSEN = _Chosen()


def set_dutch_address(form: str) -> None:
    """Address Dutch readers with `form` ("je" or "u") from now on, in the whole process.

    Called once at startup, before any text is made."""
    if form not in ADDRESSES:
        raise ValueError(f"address must be one of {ADDRESSES}, not {form!r}")
    _CHOSEN.dutch_address = form
    translations.cache_clear()


def dutch_address() -> str:
    """The form chosen with `set_dutch_address`: "je" unless told otherwise."""
    return _CHOSEN.dutch_address


def catalogue_name(address: str = ADDRESSES[0]) -> str:
    """The file name of a catalogue: the full one, or the one for the "u" form."""
    return DOMAIN if address == ADDRESSES[0] else f"{DOMAIN}-{address}"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The catalogue for `locale`; English is the source language and needs none."""
    if locale == "en":
        return gettext.NullTranslations()
    full = _compiled(locale, catalogue_name())
    if locale != "nl" or _CHOSEN.dutch_address == ADDRESSES[0]:
        return full
    polite = _compiled(locale, catalogue_name(_CHOSEN.dutch_address))
    polite.add_fallback(full)
    return polite


def _compiled(locale: str, name: str) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po_file = files("bot.texts").joinpath("locale", locale, "LC_MESSAGES", f"{name}.po")
    with po_file.open("rb") as source:
        catalog = read_po(source, locale=locale, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
