"""The description: what the resident wants to do, and for whom."""

import pytest

from bot.intake.state import Setting
from tests.intake.corpus.reading import (
    Back,
    Case,
    Ends,
    Question,
    Stays,
    Unclear,
    Verbatim,
    cases,
    check,
    check_size,
    ids,
)

pytestmark = pytest.mark.pure

TOLD = Verbatim()
ASKS = Question()
UNCLEAR = Unclear()

# Ordinary descriptions, as residents write them: short and long, with and without
# capitals, punctuation, emoji, dialect and typos.
DESCRIPTIONS = [
    "Een bankje bij de haven, zodat ouderen even kunnen uitrusten.",
    "een bankje bij de haven zodat ouderen kunnen zitten",
    "Voor de ouderen in de buurt",
    "Voor iedereen in het dorp",
    "voor de kinderen uit de wijk",
    "Een speeltuin met een schommel en een glijbaan voor de kleintjes.",
    "Ik wil een keer per maand een koffieochtend in het dorpshuis voor ouderen die alleen zijn.",
    "We willen met de buurt bomen planten langs de Oostdijk, de gemeente heeft er al ruimte voor.",
    "Er wordt te hard gereden in de Kerkstraat. Een drempel of een bord zou helpen.",
    "er wort te hard gereeden in onze straat en de kinderen spelen daar",
    "Samen met de buurt zwerfafval opruimen op het strand, elke eerste zaterdag van de maand.",
    "Zonnepanelen op het dak van de sporthal zodat de club minder energie hoeft te kopen",
    "Een jeu de boules baan bij het dorpshuis, dan kunnen we met de club ook buiten spelen 🙂",
    "Meer bloembakken in de Voorstraat, dat maakt het dorp gezelliger!",
    "Een AED bij de sporthal, de dichtstbijzijnde hangt nu 2 km verderop.",
    "EEN PANNAKOOI BIJ HET VOETBALVELD VOOR DE JEUGD",
    "Een repair café in het dorpshuis waar vrijwilligers spullen maken.",
    "ff een plekkie voor de jongeren want die hangen nu bij de supermarkt rond",
    "Een buurtbus voor ouderen die niet meer zelf kunnen rijden naar de markt.",
    "Een wandelgroep voor mensen die eenzaam zijn, elke dinsdag om 10 uur.",
    "Een kunstwerk op de rotonde dat laat zien waar het dorp om bekend staat: de visserij.",
    "Een hondenuitlaatplaats in de nieuwe wijk, nu lopen de honden door de speeltuin.",
    "Een taalcafé voor nieuwkomers, zodat ze sneller Nederlands leren en mensen leren kennen.",
    "Vlaggetjes en lichtjes in de Voorstraat in december 🎄✨",
    "Dat de stoep in de Julianastraat gemaakt wordt, mijn moeder is er al twee keer gevallen.",
    "Een moestuin bij school zodat de kinderen leren waar groente vandaan komt",
    "Een ijsbaan op het dorpsplein in de winter, met warme chocolademelk van de buurt.",
    "Meer prullenbakken langs het wandelpad, er ligt zoveel rommel.",
    "Tiny houses voor starters op het lege stuk grond achter de kerk.",
    "Een bibliotheekkastje bij de bushalte, boeken ruilen voor iedereen.",
    "Een beweegtuin voor senioren in het park, met toestellen voor balans en kracht.",
    "Een open podium in de kerk voor muzikanten uit de regio.",
    "Een laadpaal bij het dorpshuis, er zijn steeds meer elektrische auto's in het dorp.",
    "Schoolplein vergroenen met bomen en een moestuintje, samen met de ouders.",
    "Gezellige buurtbarbecue in de zomer voor alle bewoners van de Molenwijk 🍔",
    "Fietsenstalling bij de bushalte zodat mensen niet meer in de regen hoeven te zoeken.",
    "Elke week samen eten in het dorpshuis voor wie niet graag alleen eet.",
    "Een watertappunt bij de haven voor wandelaars en fietsers.",
    "Een skatebaan, want de jongeren hebben nu niks te doen hier!!",
    "Oud papier ophalen voor de voetbalclub, de opbrengst gaat naar de jeugd.",
    "Dorpsfeest voor 100 jaar Herkingen met muziek, een markt en een optocht.",
    "Lantaarnpalen op het fietspad naar Middelharnis, het is daar 's avonds pikkedonker.",
    "Insectvriendelijke bermen langs de polderweg, met bloemen in plaats van gras.",
    "Een wifi-punt in het dorpshuis zodat ouderen hulp kunnen krijgen met de computer.",
    "Picknicktafels aan het strand, nu moeten mensen in het zand zitten.",
    "Een hardlooproute langs de dijk met afstandspaaltjes.",
    "Een bijenhotel en bloemen op het braakliggende stuk grond bij de school.",
    "Zwemles voor volwassenen die het nooit geleerd hebben",
    "Een openbaar toilet bij de haven, want er is er nu geen enkele.",
    "Een buurtapp voor de Voorstraat zodat we elkaar kunnen waarschuwen bij inbraken.",
    "Dat er meer gedaan wordt tegen eenzaamheid onder ouderen in Den Bommel.",
    "Er is nu niets voor de jeugd in het dorp, waarom regelt niemand dat? Wij willen een "
    "jeugdhonk in de oude school, met een paar ouders als begeleiders.",
    "Mijn buurvrouw en ik willen een kledingruil organiseren in de kerkzaal. Iedereen kan "
    "kleding brengen en meenemen, wat overblijft gaat naar een goed doel. We hebben een "
    "ruimte nodig en misschien wat reclame.",
    "Ik woon al 40 jaar in Ouddorp en zie de laatste jaren steeds meer verkeer langs de "
    "school. Kinderen fietsen daar elke ochtend en het is echt gevaarlijk geworden. Een "
    "zebrapad en een paar drempels zouden veel helpen. Ik heb al met andere ouders gepraat "
    "en die willen ook meehelpen, bijvoorbeeld met het verzamelen van handtekeningen.",
    "Ja, ik wil graag een speeltuintje in onze wijk voor de kleintjes.",
    "Nee, niet voor de kinderen maar voor de ouderen in de wijk",
    "Okee dus het idee is een bankje bij de haven",
    "Voor de jeugd 👦👧",
    "12 bankjes langs de dijk",
    "Een hek om de speeltuin",
    "Ongeveer 20 mensen doen mee",
    "dat weet ik nog niet precies, maar het is voor de buurt",
    "Een plek waar de jeugd kan chillen zonder dat ze overlast geven",
    "Meer licht in het steegje achter de Coop, 's avonds is het er eng.",
    "Een speelveldje voor de kleine kinders in 't Stad",
    "Ons dorpshuis moet opgeknapt worden, de verf bladdert eraf en het dak lekt.",
    "een pad door de polder voor wandelaars en hardlopers",
    "Kerstmarkt op het plein met kraampjes van verenigingen.",
    "Voor de mensen met dementie en hun mantelzorgers een ontmoetingsmiddag.",
    "Meer parkeerruimte bij de huisarts, nu staat iedereen op de stoep.",
    "Een voedselbankpunt in het dorp zodat mensen niet naar Middelharnis hoeven.",
    "Een buurtbieb in een oude telefooncel.",
    "Een oversteekplaats bij de bushalte aan de provinciale weg.",
    "Bankjes langs de dijk zodat ouderen onderweg kunnen rusten 🙏",
    "De vijver in het park schoonmaken en er eendjes en vissen terugbrengen.",
    "Een muurschildering op de sporthal door de kinderen van de basisschool.",
    "Elke vrijdag een marktje met producten van boeren van het eiland.",
    "we wille graag een buurtfeessie doen in de zomer met z'n alle",
    "Een cursus voor ouderen om met de telefoon en internet te leren werken.",
    "Meer groen op het schoolplein, nu is het alleen maar tegels.",
    "Een gezamenlijke aanschaf van zonnepanelen voor de hele straat.",
    "Een klein museum over de geschiedenis van het dorp in de oude pastorie.",
    "Een jongerenraad die mee mag praten over wat er in het dorp gebeurt.",
    "Een zandbak en een wipkip voor de kleintjes bij de flat.",
    "Vaker een bus naar Rotterdam, nu moeten jongeren een uur wachten.",
    "Een zitplek bij het graf van mijn vader, voor ouderen die lang staan lastig vinden.",
    "Een fietsenmaker die eens per week in het dorp komt.",
    "x" * 2000,
]
ENGLISH_DESCRIPTIONS = [
    "So older people can rest for a while.",
    "A bench by the harbour so that older people can sit down after their walk.",
    "For the children in our street, a small playground with a swing.",
    "People drive far too fast here and the children cross the road to school.",
    "We want to plant trees along the dike with the whole neighbourhood.",
    "A coffee morning every week for people who are lonely.",
    "Solar panels on the roof of the sports hall.",
    "A street party in the summer with music and food for everyone 🎉",
    "for everyone in the village",
    "More bins along the footpath, there is so much litter.",
    "A repair cafe in the village hall once a month.",
    "We'd like a dog park near the new houses.",
    "A safe crossing near the primary school, please!",
    "A place for teenagers to hang out in the evening.",
    "Lights along the cycle path to Middelharnis, it is very dark at night.",
    "A weekly market with local farmers.",
    "A community garden where neighbours grow vegetables together",
]

DUTCH = [
    *((text, TOLD) for text in DESCRIPTIONS),
    # Too short, or too long.
    ("kort", UNCLEAR),
    ("speeltuin", UNCLEAR),
    ("x", UNCLEAR),
    ("🙂", UNCLEAR),
    ("x" * 2001, UNCLEAR),
    ("Een heel lang verhaal. " * 90, UNCLEAR),
    # A yes is no description.
    ("ja", UNCLEAR),
    ("ja hoor", UNCLEAR),
    ("akkoord", UNCLEAR),
    ("oké", UNCLEAR),
    ("ok", UNCLEAR),
    ("prima", UNCLEAR),
    ("jazeker", UNCLEAR),
    ("is goed", UNCLEAR),
    ("👍", UNCLEAR),
    ("ja graag!", UNCLEAR),
    # Short questions: parked for the contact.
    ("kost dit geld?", ASKS),
    ("Kost dat iets?", ASKS),
    ("mag dat wel?", ASKS),
    ("hoe lang mag het zijn?", ASKS),
    ("wat moet ik hier schrijven?", ASKS),
    ("is dit genoeg?", ASKS),
    ("moet dat heel precies?", ASKS),
    ("wie leest dit?", ASKS),
    ("wanneer hoor ik iets?", ASKS),
    ("hoe lang duurt het?", ASKS),
    ("moet ik een vergunning aanvragen?", ASKS),
    ("krijg ik subsidie?", ASKS),
    ("kan ik ook een foto sturen?", ASKS),
    ("wat bedoel je?", ASKS),
    ("mag het in het Engels?", ASKS),
    ("wie beslist dit?", ASKS),
    # Commands.
    ("terug", Back()),
    ("Terug", Back()),
    ("stop", Ends()),
    ("stoppen", Ends()),
    ("help", Stays()),
    ("?", Stays()),
    ("overslaan", UNCLEAR),  # the description cannot be skipped
]
ENGLISH = [
    *((text, TOLD) for text in ENGLISH_DESCRIPTIONS),
    ("yes", UNCLEAR),
    ("ok", UNCLEAR),
    ("sure", UNCLEAR),
    ("does this cost money?", ASKS),
    ("how long should it be?", ASKS),
    ("what do you mean?", ASKS),
    ("who reads this?", ASKS),
    ("back", Back()),
    ("cancel", Ends()),
    ("help", Stays()),
    ("skip", UNCLEAR),
]

CORPUS: list[Case] = [*cases(DUTCH, "nl"), *cases(ENGLISH, "en")]


@pytest.mark.parametrize("case", CORPUS, ids=ids(CORPUS))
def test_an_answer_to_the_description_question_is_read_as_meant(
    setting: Setting, case: Case
) -> None:
    check(setting, "description", case)


def test_the_description_corpus_is_large_enough() -> None:
    check_size(CORPUS)
