"""The area: which kern of Goeree-Overflakkee, however it is written, and where in it."""

import pytest

from bot.intake.state import Setting
from tests.intake.corpus.reading import (
    Back,
    Case,
    Ends,
    Place,
    Question,
    Stays,
    Unclear,
    cases,
    check,
    check_size,
    ids,
)

pytestmark = pytest.mark.pure

ASKS = Question()
UNCLEAR = Unclear()
# The kernen in the order the question numbers them.
KERNEN = [
    "ouddorp",
    "goedereede",
    "stellendam",
    "middelharnis",
    "sommelsdijk",
    "dirksland",
    "herkingen",
    "melissant",
    "oude-tonge",
    "ooltgensplaat",
    "den-bommel",
    "achthuizen",
    "stad-aan-t-haringvliet",
    "nieuwe-tonge",
]
OUDDORP = Place("ouddorp")
MIDDELHARNIS = Place("middelharnis")

DUTCH = [
    # By number.
    *((str(number), Place(key)) for number, key in enumerate(KERNEN, start=1)),
    ("1.", OUDDORP),
    ("4)", MIDDELHARNIS),
    (" 4 ", MIDDELHARNIS),
    # By name, in any case, with and without punctuation.
    ("Ouddorp", OUDDORP),
    ("ouddorp", OUDDORP),
    ("OUDDORP", OUDDORP),
    ("Ouddorp.", OUDDORP),
    ("Ouddorp!", OUDDORP),
    ("Goedereede", Place("goedereede")),
    ("goedereede", Place("goedereede")),
    ("Stellendam", Place("stellendam")),
    ("Middelharnis", MIDDELHARNIS),
    ("middelharnis", MIDDELHARNIS),
    ("MIDDELHARNIS", MIDDELHARNIS),
    ("Sommelsdijk", Place("sommelsdijk")),
    ("Dirksland", Place("dirksland")),
    ("Herkingen", Place("herkingen")),
    ("Melissant", Place("melissant")),
    ("Oude-Tonge", Place("oude-tonge")),
    ("Oude Tonge", Place("oude-tonge")),
    ("oude tonge", Place("oude-tonge")),
    ("Ooltgensplaat", Place("ooltgensplaat")),
    ("Den Bommel", Place("den-bommel")),
    ("den bommel", Place("den-bommel")),
    ("Achthuizen", Place("achthuizen")),
    ("Stad aan 't Haringvliet", Place("stad-aan-t-haringvliet")),
    ("Stad aan \u2019t Haringvliet", Place("stad-aan-t-haringvliet")),
    ("stad aan t haringvliet", Place("stad-aan-t-haringvliet")),
    ("Stad aan het Haringvliet", Place("stad-aan-t-haringvliet")),
    ("Nieuwe-Tonge", Place("nieuwe-tonge")),
    ("Nieuwe Tonge", Place("nieuwe-tonge")),
    ("nieuwe tonge", Place("nieuwe-tonge")),
    # Aliases and what people on the island call their village.
    ("Havenhoofd", Place("goedereede")),
    ("Sommeldijk", Place("sommelsdijk")),
    ("sommeldijk", Place("sommelsdijk")),
    ("Plaat", Place("ooltgensplaat")),
    ("plaat", Place("ooltgensplaat")),
    ("Oolgensplaat", Place("ooltgensplaat")),
    ("Bommel", Place("den-bommel")),
    ("'n Bommel", Place("den-bommel")),
    ("op n Bommel", Place("den-bommel")),
    ("op 'n Bommel", Place("den-bommel")),
    ("Stad", Place("stad-aan-t-haringvliet")),
    ("'t Stad", Place("stad-aan-t-haringvliet")),
    ("\u2019t Stad", Place("stad-aan-t-haringvliet")),
    ("in 't Stad", Place("stad-aan-t-haringvliet")),
    # Typos.
    ("Midelharnis", MIDDELHARNIS),
    ("Middelharnas", MIDDELHARNIS),
    ("middelharniss", MIDDELHARNIS),
    ("Middelhanis", MIDDELHARNIS),
    ("ouddrop", OUDDORP),
    ("Oudorp", OUDDORP),
    ("Ouddorpp", OUDDORP),
    ("Goederede", Place("goedereede")),
    ("Stellendan", Place("stellendam")),
    ("Stelendam", Place("stellendam")),
    ("Somelsdijk", Place("sommelsdijk")),
    ("Sommelsdyk", Place("sommelsdijk")),
    ("Dirksladn", Place("dirksland")),
    ("Dirkland", Place("dirksland")),
    ("Herkinge", Place("herkingen")),
    ("Melisant", Place("melissant")),
    ("Oltgensplaat", Place("ooltgensplaat")),
    ("Achthuisen", Place("achthuizen")),
    ("Achthuize", Place("achthuizen")),
    ("Nieuwe Tonje", Place("nieuwe-tonge")),
    # Accents do not matter.
    ("Sommelsdïjk", Place("sommelsdijk")),
    ("Dirksländ", Place("dirksland")),
    ("Óuddorp", OUDDORP),
    # A postcode.
    ("3241", MIDDELHARNIS),
    ("3241 AB", MIDDELHARNIS),
    ("3241AB", MIDDELHARNIS),
    ("3241ab", MIDDELHARNIS),
    ("3253", OUDDORP),
    ("3253 AA", OUDDORP),
    ("3252", Place("goedereede")),
    ("3251 KL", Place("stellendam")),
    ("3245", Place("sommelsdijk")),
    ("3247 BX", Place("dirksland")),
    ("3249", Place("herkingen")),
    ("3248", Place("melissant")),
    ("3255", Place("oude-tonge")),
    ("3257", Place("ooltgensplaat")),
    ("3258 AC", Place("den-bommel")),
    ("3256", Place("achthuizen")),
    ("3243", Place("stad-aan-t-haringvliet")),
    ("3244 BX", Place("nieuwe-tonge")),
    ("mijn postcode is 3241 AB", MIDDELHARNIS),
    # In a sentence, without anything more about where.
    ("in Ouddorp", OUDDORP),
    ("In Middelharnis", MIDDELHARNIS),
    ("Ik woon in Ouddorp", OUDDORP),
    ("ik woon in middelharnis", MIDDELHARNIS),
    ("het is in Herkingen", Place("herkingen")),
    ("Dat is in Dirksland", Place("dirksland")),
    # The village, and where in it.
    ("Middelharnis, de Oostplaat", Place("middelharnis", "de Oostplaat")),
    ("Ouddorp bij de molen", Place("ouddorp", "bij de molen")),
    ("in Dirksland, Schoolstraat", Place("dirksland", "Schoolstraat")),
    ("Stellendam, bij de haven", Place("stellendam", "bij de haven")),
    ("Herkingen, Dorpsweg 12", Place("herkingen", "Dorpsweg 12")),
    ("Melissant bij het dorpshuis", Place("melissant", "bij het dorpshuis")),
    ("Den Bommel, aan de haven", Place("den-bommel", "aan de haven")),
    ("Oude-Tonge, Molendijk", Place("oude-tonge", "Molendijk")),
    ("Nieuwe Tonge bij de school", Place("nieuwe-tonge", "bij de school")),
    ("Ooltgensplaat, op het plein", Place("ooltgensplaat", "op het plein")),
    ("Sommelsdijk, Kerkstraat", Place("sommelsdijk", "Kerkstraat")),
    ("ouddorp, bij de vuurtoren", Place("ouddorp", "bij de vuurtoren")),
    ("Middelharnis bij de haven", Place("middelharnis", "bij de haven")),
    ("Midelharnis, bij de haven", Place("middelharnis", "bij de haven")),
    ("in Ouddorp bij de molen", Place("ouddorp", "bij de molen")),
    ("Achthuizen, het sportveld", Place("achthuizen", "het sportveld")),
    ("Goedereede, bij de Markt", Place("goedereede", "bij de Markt")),
    ("Dirksland, wijk Oostplaat", Place("dirksland", "wijk Oostplaat")),
    ("Stad aan 't Haringvliet, bij de haven", Place("stad-aan-t-haringvliet", "bij de haven")),
    ("3241 AB Middelharnis", Place("middelharnis", any_detail=True)),
    # Not on the island, or not a place at all.
    ("Rotterdam", UNCLEAR),
    ("Amsterdam", UNCLEAR),
    ("Hellevoetsluis", UNCLEAR),
    ("Spijkenisse", UNCLEAR),
    ("Zierikzee", UNCLEAR),
    ("Brielle", UNCLEAR),
    ("Utrecht", UNCLEAR),
    ("3011 AB", UNCLEAR),
    ("9999", UNCLEAR),
    ("0", UNCLEAR),
    ("15", UNCLEAR),
    ("99", UNCLEAR),
    ("asdf", UNCLEAR),
    ("ja", UNCLEAR),
    ("Tonge", UNCLEAR),  # Oude- or Nieuwe-Tonge: not a guess
    (
        "ergens in de buurt van de grote weg waar altijd die vrachtwagens rijden richting de brug",
        UNCLEAR,
    ),
    # Questions.
    ("welke kernen zijn er?", ASKS),
    ("wat bedoel je met kern?", ASKS),
    ("maakt het uit waar?", ASKS),
    ("wat als het in meerdere dorpen is?", ASKS),
    ("kan het ook voor het hele eiland?", ASKS),
    ("wat is een wijk?", ASKS),
    ("mag ik ook een adres geven?", ASKS),
    ("waarom wil je dat weten?", ASKS),
    # Commands.
    ("terug", Back()),
    ("stop", Ends()),
    ("help", Stays()),
    ("overslaan", UNCLEAR),  # the area cannot be skipped
]
ENGLISH = [
    ("Ouddorp", OUDDORP),
    ("Middelharnis", MIDDELHARNIS),
    ("4", MIDDELHARNIS),
    ("3241 AB", MIDDELHARNIS),
    ("in Ouddorp", OUDDORP),
    ("I live in Dirksland", Place("dirksland")),
    ("Ouddorp, near the lighthouse", Place("ouddorp", "near the lighthouse")),
    ("Middelharnis by the harbour", Place("middelharnis", "by the harbour")),
    ("Midelharnis", MIDDELHARNIS),
    ("London", UNCLEAR),
    ("Rotterdam", UNCLEAR),
    ("which villages are there?", ASKS),
    ("what do you mean by neighbourhood?", ASKS),
    ("back", Back()),
    ("stop", Ends()),
    ("help", Stays()),
]

CORPUS: list[Case] = [*cases(DUTCH, "nl"), *cases(ENGLISH, "en")]


@pytest.mark.parametrize("case", CORPUS, ids=ids(CORPUS))
def test_an_answer_to_the_area_question_is_read_as_meant(setting: Setting, case: Case) -> None:
    check(setting, "area", case)


def test_the_area_corpus_is_large_enough() -> None:
    check_size(CORPUS)
