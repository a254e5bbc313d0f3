"""Help wanted: one or more of the choices, or none at all (the question is optional)."""

import pytest

from bot.intake.state import Setting
from tests.intake.corpus.reading import (
    Back,
    Case,
    Ends,
    Question,
    Skipped,
    Stays,
    Takes,
    Unclear,
    cases,
    check,
    check_size,
    ids,
)

pytestmark = pytest.mark.pure

ADVICE = Takes(["advice"])
MONEY = Takes(["money"])
PERMIT = Takes(["permit"])
PLACE = Takes(["place"])
CONTACTS = Takes(["contacts"])
OTHER = Takes(["other"])
ADVICE_PERMIT = Takes(["advice", "permit"])
ADVICE_MONEY = Takes(["advice", "money"])
NONE = Skipped()
ASKS = Question()
UNCLEAR = Unclear()

DUTCH = [
    # Numbers, alone and together, however they are separated.
    ("1", ADVICE),
    ("2", MONEY),
    ("3", PERMIT),
    ("4", PLACE),
    ("5", CONTACTS),
    ("6", OTHER),
    ("1.", ADVICE),
    ("1, 3", ADVICE_PERMIT),
    ("1,3", ADVICE_PERMIT),
    ("1 en 3", ADVICE_PERMIT),
    ("3 en 1", ADVICE_PERMIT),
    ("1 3", ADVICE_PERMIT),
    ("1 & 3", ADVICE_PERMIT),
    ("1/3", ADVICE_PERMIT),
    ("1; 3", ADVICE_PERMIT),
    ("1 + 3", ADVICE_PERMIT),
    ("2 4", Takes(["money", "place"])),
    ("2, 4 en 5", Takes(["money", "place", "contacts"])),
    ("1,2,3", Takes(["advice", "money", "permit"])),
    ("1 2 3 4 5 6", Takes(["advice", "money", "permit", "place", "contacts", "other"])),
    ("1, 1", ADVICE),
    ("1 en 2", ADVICE_MONEY),
    ("5 en 2", Takes(["contacts", "money"])),
    ("nummer 2", MONEY),
    # The labels, any case.
    ("advies", ADVICE),
    ("Advies", ADVICE),
    ("ADVIES", ADVICE),
    ("advies!", ADVICE),
    ("geld", MONEY),
    ("Geld", MONEY),
    ("vergunning", PERMIT),
    ("Vergunning.", PERMIT),
    ("plek of materiaal", PLACE),
    ("Plek of materiaal", PLACE),
    ("contact met anderen", CONTACTS),
    ("Contact met anderen", CONTACTS),
    ("iets anders", OTHER),
    ("Iets anders", OTHER),
    ("advies en geld", ADVICE_MONEY),
    ("Advies en geld", ADVICE_MONEY),
    ("advies, geld", ADVICE_MONEY),
    ("geld en advies", ADVICE_MONEY),
    ("advies en vergunning", ADVICE_PERMIT),
    ("advies, vergunning", ADVICE_PERMIT),
    ("geld en een vergunning", Takes(["money", "permit"])),
    ("geld, vergunning en advies", Takes(["money", "permit", "advice"])),
    ("advies & geld", ADVICE_MONEY),
    ("advise", ADVICE),
    ("vergunnig", PERMIT),
    # Aliases and words that point to a choice.
    ("subsidie", MONEY),
    ("Subsidie!", MONEY),
    ("een subsidie", MONEY),
    ("subsidie aanvragen", MONEY),
    ("vrijwilligers", CONTACTS),
    ("Vrijwilligers", CONTACTS),
    ("mensen die meehelpen", CONTACTS),
    ("een vergunning", PERMIT),
    ("Een vergunning.", PERMIT),
    ("advies en subsidie", ADVICE_MONEY),
    ("subsidie en vrijwilligers", Takes(["money", "contacts"])),
    ("een plek", PLACE),
    ("materiaal", PLACE),
    ("advies graag", ADVICE),
    ("alleen advies", ADVICE),
    ("een beetje geld", MONEY),
    ("hulp bij de vergunning", PERMIT),
    ("vrijwilligers en geld", Takes(["contacts", "money"])),
    ("1 en 5", Takes(["advice", "contacts"])),
    ("4, 6", Takes(["place", "other"])),
    ("2 + 5", Takes(["money", "contacts"])),
    ("geen idee eigenlijk", NONE),
    ("nee, niks", NONE),
    ("neen", NONE),
    ("niks nodig hoor", NONE),
    # Nothing wanted, or not known: skipped.
    ("weet ik niet", NONE),
    ("Weet ik niet.", NONE),
    ("weet ik nog niet", NONE),
    ("geen idee", NONE),
    ("niks", NONE),
    ("Niks!", NONE),
    ("niets", NONE),
    ("Niets.", NONE),
    ("niets nodig", NONE),
    ("nee", NONE),
    ("Nee", NONE),
    ("nee hoor", NONE),
    ("nee dank je", NONE),
    ("geen", NONE),
    ("Geen.", NONE),
    ("geen hulp nodig", NONE),
    ("ik heb geen hulp nodig", NONE),
    ("nvt", NONE),
    ("NVT", NONE),
    ("n.v.t.", NONE),
    ("niet nodig", NONE),
    ("hoeft niet", NONE),
    ("👎", NONE),
    # Skipping by command.
    ("overslaan", NONE),
    ("Overslaan", NONE),
    ("sla over", NONE),
    # Not one of the choices.
    ("7", UNCLEAR),
    ("12", UNCLEAR),
    ("99", UNCLEAR),
    ("asdf", UNCLEAR),
    ("Rotterdam", UNCLEAR),
    # Questions.
    ("wat voor hulp is er?", ASKS),
    ("wie helpt mij dan?", ASKS),
    ("hoe werkt dat?", ASKS),
    ("wat betekent dit?", ASKS),
    ("moet ik iets kiezen?", ASKS),
    ("waar kan ik nog meer hulp bij krijgen?", ASKS),
    ("wie betaalt dat?", ASKS),
    # Commands.
    ("terug", Back()),
    ("stop", Ends()),
    ("help", Stays()),
    ("hulp", Stays()),
]
ENGLISH = [
    ("1", ADVICE),
    ("1, 3", ADVICE_PERMIT),
    ("1 and 3", ADVICE_PERMIT),
    ("2 4", Takes(["money", "place"])),
    ("advice", ADVICE),
    ("Advice", ADVICE),
    ("money", MONEY),
    ("permit", PERMIT),
    ("a permit", PERMIT),
    ("place or material", PLACE),
    ("contacts with others", CONTACTS),
    ("something else", OTHER),
    ("advice and money", ADVICE_MONEY),
    ("Advice, money", ADVICE_MONEY),
    ("money and a permit", Takes(["money", "permit"])),
    ("subsidy", MONEY),
    ("funding", MONEY),
    ("nothing", NONE),
    ("Nothing.", NONE),
    ("no", NONE),
    ("No thanks", NONE),
    ("none", NONE),
    ("don't know", NONE),
    ("I don't know", NONE),
    ("no idea", NONE),
    ("not needed", NONE),
    ("skip", NONE),
    ("7", UNCLEAR),
    ("what kind of help is there?", ASKS),
    ("who pays for that?", ASKS),
    ("back", Back()),
    ("stop", Ends()),
    ("help", Stays()),
]
# A Dutch app, a few English words.
MIXED = [
    ("nothing", NONE),
    ("no", NONE),
    ("advice", ADVICE),
    ("money", MONEY),
]

CORPUS: list[Case] = [*cases(DUTCH, "nl"), *cases(ENGLISH, "en"), *cases(MIXED, "nl")]


@pytest.mark.parametrize("case", CORPUS, ids=ids(CORPUS))
def test_an_answer_to_the_help_question_is_read_as_meant(setting: Setting, case: Case) -> None:
    check(setting, "help_wanted", case)


def test_the_help_corpus_is_large_enough() -> None:
    check_size(CORPUS)
