"""Reading answers: areas, themes, several choices, phone numbers and email."""

import pytest

from bot.intake.answers import Accepted, Rejected, read_answer
from bot.intake.state import Setting

pytestmark = pytest.mark.pure


def answer(setting: Setting, step_id: str, text: str, locale: str = "nl") -> object:
    result = read_answer(setting, setting.flow.step(step_id), text, locale)
    return result.value if isinstance(result, Accepted) else result


@pytest.mark.parametrize(
    ("typed", "area"),
    [
        ("1", "ouddorp"),
        ("14", "nieuwe-tonge"),
        ("Ouddorp", "ouddorp"),
        ("OUDDORP", "ouddorp"),
        ("  ouddorp ", "ouddorp"),
        ("oude tonge", "oude-tonge"),
        ("Oude-Tonge", "oude-tonge"),
        ("stad aan t haringvliet", "stad-aan-t-haringvliet"),
        ("Stad aan \u2019t Haringvliet", "stad-aan-t-haringvliet"),
        ("Midelharnis", "middelharnis"),
        ("Somelsdijk", "sommelsdijk"),
        ("Melissánt", "melissant"),
        ("havenhoofd", "goedereede"),
        ("3253", "ouddorp"),
        ("3241 AB", "middelharnis"),
        ("3241ab", "middelharnis"),
        ("Ooltgens", "ooltgensplaat"),
    ],
)
def test_an_area_is_found_by_number_name_typo_alias_or_postcode(
    setting: Setting, typed: str, area: str
) -> None:
    assert answer(setting, "area", typed) == area


@pytest.mark.parametrize("typed", ["0", "15", "Rotterdam", "x", "\u00b2", "\u0663"])
def test_an_unknown_area_is_refused_with_a_pointer_to_the_list(
    setting: Setting, typed: str
) -> None:
    result = answer(setting, "area", typed)
    assert isinstance(result, Rejected)
    assert result.misunderstood  # the choices are shown again
    assert "Ik begrijp" in result.reason


def test_an_unknown_postcode_is_named(setting: Setting) -> None:
    result = answer(setting, "area", "1234 AB")
    assert isinstance(result, Rejected)
    assert "Postcode 1234" in result.reason
    assert "Goeree-Overflakkee" in result.reason


def test_a_name_that_fits_two_areas_is_not_guessed(setting: Setting) -> None:
    result = answer(setting, "area", "tonge")
    assert isinstance(result, Rejected)
    result = answer(setting, "area", "Nieuwe")
    assert result == "nieuwe-tonge"


def test_an_ambiguous_prefix_asks_which_one(setting: Setting) -> None:
    result = answer(setting, "theme", "zo")  # too short to guess from
    assert isinstance(result, Rejected)
    result = answer(setting, "area", "Oud")  # Ouddorp and Oude-Tonge
    assert isinstance(result, Rejected)
    assert "Ouddorp" in result.reason
    assert "Oude-Tonge" in result.reason


@pytest.mark.parametrize(
    ("typed", "theme"),
    [
        ("1", "groen"),
        ("groen", "groen"),
        ("Verkeer en veiligheid", "verkeer"),
        ("traffic", "verkeer"),
        ("Cultuur", "cultuur-sport"),
        ("7", "anders"),
    ],
)
def test_a_theme_is_found_by_number_or_name_in_either_language(
    setting: Setting, typed: str, theme: str
) -> None:
    assert answer(setting, "theme", typed) == theme


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("1, 3", ["advice", "permit"]),
        ("1,3", ["advice", "permit"]),
        ("1 3", ["advice", "permit"]),
        ("3; 1; 3", ["permit", "advice"]),
        ("advies en geld", ["advice", "money"]),
        ("Advice and money", ["advice", "money"]),
        ("subsidie", ["money"]),
        ("6", ["other"]),
    ],
)
def test_several_choices_in_one_message(setting: Setting, typed: str, keys: list[str]) -> None:
    assert answer(setting, "help_wanted", typed) == keys


@pytest.mark.parametrize("typed", ["1, 9", ",", "0", "vliegtuig"])
def test_one_wrong_choice_refuses_the_whole_answer(setting: Setting, typed: str) -> None:
    assert isinstance(answer(setting, "help_wanted", typed), Rejected)


def test_words_beside_a_choice_do_not_hide_it(setting: Setting) -> None:
    # Not every word of a sentence is a choice: the ones that name one count.
    assert answer(setting, "help_wanted", "advies, en misschien een vliegtuig") == ["advice"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06-12345678", {"kind": "phone", "value": "+31612345678"}),
        ("06 1234 5678", {"kind": "phone", "value": "+31612345678"}),
        ("+31 6 12345678", {"kind": "phone", "value": "+31612345678"}),
        ("0031612345678", {"kind": "phone", "value": "+31612345678"}),
        ("0187-123456", {"kind": "phone", "value": "+31187123456"}),
        ("010 123 4567", {"kind": "phone", "value": "+31101234567"}),
        ("anna@example.nl", {"kind": "email", "value": "anna@example.nl"}),
        ("Anna.de.Vries@Example.NL", {"kind": "email", "value": "Anna.de.Vries@example.nl"}),
    ],
)
def test_phone_numbers_and_email_are_normalised(
    setting: Setting, typed: str, stored: dict[str, str]
) -> None:
    assert answer(setting, "contact", typed) == stored


@pytest.mark.parametrize("typed", ["12345", "06 1234", "anna@", "anna@@example.nl", "bel me"])
def test_something_that_is_neither_phone_nor_email_is_refused(setting: Setting, typed: str) -> None:
    result = answer(setting, "contact", typed)
    assert isinstance(result, Rejected)
    assert "06 12345678" in result.reason


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("ja", "yes"),
        ("Ja", "yes"),
        ("1", "yes"),
        ("akkoord", "yes"),
        ("nee", "no"),
        ("2", "no"),
        ("no", "no"),
    ],
)
def test_consent_understands_yes_and_no(setting: Setting, typed: str, value: str) -> None:
    assert answer(setting, "consent", typed) == value


def test_consent_does_not_take_a_vague_answer_as_yes(setting: Setting) -> None:
    assert isinstance(answer(setting, "consent", "misschien"), Rejected)
