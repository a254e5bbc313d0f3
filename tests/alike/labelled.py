"""A hand-labelled set of initiatives to measure how well the bot finds similar ones.

For a new initiative the bot looks at the other initiatives in the same kern or a
neighbouring one and shows at most three about the same subject. This file is the
ground truth for that: precision at 3 and recall at 3 are counted against it.

The examples and labels were written by reading the initiatives as a resident or a
contact team would, without looking at the matcher, its word lists or its scores.
That is on purpose: labels tuned to what an algorithm already finds would only
measure the algorithm against itself. So the texts are written the way residents
really write: synonyms, Dutch compounds, diminutives, typos, vague titles and now and
then English, and the same subject is sometimes described without a shared word.

`SIMILAR` pairs are about the same subject, whatever their kern: the evaluation
itself drops pairs the bot cannot reach (not the same kern, not neighbours).
`NOT_SIMILAR` pairs are tempting on purpose (same kern and theme, or a shared word
such as "buurt", "kinderen", "dorp", "veldje", "berm") but about another subject.
Pairs in neither list are simply about different subjects.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Example:
    """One initiative as a resident handed it in."""

    key: str  # short unique id, e.g. "speeltuin-mh"
    title: str  # as a resident writes a title, max 60 chars
    description: str  # 1-4 sentences, informal, as residents really write
    area: str  # a kern of Goeree-Overflakkee
    theme: str  # groen, verkeer, zorg, cultuur-sport, wonen or overig
    status: str  # "submitted", "claimed", "running" or "done"


EXAMPLES: tuple[Example, ...] = (
    # Playground: speeltuin, speelplek, speeltoestellen, schommel, playground.
    Example(
        "speeltuin-mh",
        "Speeltuin achter de school opknappen",
        "De speeltuin achter de basisschool is echt aan vervanging toe, de glijbaan is kapot "
        "en er ligt overal glas. Wij als ouders willen helpen met opknappen als de gemeente "
        "het materiaal betaalt.",
        "middelharnis",
        "cultuur-sport",
        "claimed",
    ),
    Example(
        "speelplek-som",
        "Speelplek voor de kleintjes",
        "In onze nieuwbouwwijk wonen heel veel jonge gezinnen maar er is nergens een plek om "
        "te spelen. Een paar toestellen op het grasveld zou al genoeg zijn, een schommel en "
        "een zandbak ofzo.",
        "sommelsdijk",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "speeltoestellen-nt",
        "Nieuwe schommel en wipwap",
        "de schommel op het pleintje is al een jaar weg en er is nooit iets voor terug "
        "gekomen. kinderen spelen nu op straat. graag nieuwe speeltoestellen!!",
        "nieuwe-tonge",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "playground-stad",
        "Playground near the church",
        "We moved here last year and we really miss a playground for the kids near the "
        "church. There is a nice empty lawn there. Happy to help build it with other parents.",
        "stad-aan-t-haringvliet",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "speeltuim-od",
        "Buurtspeeltuintje",
        "Ik wil graag een klein speeltuim in onze buurt, nu moeten we met de kids helemaal "
        "naar het andere eind van het dorp. Mijn buren willen ook meehelpen en een paar "
        "ouders hebben al gereedschap.",
        "ouddorp",
        "cultuur-sport",
        "submitted",
    ),
    # Benches: bankje, zitbank, rustplek.
    Example(
        "bankje-haven-stad",
        "Bankje bij de haven",
        "Veel mensen lopen 's avonds een rondje langs de haven maar er is geen enkel bankje "
        "om even te zitten. Een of twee bankjes met uitzicht op het water zou mooi zijn. Er "
        "is een speeltuintje vlakbij, dan kunnen ouders daar ook even zitten.",
        "stad-aan-t-haringvliet",
        "groen",
        "claimed",
    ),
    Example(
        "zitbank-db",
        "Zitbank langs de dijk",
        "Langs de dijk wandelen veel ouderen maar ze kunnen nergens uitrusten. Graag een paar "
        "zitbanken, liefst met een leuning want dan is opstaan makkelijker. Is meteen een "
        "mooie ontmoetingsplek.",
        "den-bommel",
        "wonen",
        "submitted",
    ),
    Example(
        "rustplek-ot",
        "Rustpunt voor wandelaars",
        "Het ommetje rond het dorp is voor ouderen te lang zonder pauze. Halverwege een "
        "rustplek met een bank en een prullenbak zou veel schelen.",
        "oude-tonge",
        "zorg",
        "submitted",
    ),
    Example(
        "bnkje-gr",
        "Bnkjes op het plein",
        "Er staat geen bankje meer op het plein sinds ze het hebben opgeknapt, toeristen en "
        "ouwe mensen zitten nu op de stoeprand. We hebben met de straat twee banken "
        "getimmerd en die staan er nu.",
        "goedereede",
        "groen",
        "done",
    ),
    # Litter clean-up: zwerfafval, prikactie, opruimen, afval rapen.
    Example(
        "zwerfafval-od",
        "Zwerfafval opruimen langs de duinen",
        "Elke eerste zaterdag van de maand gaan we met een groepje zwerfafval rapen langs de "
        "duinen en het strandpad. Er ligt zoveel plastic en blikjes. Wie wil meedoen? "
        "Grijpers hebben we al.",
        "ouddorp",
        "groen",
        "running",
    ),
    Example(
        "prikactie-gr",
        "Prikactie met de school",
        "Met groep 7 en 8 een middag afval prikken in het dorp en rond de vesting. Leuk voor "
        "de kinderen en het wordt er schoner van. We zoeken nog vuilniszakken en handschoenen.",
        "goedereede",
        "groen",
        "claimed",
    ),
    Example(
        "zwerfafal-st",
        "Idee voor het dorp",
        "Bij de haven en bij de sluizen ligt veel zwerfafal, vooral na een zonnige dag. Ik "
        "wil een vaste opruimploeg beginnen met vrijwilligers. Een paar keer per maand een "
        "uurtje, meer hoeft niet.",
        "stellendam",
        "groen",
        "submitted",
    ),
    Example(
        "litter-opl",
        "Litter picking walk",
        "I walk my dog every day along the dike and there's so much litter, cans and plastic "
        "bags. Would love to organise a monthly clean up walk with some neighbours. Maybe "
        "the gemeente can lend us grabbers and bags?",
        "ooltgensplaat",
        "groen",
        "submitted",
    ),
    # Speeding: hard rijden, snelheid, drempel, 30 km.
    Example(
        "drempel-dk",
        "Drempels in de Voorstraat",
        "Er wordt in de Voorstraat veel te hard gereden, ook door vrachtverkeer. Wij vragen "
        "om een paar verkeersdrempels of een versmalling. Er lopen veel kinderen naar school.",
        "dirksland",
        "verkeer",
        "claimed",
    ),
    Example(
        "hardrijden-her",
        "Veel te hard rijden op de dijk",
        "Auto's en brommers rijden hier 80 terwijl je 60 mag. De berm is al helemaal kapot "
        "gereden. Kan er een snelheidscontrole komen of een smiley bord?",
        "herkingen",
        "verkeer",
        "submitted",
    ),
    Example(
        "dertig-km-mel",
        "30 km zone rond de school",
        "Graag een 30 km zone in de straten rond de basisschool. Ouders durven hun kinderen "
        "niet alleen te laten fietsen omdat er zo hard gereden wordt.",
        "melissant",
        "verkeer",
        "submitted",
    ),
    Example(
        "snelheid-ach",
        "Graag aandacht hiervoor",
        "Op de doorgaande weg door achthuizen houdt niemand zich aan de snelheid. Een "
        "drempel of flitspaal zou helpen voor er ongelukken gebeuren.",
        "achthuizen",
        "verkeer",
        "submitted",
    ),
    # Loneliness of the elderly: koffieochtend, eenzaamheid, ontmoeting ouderen.
    Example(
        "koffieochtend-ot",
        "Koffieochtend in het dorpshuis",
        "Elke dinsdag een koffieochtend voor ouderen die alleen wonen. Even bijpraten, een "
        "spelletje, een kopje koffie. We zoeken nog vrijwilligers die willen schenken of "
        "mensen ophalen.",
        "oude-tonge",
        "zorg",
        "running",
    ),
    Example(
        "eenzaamheit-ach",
        "Eenzaamheit onder ouderen",
        "Sinds mijn moeder weduwe is ziet ze bijna niemand meer en zo zijn er veel ouderen "
        "hier. Misschien een vaste middag in de week waar ze elkaar kunnen ontmoeten?",
        "achthuizen",
        "zorg",
        "submitted",
    ),
    Example(
        "ontmoeting-db",
        "Ontmoetingsmiddag voor 65+",
        "Een gezellige middag om de twee weken voor ouderen uit den bommel, met koffie en een "
        "praatje. Tegen de eenzaamheid. De kerk wil de zaal wel beschikbaar stellen.",
        "den-bommel",
        "zorg",
        "claimed",
    ),
    Example(
        "ouderen-praatje-st",
        "Iets voor de ouderen",
        "Veel oudjes zitten de hele dag alleen thuis. Een inloopochtend met koffie en een "
        "praatje, maakt niet uit waar, zou veel mensen goed doen.",
        "stellendam",
        "zorg",
        "submitted",
    ),
    # Flowers for bees in verges: bijenlint, bloemenstrook, bloeiende bermen.
    Example(
        "bijenlint-dk",
        "Bijenlint door het dorp",
        "We willen een bijenlint aanleggen: stroken met inheemse bloemen van de ene kant van "
        "het dorp naar de andere, zodat bijen en vlinders voedsel vinden. Buurtbewoners "
        "kunnen helpen met zaaien.",
        "dirksland",
        "groen",
        "claimed",
    ),
    Example(
        "bloemenstrook-som",
        "Bloemenstrook ipv gras",
        "Het grasveld langs de singel wordt elke week gemaaid maar er gebeurt verder niks. "
        "Maak er een bloemenstrook van, goed voor de bijen en veel mooier.",
        "sommelsdijk",
        "groen",
        "submitted",
    ),
    Example(
        "bloeiende-bermen-mel",
        "Bermen laten bloeien",
        "Samen met de gemeente hebben we de bermen langs de polderweg ingezaaid met wilde "
        "bloemen. Het zag er deze zomer prachtig uit en er zaten veel bijen.",
        "melissant",
        "groen",
        "done",
    ),
    Example(
        "bermen-her",
        "Wilde bloemen in de berm",
        "Kunnen de bermen bij ons ook ingezaaid worden met bloemen voor bijen en vlinders? "
        "Dat is in andere dorpen ook gedaan. minder maaien scheelt ook nog geld",
        "herkingen",
        "groen",
        "submitted",
    ),
    # Defibrillator: AED, defibrilator, hartveilig.
    Example(
        "aed-nt",
        "AED bij het sportveld",
        "Bij het sportpark hangt geen AED terwijl er elk weekend honderden mensen zijn. We "
        "willen geld inzamelen voor een AED in een buitenkast die dag en nacht bereikbaar is.",
        "nieuwe-tonge",
        "zorg",
        "claimed",
    ),
    Example(
        "defibrillator-her",
        "Defibrilator voor herkingen",
        "De dichtstbijzijnde AED is te ver weg als er iets gebeurt. Graag een defibrilator in "
        "een kast aan de buitenmuur van het dorpshuis, en een cursus reanimeren voor "
        "buurtbewoners.",
        "herkingen",
        "zorg",
        "submitted",
    ),
    Example(
        "aed-ot",
        "Hartveilig wonen",
        "Wij zorgen dat er in elke wijk binnen 6 minuten een AED is. We hebben al 2 kasten, "
        "nu zoeken we nog burgerhulpverleners en geld voor een derde.",
        "oude-tonge",
        "zorg",
        "running",
    ),
    # Village party or festival: dorpsfeest, feestweek, zomerfestival.
    Example(
        "dorpsfeest-gr",
        "Dorpsfeest op het plein",
        "Een dorpsfeest in september voor jong en oud, met muziek, spelletjes voor kinderen "
        "en een braderie. Het is al jaren niet meer geweest.",
        "goedereede",
        "cultuur-sport",
        "claimed",
    ),
    Example(
        "feestweek-od",
        "Feestweek terug!",
        "Vroeger had ouddorp een feestweek met optocht en kermis. Laten we dat weer "
        "organiseren! Na afloop ruimen we samen alles op zodat er geen afval blijft liggen.",
        "ouddorp",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "zomerfestival-st",
        "Summer vibes festival",
        "Een klein zomerfestival bij de haven, met lokale bandjes en foodtrucks. Gewoon a "
        "chill evening for everyone, jong en oud samen.",
        "stellendam",
        "cultuur-sport",
        "submitted",
    ),
    # Community garden: moestuin, pluktuin, groente kweken.
    Example(
        "moestuin-som",
        "Buurtmoestuin",
        "Op het braakliggende stuk grond bij de flat willen we een moestuin voor de buurt. "
        "Iedereen krijgt een bak, en kinderen leren hoe groente groeit.",
        "sommelsdijk",
        "groen",
        "claimed",
    ),
    Example(
        "pluktuin-mh",
        "Pluktuin voor iedereen",
        "Een pluktuin waar je gratis fruit en kruiden kunt plukken, onderhouden door "
        "vrijwilligers uit de buurt. Ik denk aan een paar fruitbomen, bessenstruiken en een "
        "kruidenbed.",
        "middelharnis",
        "groen",
        "submitted",
    ),
    Example(
        "buurttuin-dk",
        "Samen groente kweken",
        "ik zou graag met andere mensen een stuk grond delen om groente te kweken, zelf heb "
        "ik geen tuin. Is er ergens plek voor een gemeenschapstuin?",
        "dirksland",
        "groen",
        "submitted",
    ),
    # Lighting: lantaarnpaal, verlichting, donker.
    Example(
        "lantaarnpaal-ach",
        "Lantarenpaal kapot bij het fietspad",
        "Al maanden doet de lantaarnpaal bij het fietspad naar oude-tonge het niet. Het is "
        "daar pikkedonker en kinderen fietsen daar 's ochtends naar school.",
        "achthuizen",
        "verkeer",
        "submitted",
    ),
    Example(
        "verlichting-opl",
        "Meer verlichting in het park",
        "In het parkje is het 's avonds zo donker dat mensen er niet meer durven te lopen. "
        "Een paar lampen langs het pad, liefst zuinige led, zou het veiliger maken.",
        "ooltgensplaat",
        "verkeer",
        "claimed",
    ),
    Example(
        "donker-fietspad-db",
        "Fietspad is veel te donker",
        "Het fietspad langs de dijk heeft helemaal geen straatverlichting. In de winter fiets "
        "je daar in het pikdonker, levensgevaarlijk.",
        "den-bommel",
        "verkeer",
        "submitted",
    ),
    # Football pitch: trapveldje, voetbalveldje, pannakooi.
    Example(
        "trapveldje-mh",
        "Trapveldje terug",
        "Het trapveldje in onze wijk is weggehaald voor parkeerplaatsen. De jongens van hier "
        "voetballen nu tussen de auto's. Graag een nieuw veldje met twee doeltjes.",
        "middelharnis",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "voetbalveldje-nt",
        "Voetbalveldje met goals",
        "Kunnen er op het veldje achter de sporthal echte goals komen? Nu leggen de kinderen "
        "hun jassen neer als doel haha.",
        "nieuwe-tonge",
        "cultuur-sport",
        "claimed",
    ),
    Example(
        "pannaveld-stad",
        "Pannakooi voor de jeugd",
        "Een pannakooi om in te voetballen zou top zijn voor de kinderen hier. Na school is "
        "er niks te doen.",
        "stad-aan-t-haringvliet",
        "cultuur-sport",
        "submitted",
    ),
    # Youth hangout: jongerenplek, hangplek, jeugdhonk.
    Example(
        "jongerenplek-dk",
        "Een plek voor de jeugd",
        "Jongeren van 14-18 hebben hier geen plek om te zijn, dus hangen ze bij de "
        "supermarkt en dat geeft gedoe. Een jongerenplek met een overkapping en een bankje "
        "zou helpen. Wij jongeren willen zelf meedenken.",
        "dirksland",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "hangplek-mel",
        "Hangplek voor jongeren",
        "Een overdekte hangplek aan de rand van het dorp waar jongeren 's avonds kunnen "
        "zitten zonder dat buren klagen. Nu scheuren ze op hun scooters door de straten "
        "omdat ze nergens heen kunnen.",
        "melissant",
        "cultuur-sport",
        "claimed",
    ),
    Example(
        "jeugdhonk-som",
        "Jeugdhonk",
        "Is er een ruimte waar de jeugd van sommelsdijk op vrijdagavond samen kan komen? Met "
        "een pingpongtafel en muziek, en een paar ouders als begeleiding.",
        "sommelsdijk",
        "cultuur-sport",
        "submitted",
    ),
    # Dog walking area: hondenuitlaatplek, losloopveldje, dog park.
    Example(
        "hondenveld-ot",
        "Hondenuitlaatplek",
        "Graag een omheinde uitlaatplek voor honden, nu laat iedereen zijn hond uit op het "
        "grasveld waar de kinderen spelen. Met een afvalbak voor de zakjes.",
        "oude-tonge",
        "groen",
        "submitted",
    ),
    Example(
        "uitlaatplek-nt",
        "Losloopveldje voor honden",
        "Een afgezet veldje waar honden los mogen rennen. Er zijn veel hondenbezitters in de "
        "wijk en nu worden ze steeds aangesproken.",
        "nieuwe-tonge",
        "wonen",
        "claimed",
    ),
    Example(
        "hondenlosloop-ach",
        "Dog park",
        "Would it be possible to have a fenced area where dogs can run off leash? There are "
        "lots of dog owners in achthuizen and nowhere safe to let them run.",
        "achthuizen",
        "groen",
        "submitted",
    ),
    # Book exchange: minibieb, boekenruil, boekenkastje.
    Example(
        "minibieb-od",
        "Minibieb bij de school",
        "We hebben een minibieb geplaatst bij het schoolplein: een kastje waar je een boek "
        "pakt en er een terugzet. Loopt super, vooral kinderboeken gaan snel.",
        "ouddorp",
        "overig",
        "done",
    ),
    Example(
        "boekenruil-gr",
        "Boekenruilkast",
        "een boekenruil kast naast het bankje bij de kerk. Ik heb zelf dozen vol boeken die "
        "ik wil delen.",
        "goedereede",
        "cultuur-sport",
        "submitted",
    ),
    Example(
        "boekenkastje-st",
        "Voorstel",
        "Mijn idee is een klein kastje in het dorp waar mensen boeken kunnen ruilen, een "
        "soort minibiebje. Mijn man kan het timmeren.",
        "stellendam",
        "overig",
        "submitted",
    ),
    # Solar panels on a shared roof: zonnepanelen, zonne-energie.
    Example(
        "zonnepanelen-db",
        "Zonnepanelen op het dorpshuis",
        "Het dak van het dorpshuis is groot en ligt op het zuiden. Met zonnepanelen kan de "
        "energierekening omlaag en houden we meer geld over voor activiteiten.",
        "den-bommel",
        "wonen",
        "submitted",
    ),
    Example(
        "zonnedak-opl",
        "Samen zonne-energie opwekken",
        "We willen met buurtbewoners een energiecooperatie starten en panelen leggen op het "
        "dak van de sporthal. Iedereen kan een paneel kopen en krijgt een deel van de "
        "opbrengst.",
        "ooltgensplaat",
        "wonen",
        "claimed",
    ),
    # Lone initiatives, about a subject no other example shares.
    Example(
        "parkeren-dk",
        "Parkeerprobleem bij de huisarts",
        "Bij de huisartsenpraktijk is nooit plek om te parkeren, oudere patienten moeten ver "
        "lopen. Misschien kan het grasveld ernaast een paar parkeervakken worden?",
        "dirksland",
        "verkeer",
        "submitted",
    ),
    Example(
        "repair-cafe-mh",
        "Repair Cafe",
        "Eens per maand een Repair Cafe waar vrijwilligers kapotte spullen repareren: "
        "stofzuigers, fietsen, kleding. Minder afval en gezellig koffie drinken met de buurt.",
        "middelharnis",
        "overig",
        "running",
    ),
    Example(
        "boodschappen-db",
        "Boodschappendienst voor ouderen",
        "Sinds de supermarkt dicht is kunnen veel ouderen niet meer zelf boodschappen doen. "
        "Een groepje vrijwilligers met een auto kan een keer per week rijden.",
        "den-bommel",
        "zorg",
        "submitted",
    ),
    Example(
        "vissersmonument-st",
        "Vissersmonument opknappen",
        "Het monument voor de omgekomen vissers bij de haven is verweerd en de namen zijn "
        "bijna niet meer te lezen. We willen het laten restaureren voor de herdenking.",
        "stellendam",
        "cultuur-sport",
        "claimed",
    ),
)

# Pairs of keys about the same subject (what the initiative is about), whatever their kern.
SIMILAR: tuple[tuple[str, str], ...] = (
    # Playground.
    ("speeltuin-mh", "speelplek-som"),
    ("speeltuin-mh", "speeltoestellen-nt"),
    ("speeltuin-mh", "playground-stad"),
    ("speeltuin-mh", "speeltuim-od"),
    ("speelplek-som", "speeltoestellen-nt"),
    ("speelplek-som", "playground-stad"),
    ("speelplek-som", "speeltuim-od"),
    ("speeltoestellen-nt", "playground-stad"),
    ("speeltoestellen-nt", "speeltuim-od"),
    ("playground-stad", "speeltuim-od"),
    # Benches.
    ("bankje-haven-stad", "zitbank-db"),
    ("bankje-haven-stad", "rustplek-ot"),
    ("bankje-haven-stad", "bnkje-gr"),
    ("zitbank-db", "rustplek-ot"),
    ("zitbank-db", "bnkje-gr"),
    ("rustplek-ot", "bnkje-gr"),
    # Litter clean-up.
    ("zwerfafval-od", "prikactie-gr"),
    ("zwerfafval-od", "zwerfafal-st"),
    ("zwerfafval-od", "litter-opl"),
    ("prikactie-gr", "zwerfafal-st"),
    ("prikactie-gr", "litter-opl"),
    ("zwerfafal-st", "litter-opl"),
    # Speeding.
    ("drempel-dk", "hardrijden-her"),
    ("drempel-dk", "dertig-km-mel"),
    ("drempel-dk", "snelheid-ach"),
    ("hardrijden-her", "dertig-km-mel"),
    ("hardrijden-her", "snelheid-ach"),
    ("dertig-km-mel", "snelheid-ach"),
    # Loneliness of the elderly.
    ("koffieochtend-ot", "eenzaamheit-ach"),
    ("koffieochtend-ot", "ontmoeting-db"),
    ("koffieochtend-ot", "ouderen-praatje-st"),
    ("eenzaamheit-ach", "ontmoeting-db"),
    ("eenzaamheit-ach", "ouderen-praatje-st"),
    ("ontmoeting-db", "ouderen-praatje-st"),
    # Flowers for bees.
    ("bijenlint-dk", "bloemenstrook-som"),
    ("bijenlint-dk", "bloeiende-bermen-mel"),
    ("bijenlint-dk", "bermen-her"),
    ("bloemenstrook-som", "bloeiende-bermen-mel"),
    ("bloemenstrook-som", "bermen-her"),
    ("bloeiende-bermen-mel", "bermen-her"),
    # Defibrillator.
    ("aed-nt", "defibrillator-her"),
    ("aed-nt", "aed-ot"),
    ("defibrillator-her", "aed-ot"),
    # Village party or festival.
    ("dorpsfeest-gr", "feestweek-od"),
    ("dorpsfeest-gr", "zomerfestival-st"),
    ("feestweek-od", "zomerfestival-st"),
    # Community garden.
    ("moestuin-som", "pluktuin-mh"),
    ("moestuin-som", "buurttuin-dk"),
    ("pluktuin-mh", "buurttuin-dk"),
    # Lighting.
    ("lantaarnpaal-ach", "verlichting-opl"),
    ("lantaarnpaal-ach", "donker-fietspad-db"),
    ("verlichting-opl", "donker-fietspad-db"),
    # Football pitch.
    ("trapveldje-mh", "voetbalveldje-nt"),
    ("trapveldje-mh", "pannaveld-stad"),
    ("voetbalveldje-nt", "pannaveld-stad"),
    # Youth hangout.
    ("jongerenplek-dk", "hangplek-mel"),
    ("jongerenplek-dk", "jeugdhonk-som"),
    ("hangplek-mel", "jeugdhonk-som"),
    # Dog walking area.
    ("hondenveld-ot", "uitlaatplek-nt"),
    ("hondenveld-ot", "hondenlosloop-ach"),
    ("uitlaatplek-nt", "hondenlosloop-ach"),
    # Book exchange.
    ("minibieb-od", "boekenruil-gr"),
    ("minibieb-od", "boekenkastje-st"),
    ("boekenruil-gr", "boekenkastje-st"),
    # Solar panels.
    ("zonnepanelen-db", "zonnedak-opl"),
)

# Pairs of keys that are NOT about the same subject, chosen to be tempting: same kern and
# theme, or sharing a common word ("buurt", "kinderen", "dorp") but another subject.
NOT_SIMILAR: tuple[tuple[str, str], ...] = (
    # Children and youth in the same kern and theme: play, football, a place to hang out.
    ("speeltuin-mh", "trapveldje-mh"),
    ("speelplek-som", "jeugdhonk-som"),
    ("speeltoestellen-nt", "voetbalveldje-nt"),
    ("playground-stad", "pannaveld-stad"),
    ("jeugdhonk-som", "trapveldje-mh"),
    # A shared word: "tuin", "kinderen", "veldje", "grasveld", "sportveld", "bankje".
    ("speeltuin-mh", "pluktuin-mh"),
    ("speelplek-som", "moestuin-som"),
    ("voetbalveldje-nt", "uitlaatplek-nt"),
    ("voetbalveldje-nt", "aed-nt"),
    ("hondenveld-ot", "speeltoestellen-nt"),
    ("playground-stad", "bankje-haven-stad"),
    ("boekenruil-gr", "bnkje-gr"),
    ("minibieb-od", "speeltuim-od"),
    # The elderly in the same kern: care, rest, meeting, errands.
    ("rustplek-ot", "koffieochtend-ot"),
    ("koffieochtend-ot", "aed-ot"),
    ("ontmoeting-db", "boodschappen-db"),
    ("ontmoeting-db", "zitbank-db"),
    ("zonnepanelen-db", "koffieochtend-ot"),
    ("hondenveld-ot", "rustplek-ot"),
    # Traffic in the same kern, or a shared "dijk" or "berm".
    ("drempel-dk", "parkeren-dk"),
    ("lantaarnpaal-ach", "snelheid-ach"),
    ("hangplek-mel", "dertig-km-mel"),
    ("hardrijden-her", "bermen-her"),
    ("zitbank-db", "donker-fietspad-db"),
    # Green in the same kern, or "buurt", "afval", "haven", "dorp", "plein", "dog".
    ("buurttuin-dk", "bijenlint-dk"),
    ("moestuin-som", "bloemenstrook-som"),
    ("zwerfafval-od", "feestweek-od"),
    ("repair-cafe-mh", "pluktuin-mh"),
    ("prikactie-gr", "dorpsfeest-gr"),
    ("bnkje-gr", "dorpsfeest-gr"),
    ("dorpsfeest-gr", "zwerfafal-st"),
    ("zwerfafal-st", "vissersmonument-st"),
    ("zomerfestival-st", "zwerfafal-st"),
    ("zomerfestival-st", "ouderen-praatje-st"),
    ("litter-opl", "hondenlosloop-ach"),
    ("verlichting-opl", "zonnedak-opl"),
)
