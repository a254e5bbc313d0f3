"""What a typed message says about a return day: an answer (coming, not coming, maybe,
and with how many guests) or a question about the day; or nothing of the kind.

People answer an invitation as they would a neighbour: "ik kom", "ja ik kom met z'n
tweeën", "+1", "ik neem mijn buurman mee", "lukt niet", "nee helaas", "misschien",
"I'll come", "can't make it". The whole message must be the answer: "ik kom er niet
uit met mijn aanvraag" holds "ik kom … niet" but is a story, and a message ending in
"?" ("kom je ook?") asks rather than answers. Plain words ("ja", "nee", "misschien",
"lukt niet", "ik kan niet") could answer anyone's question; they are marked `plain`,
and the caller counts them only when the day asked last. "ik kon niet" reads as no,
whichever word it misspells ("kom", "kan"), never as yes.

Pure: text in, meaning out. Yes, no and "I don't know" as the intake reads them
(`intake.intent`); the words of coming and going are the return day's own.
"""

import itertools
import re
from dataclasses import dataclass

from bot.intake.intent import Intent, intent, is_question
from bot.matching import normalize

YES, NO, MAYBE = "yes", "no", "maybe"


@dataclass(frozen=True, slots=True)
class Answer:
    """An RSVP in words. `guests` None: nothing said of them."""

    answer: str  # yes | no | maybe
    guests: int | None = None
    plain: bool = False  # words that could answer any question, not only the day's


@dataclass(frozen=True, slots=True)
class Question:
    """A question about the day: what it is, where and when, its programme."""


# "+1", "+ 2": a guest or two, with or without words of coming around it.
_PLUS = re.compile(r"(?:^|\s)\+\s?(?P<n>[1-9])(?=\s|$|[!.,])")
_NUMBERS = {
    "een": 1, "1": 1, "twee": 2, "2": 2, "drie": 3, "3": 3, "vier": 4, "4": 4, "vijf": 5,
    "5": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
}  # fmt: skip
_TOGETHER = {"tweeen": 1, "drieen": 2, "vieren": 3, "vijven": 4}  # "met z'n drieën": 2 more
_NUMBER = "(?P<n>" + "|".join(_NUMBERS) + ")"
# One person named ("mijn buurman"), not how one travels ("met de fiets", "met mijn
# auto") nor what one brings to say ("met een vraag", "met een idee").
# Only people take a place: "met mijn laptop" or "ik neem een taart mee" brings none.
_PEOPLE = (
    "buurman", "buurvrouw", "buren", "buurjongen", "buurmeisje", "man", "vrouw", "partner",
    "vriend", "vriendin", "zoon", "dochter", "kind", "kinderen", "moeder", "vader", "ouders",
    "broer", "zus", "zussen", "broers", "collega", "opa", "oma", "kleinzoon", "kleindochter",
    "kleinkind", "schoonmoeder", "schoonvader", "echtgenoot", "echtgenote", "verloofde",
    "oom", "tante", "neef", "nicht", "mantelzorger", "begeleider", "vrijwilliger", "gast",
    "dorpsgenoot", "wijkgenoot", "medebewoner", "neighbour", "neighbor", "husband", "wife",
    "friend", "son", "daughter", "child", "kids", "mother", "father", "brother", "sister",
    "colleague", "guest", "carer",
)  # fmt: skip
_ONE_WORD = r"(?:" + "|".join(_PEOPLE) + r")"

# Who comes along, after "met" / "with" (and "nog": "met nog iemand"): how many besides
# the one who answers.
_ALONG = r"(?:met|with)(?: nog| another)? "
_WITH = [
    (re.compile(r"(?:met|with) (?:zn|z n|zijn|ons) (?P<t>" + "|".join(_TOGETHER) + ")"), None),
    # "we komen met 4", "met 3 man": how many in all, the one who answers among them.
    (re.compile(r"(?:met|with) (?P<all>[2-5]|twee|drie|vier|vijf)(?: man)?"), None),
    (re.compile(_ALONG + _NUMBER + r" (?:anderen|andere|mensen|personen|persoon|gasten|gast|"
                r"others|other people|people|person|guests|guest)"), None),
    (re.compile(_ALONG + r"(?:mijn|mn|m n|een|onze|ons|my|a|an|our) " + _ONE_WORD
                + r"(?P<two> (?:en|and) (?:mijn |mn |een |my |a |haar |zijn |hun |her |his )?"
                + _ONE_WORD + ")?"), 1),
    (re.compile(_ALONG + r"(?:iemand|someone|somebody|one)"), 1),
]  # fmt: skip
# Who is brought, in "ik neem … mee" / "I'll bring …".
_BROUGHT = [
    (re.compile(_NUMBER + r" (?:anderen|andere|mensen|personen|gasten|others|people|guests)"),
     None),
    (re.compile(r"(?:mijn|mn|m n|een|onze|ons|my|a|an|our) " + _ONE_WORD
                + r"(?P<two> (?:en|and) (?:mijn |mn |een |my |a )?" + _ONE_WORD
                + ")?"), 1),
    (re.compile(r"iemand|someone|somebody|a friend"), 1),
]  # fmt: skip

_COMING = r"(?: er| erbij| er bij| zeker| wel| graag| ook| gewoon| sowieso| dan)*"
# Each a whole answer (with `_AROUND` words before or after it), its meaning, and
# whether it is plain (see the module's docstring).
_ANSWERS = [
    (r"(?:ik|we|wij) (?:kom|komen)" + _COMING + r"(?: (?P<with>(?:met|with) .+))?", YES, False),
    (r"(?:kom|komen) (?:ik|we|wij)" + _COMING + r"(?: (?P<with>(?:met|with) .+))?", YES, False),
    (r"(?:ik ben|we zijn|wij zijn) (?:er(?: zeker| graag| ook| wel)?(?: bij)?|erbij|"
     r"van de partij)(?: (?P<with>(?:met|with) .+))?", YES, False),
    (r"(?:(?:ik|we|wij) (?:kom|komen)" + _COMING + r" (?:en )?)?"
     r"(?:ik|we|wij) (?:neem|nemen|breng|brengen) (?P<brought>.+) mee", YES, False),
    (r"(?:i ll|ill|i will|we ll|we will|i m|im|i am|we re|were|we are) (?:come|coming|be there)"
     r"(?: (?P<with>(?:met|with) .+))?", YES, False),
    (r"(?:i ll|ill|i will|we ll|we will) bring (?P<brought>.+)", YES, False),
    (r"count (?:me|us) in|see you there|i m in|im in|i ll be there|ill be there", YES, False),
    (r"(?:heel |zeer )?graag|yes please|gladly", YES, True),  # "Graag!" to "Kom je?"
    (r"(?:ik|we|wij) (?:kom|komen|kon) (?:er )?(?:toch )?niet(?: bij)?", NO, False),
    (r"(?:ik ben|we zijn|wij zijn) (?:er )?niet(?: bij)?|(?:ik ben |we zijn )?verhinderd",
     NO, False),
    (r"(?:i|we) (?:can t|cant|cannot|can not|won t|wont|will not) (?:make it|come|be there)"
     r"|(?:can t|cant|cannot) make it|(?:i m|im|i am|we re|we are) not coming|not coming",
     NO, False),
    (r"(?:ik|we|wij) (?:kan|kon|kunnen|konden) (?:er )?(?:toch |helaas )?niet"
     r"(?: komen| bij zijn| zijn)?"
     r"|(?:het )?lukt (?:me |mij |ons )?(?:toch |helaas )?niet|helaas(?: niet)?", NO, True),
    (r"(?:ik|we|wij) (?:kom|komen) misschien(?: (?P<with>(?:met|with) .+))?"
     r"|misschien (?:kom|komen) (?:ik|we|wij)|(?:i|we) (?:might|may) come", MAYBE, False),
    (r"misschien(?: wel)?|wellicht|mogelijk|maybe|perhaps|possibly|i don t know yet"
     r"|i dont know yet|weet ik nog niet|dat weet ik nog niet", MAYBE, True),
]  # fmt: skip
_READINGS = [(re.compile(pattern), answer, plain) for pattern, answer, plain in _ANSWERS]
# Said before or after an answer, changing nothing: "ja, ik kom hoor", "sorry, lukt niet".
_AROUND = re.compile(
    r"^(?:(?:ja|jazeker|yes|nee|no|sorry|helaas|oh|ok|oke|top|leuk|prima|hoi|hallo|hi|hey"
    r"|unfortunately) )*(?P<core>.+?)(?: (?:hoor|graag|zeker|wel|ook|helaas|sorry|dank je"
    r"|dank je wel|bedankt|thanks|tot dan|see you|gezellig|unfortunately))*$"
)
_PLAIN = {Intent.YES: YES, Intent.NO: NO, Intent.UNSURE: MAYBE}
_OPENERS = {"ja": YES, "jazeker": YES, "yes": YES, "nee": NO, "no": NO}

# Questions about the day, as whole (short) questions; or any question naming it.
_ABOUT = re.compile(
    r"(?:waar|wanneer|hoe laat|hoelang|hoe lang) (?:is|begint|start|eindigt|duurt)"
    r"(?: het| die| dat| de dag| die dag)?(?: precies| ook alweer| nou| nu| dan)?"
    r"|(?:wat|hoe) is (?:het|het programma|de agenda|het plan)(?: ook alweer| precies)?"
    r"|wat (?:gaan we doen|doen we daar|doen we dan|is de bedoeling)"
    r"|(?:where|when) is it|what time (?:is it|does it start|does it begin)"
    r"|what is the (?:programme|program|agenda|plan)|what will we do"
)
_NAMES_THE_DAY = re.compile(r"\b(?:terugkomdag\w*|return ?days?)\b")


def read(text: str) -> Answer | Question | None:
    """What `text` says about a return day, if anything."""
    said = normalize(text)
    if not said and not _PLUS.search(text):
        # Emoji alone: 👍 is yes, 👎 no, 🤷 maybe, as any question's answer would be.
        meaning = intent(text)
        return Answer(_PLAIN[meaning], plain=True) if meaning is not None else None
    if is_question(text):  # short: a story that asks along the way is no question
        return Question() if _about_the_day(said) else None
    if text.strip().endswith("?"):
        return None
    return _answer(text)


def _about_the_day(said: str) -> bool:
    return bool(_ABOUT.fullmatch(said) or _NAMES_THE_DAY.search(said))


def _answer(text: str) -> Answer | None:
    plus = _PLUS.search(text)
    if plus is not None:  # "+1", "ik kom +1", "ja! +2": coming, with guests
        rest = normalize(_PLUS.sub(" ", text))
        found = _reading(rest) if rest else Answer(YES)
        if found is None or found.answer != YES:
            return None
        return Answer(YES, int(plus.group("n")), plain=False)
    return _reading(normalize(text))


def _reading(said: str) -> Answer | None:
    around = _AROUND.fullmatch(said)
    opening = said[: around.start("core")] if around else ""
    core = around.group("core") if around else said
    # The core first; then with what `_AROUND` took for politeness after it ("heel
    # graag"), and the whole ("helaas niet"), for answers made of those words.
    tried = ((core, opening), (said[len(opening) :], opening), (said, ""))
    for (text, before), (pattern, answer, plain) in itertools.product(tried, _READINGS):
        found = pattern.fullmatch(text)
        if found is None:
            continue
        if _contradicts(before, answer):
            return None
        groups = found.groupdict()
        guests = _guests(groups.get("with"), groups.get("brought"))
        if guests is False:
            return None  # "ik kom met de fiets" says nothing of guests we can count
        return Answer(answer, guests if isinstance(guests, int) else None, plain)
    meaning = intent(said.removesuffix(" helaas").removesuffix(" sorry"))
    return Answer(_PLAIN[meaning], plain=True) if meaning is not None else None


def _contradicts(opening: str, answer: str) -> bool:
    """ "nee, ik kom" or "ja, ik kom niet": an opener that says the other thing."""
    if answer == MAYBE:  # "ja, misschien", "nee, weet ik nog niet"
        return False
    return any(_OPENERS.get(word, answer) != answer for word in opening.split())


def _guests(with_whom: str | None, brought: str | None) -> int | bool | None:
    """How many come along: None when nobody is named, False when what follows "met"
    is not people we can count ("met de fiets" is still a yes, but not one to guess)."""
    if with_whom is None and brought is None:
        return None
    text = with_whom if with_whom is not None else brought
    assert text is not None
    patterns = _WITH if with_whom is not None else _BROUGHT
    for pattern, fixed in patterns:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("t"):
            return _TOGETHER[groups["t"]]
        if groups.get("n"):
            return _NUMBERS[groups["n"]]
        if groups.get("all"):
            return _NUMBERS[groups["all"]] - 1
        return (fixed or 0) + (1 if groups.get("two") else 0)
    return False
