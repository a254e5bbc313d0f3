"""The title: a short name for the idea. Not a yes, not a question, not the whole story."""

import pytest

from bot.intake.state import Answer, Setting
from tests.intake.corpus.reading import (
    CONSENT,
    Back,
    Case,
    Ends,
    Question,
    Stays,
    Story,
    SuggestedTitle,
    Unclear,
    Verbatim,
    cases,
    check,
    check_size,
    ids,
)

pytestmark = pytest.mark.pure

TITLE = Verbatim()
ASKS = Question()
STORY = Story()
UNCLEAR = Unclear()
YES_WORDS = [
    "ja",
    "Ja",
    "ja!",
    "ja hoor",
    "Ja graag",
    "jazeker",
    "akkoord",
    "Akkoord.",
    "ok",
    "OK",
    "oké",
    "oke",
    "prima",
    "is goed",
    "goed",
    "👍",
    "✅",
]
ENGLISH_YES_WORDS = ["yes", "Yes please", "sure", "ok", "okay", "fine"]
LONG = (
    "Ik wil graag dat er een bankje komt bij de haven zodat ouderen even kunnen uitrusten "
    "na het wandelen"
)

DUTCH = [
    ("Bankje bij de haven", TITLE),
    ("bankje bij de haven", TITLE),
    ("BANKJE BIJ DE HAVEN", TITLE),
    ("Bankje bij de haven.", TITLE),
    ("Bankje bij de haven!", TITLE),
    ("  Bankje bij de haven  ", TITLE),
    ("Speeltuin in de Molenwijk", TITLE),
    ("Speeltuintje voor de kleintjes", TITLE),
    ("Jeu de boules baan", TITLE),
    ("Buurtfeest Julianastraat", TITLE),
    ("Meer bomen in Ouddorp", TITLE),
    ("AED in het dorpshuis", TITLE),
    ("Zebrapad bij de school", TITLE),
    ("Koffieochtend voor ouderen", TITLE),
    ("Moestuin voor iedereen", TITLE),
    ("Repair café", TITLE),
    ("Opruimactie strand", TITLE),
    ("Hondenuitlaatplek", TITLE),
    ("Zonnepanelen op de sporthal", TITLE),
    ("Drempels in de Kerkstraat", TITLE),
    ("🌳 Bomen planten", TITLE),
    ("Bloembakken!", TITLE),
    ("JEUGDHONK", TITLE),
    ("buurtbbq", TITLE),
    ("Kerstmarkt 2026", TITLE),
    ("Wandelpad rond het dorp", TITLE),
    ("Pannakooi bij het voetbalveld", TITLE),
    ("Ontmoetingsplek voor jongeren", TITLE),
    ("Buurtbus voor ouderen", TITLE),
    ("Een kunstwerk op de rotonde", TITLE),
    ("Fietsenstalling bij het station", TITLE),
    ("Tiny houses voor starters", TITLE),
    ("Oversteekplaats Dorpsweg", TITLE),
    ("Samen eten in het dorpshuis", TITLE),
    ("Kinderboerderij", TITLE),
    ("Bibliotheekkastje", TITLE),
    ("Schoolplein vergroenen", TITLE),
    ("Zwemles voor volwassenen", TITLE),
    ("Muziekfestival op het plein", TITLE),
    ("Skatebaan", TITLE),
    ("Beweegtuin voor senioren", TITLE),
    ("Wifi in het dorpshuis", TITLE),
    ("Bijenhotel", TITLE),
    ("Lantaarnpalen op het fietspad", TITLE),
    ("Een openbare toiletvoorziening", TITLE),
    ("Insectvriendelijke bermen", TITLE),
    ("Laadpalen bij de sporthal", TITLE),
    ("Een buurtapp voor de Voorstraat", TITLE),
    ("Taalcafé voor nieuwkomers", TITLE),
    ("Open podium in de kerk", TITLE),
    ("Picknicktafels aan het strand", TITLE),
    ("Hardlooproute langs de dijk", TITLE),
    ("Vlaggetjes in de Voorstraat 🎉", TITLE),
    ("Glasvezel voor de buitengebied", TITLE),
    ("Een watertappunt bij de haven", TITLE),
    ("Oud papier ophalen voor de club", TITLE),
    ("Dorpsfeest 100 jaar Herkingen", TITLE),
    ("Het Groene Hart van Dirksland", TITLE),
    ("Zitbank", TITLE),
    ("Bos", TITLE),  # three characters: short enough, but a title
    ("AED", TITLE),
    ("idee: bankje bij de haven", TITLE),
    ("Mijn idee is een bankje", TITLE),
    ("Een speeltuin voor de kinderen in onze wijk", TITLE),
    ("Meer prullenbakken langs het wandelpad bij de haven", TITLE),
    ("Wij willen een ijsbaan op het dorpsplein in de winter", TITLE),
    ("x" * 80, TITLE),
    ("Een bankje bij de haven van Stellendam, zodat ouderen kunnen uitrusten", TITLE),
    ("Snelheid omlaag in de Kerkstraat (30 km)", TITLE),
    ("Buurtpreventie-app", TITLE),
    ("Dorpshuis 't Centrum opknappen", TITLE),
    ("Feest voor 50 jaar de Hoeksteen", TITLE),
    ("Kunst in de etalages", TITLE),
    ("Bomen!!!", TITLE),
    ("Jeu-de-boules", TITLE),
    ("Zonnepanelen 🌞", TITLE),
    # A yes is no title; without a story told there is nothing to agree to.
    *((word, UNCLEAR) for word in YES_WORDS),
    ("nee", UNCLEAR),
    ("Nee.", UNCLEAR),
    # Too short.
    ("ab", UNCLEAR),
    ("a", UNCLEAR),
    ("🌳", UNCLEAR),
    # Questions.
    ("kost dit geld?", ASKS),
    ("Kost dit geld?", ASKS),
    ("mag dat wel?", ASKS),
    ("Mag dat wel?", ASKS),
    ("wat moet ik hier invullen?", ASKS),
    ("hoe lang mag de titel zijn?", ASKS),
    ("wat bedoel je met een titel?", ASKS),
    ("wat is een titel?", ASKS),
    ("mag het ook in het Engels?", ASKS),
    ("is dat verplicht?", ASKS),
    ("moet ik het al precies weten?", ASKS),
    ("waar is dit voor?", ASKS),
    ("Wie leest dit?", ASKS),
    ("hoe lang duurt het voordat ik iets hoor?", ASKS),
    ("krijg ik hier geld voor?", ASKS),
    ("wat gebeurt er nu?", ASKS),
    ("kan ik ook een foto sturen?", ASKS),
    ("moet ik een vergunning hebben?", ASKS),
    # The whole story where the title was asked: kept as the description.
    (LONG, STORY),
    (
        "We willen met de hele buurt een feest organiseren op het plein voor de kerk, "
        "met muziek en eten voor iedereen",
        STORY,
    ),
    (
        "Er wordt veel te hard gereden in de Kerkstraat en de kinderen kunnen niet veilig "
        "oversteken naar school",
        STORY,
    ),
    (
        "Mijn idee is een moestuin waar mensen uit de buurt samen groente kweken en elkaar "
        "leren kennen",
        STORY,
    ),
    (
        "Ouderen in ons dorp zijn vaak alleen. Ik wil een wekelijkse koffieochtend in het "
        "dorpshuis beginnen.",
        STORY,
    ),
    (
        "Zonnepanelen op het dak van de sporthal, zodat de vereniging minder betaalt en het "
        "dorp duurzamer wordt",
        STORY,
    ),
    ("x" * 81, STORY),
    # Commands.
    ("terug", Back()),
    ("vorige", Back()),
    ("stop", Ends()),
    ("annuleer", Ends()),
    ("help", Stays()),
    ("hulp", Stays()),
    ("overslaan", UNCLEAR),  # the title cannot be skipped
    ("taal engels", Stays()),
]

ENGLISH = [
    ("A bench by the harbour", TITLE),
    ("a bench by the harbour", TITLE),
    ("Playground for the kids", TITLE),
    ("Street party", TITLE),
    ("More trees in Ouddorp", TITLE),
    ("Coffee morning for the elderly", TITLE),
    ("Community garden", TITLE),
    ("Speed bumps on the Kerkstraat", TITLE),
    ("Solar panels on the sports hall", TITLE),
    ("Repair cafe", TITLE),
    ("Beach clean-up!", TITLE),
    ("Dog park", TITLE),
    ("Music in the square", TITLE),
    ("Language cafe for newcomers", TITLE),
    ("A skate park", TITLE),
    *((word, UNCLEAR) for word in ENGLISH_YES_WORDS),
    ("does this cost money?", ASKS),
    ("is that allowed?", ASKS),
    ("what should I write here?", ASKS),
    ("what do you mean by a title?", ASKS),
    (
        "I would like a bench by the harbour so that older people can rest after their "
        "walk along the dike",
        STORY,
    ),
    ("back", Back()),
    ("stop", Ends()),
    ("help", Stays()),
]

# The idea was told first: a yes now takes the title made from it.
STORY_FIRST: dict[str, Answer] = {
    "consent": CONSENT,
    "description": "ik wil graag een speeltuintje in onze wijk",
}
AFTER_STORY_NL = [
    *((word, SuggestedTitle()) for word in YES_WORDS),
    ("ja, prima", SuggestedTitle()),
    ("is goed zo", SuggestedTitle()),
    ("ja dat is goed", SuggestedTitle()),
    ("ja hoor 👍", SuggestedTitle()),
    ("Speeltuin in de Molenwijk", TITLE),
    ("Speeltuintje", TITLE),
    ("Een speelplek voor de kinderen", TITLE),
    ("kost dit geld?", ASKS),
    ("mag dat wel?", ASKS),
    ("terug", Back()),
    ("stop", Ends()),
]
AFTER_STORY_EN = [
    *((word, SuggestedTitle()) for word in ENGLISH_YES_WORDS),
    ("A playground in our street", TITLE),
    ("does this cost money?", ASKS),
]

CORPUS: list[Case] = [
    *cases(DUTCH, "nl"),
    *cases(ENGLISH, "en"),
    *cases(AFTER_STORY_NL, "nl", STORY_FIRST),
    *cases(AFTER_STORY_EN, "en", STORY_FIRST),
]


@pytest.mark.parametrize("case", CORPUS, ids=ids(CORPUS))
def test_an_answer_to_the_title_question_is_read_as_meant(setting: Setting, case: Case) -> None:
    check(setting, "title", case)


def test_the_title_corpus_is_large_enough() -> None:
    check_size(CORPUS)
