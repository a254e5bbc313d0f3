"""What no database can hold goes; everything else people wrote is kept as it is."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.inbox.text_hygiene import cleaned, storable
from bot.messages import Incoming
from tests.hostile import HOSTILE

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("nul\x00in het midden", "nulin het midden"),
        ("\ud800 los \udfff", "\ufffd los \ufffd"),
        ("\U0001f600 \u202egnp.exe \u200b\x1b[31m", "\U0001f600 \u202egnp.exe \u200b\x1b[31m"),
    ],
)
def test_only_nul_and_lone_surrogates_change(text: str, kept: str) -> None:
    assert storable(text) == kept


@given(text=st.one_of(st.text(), st.sampled_from(HOSTILE[:-3])))
def test_what_is_kept_can_be_written_as_utf_8_and_stays_as_it_was(text: str) -> None:
    kept = storable(text)
    kept.encode("utf-8")  # raises for anything PostgreSQL could not take
    assert "\x00" not in kept
    assert storable(kept) == kept
    assert len(kept) == len(text) - text.count("\x00")


def test_every_text_of_an_incoming_message_is_cleaned() -> None:
    dirty = Incoming("telegram", "1", "1", "e1", "a\x00", "b\ud800", "nl\x00", replied_text="\x00")
    clean = cleaned(dirty)
    assert (clean.text, clean.payload, clean.language, clean.replied_text) == (
        "a",
        "b\ufffd",
        "nl",
        "",
    )
