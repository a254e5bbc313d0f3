import pytest

from bot.matching import Named, Unclear, match, normalize

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Stad aan 't Haringvliet", "stad aan t haringvliet"),
        ("Oude-Tonge", "oude tonge"),
        ("  MÉLISSANT ", "melissant"),
        ("Café", "cafe"),
        ("!!!", ""),
    ],
)
def test_normalize_folds_case_accents_and_punctuation(text: str, normal: str) -> None:
    assert normalize(text) == normal


OPTIONS = [Named("a", ("Dirksland",)), Named("b", ("Herkingen",)), Named("c", ("Den Bommel",))]


def test_exact_prefix_and_typo() -> None:
    assert match("dirksland", OPTIONS) == "a"
    assert match("Dirk", OPTIONS) == "a"
    assert match("Herkinge", OPTIONS) == "b"
    assert match("den bomel", OPTIONS) == "c"


def test_no_guess_when_nothing_is_close() -> None:
    assert match("Amsterdam", OPTIONS) is None
    assert match("", OPTIONS) is None


def test_equal_candidates_are_reported_not_picked() -> None:
    options = [Named("x", ("Noord",)), Named("y", ("Noordwest",))]
    assert match("noord", options) == "x"  # exact beats prefix
    assert match("noo", options) == Unclear(("x", "y"))
