"""The Dutch texts address the reader with "je", or with "u" where the municipality chooses."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from bot.texts.i18n import dutch_address, set_dutch_address, translations

pytestmark = pytest.mark.pure

MESSAGES = Path(__file__).resolve().parents[2] / "bot" / "texts" / "locale" / "nl" / "LC_MESSAGES"
# Words that address the reader informally; "dank je" and "alsjeblieft" included.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie|alsjeblieft)\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _entries(name: str) -> dict[str, Message]:
    with (MESSAGES / name).open("rb") as po:
        return {_key(m): m for m in read_po(po) if m.id}


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _texts(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


@pytest.fixture(scope="module")
def informal() -> dict[str, Message]:
    return _entries("initiatiefbot.po")


@pytest.fixture(scope="module")
def polite() -> dict[str, Message]:
    return _entries("initiatiefbot-u.po")


@pytest.fixture
def with_u() -> Iterator[None]:
    set_dutch_address("u")
    yield
    set_dutch_address("je")


def test_every_text_that_says_je_has_a_u_form(
    informal: dict[str, Message], polite: dict[str, Message]
) -> None:
    missing = sorted(
        key
        for key, message in informal.items()
        if any(INFORMAL.search(text) for text in _texts(message)) and key not in polite
    )
    assert not missing, f"add to initiatiefbot-u.po: {missing}"


def test_no_u_form_still_says_je(polite: dict[str, Message]) -> None:
    informal_left = {
        key: text
        for key, message in polite.items()
        for text in _texts(message)
        if INFORMAL.search(text)
    }
    assert not informal_left


def test_every_u_form_is_filled_in(polite: dict[str, Message]) -> None:
    assert polite
    assert all(all(_texts(message)) for message in polite.values())


def test_the_u_file_has_no_texts_the_je_file_lacks(
    informal: dict[str, Message], polite: dict[str, Message]
) -> None:
    assert not sorted(set(polite) - set(informal))
    for key, message in polite.items():
        assert message.id == informal[key].id, key  # a plural has the same plural form


def test_both_forms_keep_the_placeholders(
    informal: dict[str, Message], polite: dict[str, Message]
) -> None:
    for key, message in polite.items():
        assert len(_texts(message)) == len(_texts(informal[key])), key
        for text in _texts(message):
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(key)), key


def test_je_is_the_default() -> None:
    assert dutch_address() == "je"
    assert translations("nl").gettext("Your initiatives:") == "Je initiatieven:"


def test_an_example_text_renders_in_both_forms(with_u: None) -> None:
    text = "Your message about {reference} has been passed on to {name}."
    polite = translations("nl").gettext(text).format(reference="2026-0001", name="Anna")
    assert polite == "Uw bericht over 2026-0001 is doorgegeven aan Anna."
    set_dutch_address("je")
    informal = translations("nl").gettext(text).format(reference="2026-0001", name="Anna")
    assert informal == "Je bericht over 2026-0001 is doorgegeven aan Anna."


def test_with_u_the_je_file_answers_what_the_u_file_lacks(with_u: None) -> None:
    dutch = translations("nl")
    assert dutch.gettext("Your initiatives:") == "Uw initiatieven:"
    assert dutch.gettext("No") == "Nee"
    assert dutch.gettext("Bedankt, fijn om te horen!") == "Bedankt, fijn om te horen!"
    assert dutch.ngettext("{days} day", "{days} days", 3) == "{days} dagen"
    assert (
        dutch.ngettext(
            "• {count} message from the bot to you", "• {count} messages from the bot to you", 2
        )
        == "• {count} berichten van de bot aan u"
    )
    assert translations("en").gettext("Your initiatives:") == "Your initiatives:"


def test_only_je_or_u_can_be_chosen() -> None:
    with pytest.raises(ValueError, match="address"):
        set_dutch_address("jij")
    assert dutch_address() == "je"
