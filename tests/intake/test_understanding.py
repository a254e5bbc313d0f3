"""The pieces that read ordinary words: yes and no, questions, keywords, places, titles."""

import pytest

from bot.intake.intent import Intent, consent_in, intent, is_greeting, is_question
from bot.intake.keywords import Keyworded, best, hits
from bot.intake.places import Place, find_place
from bot.intake.titles import title_from
from bot.matching import Named, Unclear

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ja hoor", Intent.YES),
        ("Ja, dat klopt!", Intent.YES),
        ("jaaaa", Intent.YES),
        ("\U0001f44d", Intent.YES),
        ("verstuur maar", Intent.YES),
        ("yes please", Intent.YES),
        ("nee dank je", Intent.NO),
        ("nee, dat klopt niet", Intent.NO),
        ("\U0001f44e", Intent.NO),
        ("geen idee", Intent.UNSURE),
        ("I don't know", Intent.UNSURE),
        ("\U0001f937\u200d\u2640\ufe0f", Intent.UNSURE),
        ("misschien", None),
        ("ja, maar alleen als het gratis is", None),  # a yes with a condition: not a plain yes
        ("\U0001f3e1", None),
    ],
)
def test_plain_answers_are_read_whatever_their_form(typed: str, meant: Intent | None) -> None:
    assert intent(typed) is meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ik ga akkoord", Intent.YES),
        ("daar ben ik het mee eens", Intent.YES),
        ("daar ben ik het niet mee eens", Intent.NO),
        ("ik ga niet akkoord", Intent.NO),
        ("een bankje bij de haven", None),
    ],
)
def test_consent_said_in_a_sentence(typed: str, meant: Intent | None) -> None:
    assert consent_in(typed) is meant


@pytest.mark.parametrize(
    ("typed", "asks"),
    [
        ("kost dit geld?", True),
        ("wie beslist hierover", True),
        ("Hoe lang duurt het voordat ik iets hoor", True),
        ("kan", False),
        ("is goed", False),
        ("Bankje bij de haven", False),
        # A long story that asks something along the way is a story.
        ("We willen een speeltuin. " * 6 + "Kan dat?", False),
    ],
)
def test_a_question_is_told_from_an_answer(typed: str, asks: bool) -> None:
    assert is_question(typed) is asks


def test_a_greeting_alone_is_only_a_greeting() -> None:
    assert is_greeting("Hoi!")
    assert is_greeting("goedemorgen")
    assert not is_greeting("hoi, ik wil een bankje")
    assert not is_greeting("\U0001f44d")  # to a contact, a thumb says something


THEMES = [
    Keyworded("jeugd", ("Jeugd", "speeltuin", "spelen", "kinderen")),
    Keyworded("zorg", ("Zorg", "ouderen", "eenzaamheid")),
]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("speeltuintje", "jeugd"),  # the same stem
        ("een buurtspeeltuin", "jeugd"),  # a compound that ends in the keyword
        ("eenzamheid", "zorg"),  # one typo in a long word
        ("koffie voor ouderen", "zorg"),
        ("vliegtuig", None),
    ],
)
def test_keywords_match_on_stems_compounds_and_typos(typed: str, key: str | None) -> None:
    assert best(typed, THEMES) == key


def test_words_for_two_options_equally_are_unclear_and_every_hit_is_explained() -> None:
    assert best("speeltuin voor ouderen", THEMES) == Unclear(("jeugd", "zorg"))
    assert [(hit.key, hit.keyword) for hit in hits("spelen met ouderen", THEMES)] == [
        ("jeugd", "spelen"),
        ("zorg", "ouderen"),
    ]


AREAS = [
    Named("middelharnis", ("Middelharnis",)),
    Named("den-bommel", ("Den Bommel", "Bommel", "'n Bommel")),
    Named("stad", ("Stad aan 't Haringvliet", "Stad")),
    Named("oude-tonge", ("Oude-Tonge",)),
]


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("Middelharnis, de Oostplaat", Place("middelharnis", "de Oostplaat")),
        ("op n Bommel", Place("den-bommel", None)),
        ("Stad aan t Haringvliet, bij de haven", Place("stad", "bij de haven")),
        ("in de wijk West in Midelharnis", Place("middelharnis", "in de wijk West")),
        ("Oude Tonge", Place("oude-tonge", None)),
        ("Rotterdam", None),
    ],
)
def test_a_place_is_found_with_what_was_said_beside_it(typed: str, place: Place | None) -> None:
    assert find_place(typed, AREAS) == place


def test_two_places_named_are_unclear() -> None:
    assert find_place("Middelharnis of Den Bommel", AREAS) == Unclear(
        ("middelharnis", "den-bommel")
    )


@pytest.mark.parametrize(
    ("story", "title"),
    [
        ("hoi! ik wil graag een speeltuintje in onze wijk", "Een speeltuintje in onze wijk"),
        (
            "Wij willen een bankje bij de haven. Daar zitten veel ouderen.",
            "Een bankje bij de haven",
        ),
        ("I would like a bench by the harbour", "A bench by the harbour"),
        (
            "Mijn idee is een moestuin bij de school waar kinderen elke week samen groente kweken",
            "Een moestuin bij de school waar kinderen elke week samen\u2026",
        ),
    ],
)
def test_a_title_is_made_from_the_first_thing_a_story_says(story: str, title: str) -> None:
    assert title_from(story) == title
