"""A return day's sign-up code: made to be copied off a poster, and read only where
someone really signs up."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.messages import Incoming
from bot.returndays.audience_texts import SignUpWays, poster
from bot.returndays.signup import ALPHABET, CODE_LENGTH, DIGITS, code_in, new_code
from bot.returndays.texts import DayInWords

pytestmark = pytest.mark.pure


def test_a_new_code_is_short_unmistakable_and_holds_a_digit() -> None:
    codes = {new_code() for _ in range(500)}
    assert len(codes) > 490  # random, not a counter
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert set(code) & set(DIGITS)
        assert not set(code) & set("il1o0")


@pytest.mark.parametrize(
    ("text", "payload", "code"),
    [
        ("", "start:td-k3m9x2", "k3m9x2"),  # a Telegram start link
        ("", "start:TD-K3M9X2", None),  # Telegram keeps the case; ours is lowercase
        ("aanmelden k3m9x2", "", "k3m9x2"),
        ("Aanmelden K3M9X2!", "", "k3m9x2"),
        ("aanmelden td-k3m9x2", "", "k3m9x2"),
        ("/aanmelden k3m9x2", "", "k3m9x2"),
        ("sign up k3m9x2", "", "k3m9x2"),
        ("inschrijven k3m9x2.", "", "k3m9x2"),
        ("aanmelden graag", "", None),  # words, not a code
        ("inschrijven morgen", "", None),
        ("aanmelden k3m9x2 en mijn buurman ook", "", None),  # more than a sign-up
        ("k3m9x2", "", None),
        ("aanmelden 3245AB", "", None),  # a postcode, not a code
        ("aanmelden k3l9x2", "", None),  # an l: never in a code
        ("", "start:ouddorp", None),  # the intake's start link for an area
        ("aanmelden k3m9x2", "rsvp:1:yes", None),  # a pressed button is a button
    ],
)
def test_a_code_is_read_from_a_start_link_or_typed_after_the_word(
    text: str, payload: str, code: str | None
) -> None:
    assert code_in(Incoming("telegram", "42", "42", "e1", text, payload)) == code


def test_in_a_group_the_code_is_read_too_so_that_its_sender_can_be_told_where() -> None:
    said = Incoming("telegram", "-100", "42", "e1", "aanmelden k3m9x2", group=True)
    assert code_in(said) == "k3m9x2"


def test_a_poster_without_the_bots_telegram_name_tells_the_organiser_how_to_add_it() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    starts = datetime(2026, 12, 10, 19, 30, tzinfo=zone)
    day = DayInWords(1, starts, "Diekhuus", "Goeree-Overflakkee", starts, zone)
    without = poster(1, day, SignUpWays("k3m9x2", telegram=True), "nl")
    assert "• Telegram: stuur “aanmelden k3m9x2” naar de bot" in without
    assert without.endswith("Dan staat er op de poster een link die Telegram meteen opent.")
    link = "https://t.me/gemeente_bot?start=td-k3m9x2"
    with_link = poster(1, day, SignUpWays("k3m9x2", link, telegram=True), "nl")
    assert f"• Telegram: {link}" in with_link
    assert "Tip" not in with_link
