"""Every text of the bot exists in Dutch, with the same placeholders."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.texts.i18n import translations

pytestmark = pytest.mark.pure


BOT = Path(__file__).resolve().parents[2] / "bot"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def _first(text: str | tuple[str, ...]) -> str:
    """A plural entry is known by its singular."""
    return text if isinstance(text, str) else text[0]


def source_texts() -> set[str]:
    return {
        _first(message)
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(BOT), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    }


def dutch_catalog() -> dict[str, str]:
    with (BOT / "texts" / "locale" / "nl" / "LC_MESSAGES" / "initiatiefbot.po").open("rb") as po:
        return {
            _first(m.id): " ".join([m.string] if isinstance(m.string, str) else m.string)
            for m in read_po(po)
            if m.id
        }


def test_the_code_has_texts_to_translate() -> None:
    assert len(source_texts()) > 30


def test_every_text_in_the_code_has_a_dutch_translation() -> None:
    dutch = dutch_catalog()
    missing = sorted(text for text in source_texts() if not dutch.get(text))
    assert not missing, f"add to the Dutch .po file: {missing}"


def test_the_dutch_file_has_no_texts_the_code_no_longer_uses() -> None:
    stale = sorted(set(dutch_catalog()) - source_texts())
    assert not stale, f"remove from the Dutch .po file: {stale}"


def test_translations_keep_the_placeholders() -> None:
    for source, dutch in dutch_catalog().items():
        assert set(PLACEHOLDER.findall(source)) == set(PLACEHOLDER.findall(dutch)), source


def test_the_catalogue_is_used_at_run_time() -> None:
    assert translations("nl").gettext("No") == "Nee"
    assert translations("en").gettext("No") == "No"


def test_plurals_follow_the_number() -> None:
    dutch = translations("nl")
    assert dutch.ngettext("{days} day", "{days} days", 1) == "{days} dag"
    assert dutch.ngettext("{days} day", "{days} days", 3) == "{days} dagen"
